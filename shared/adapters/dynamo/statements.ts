/** Statements registered at run time and their coverage links. */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { Statement } from '../../domain/types.ts';
import type { CoverageLink, StatementStore } from '../../ports.ts';
import { type Item, m, V, type TableRef, queryAll } from './table.ts';

export function createDynamoStatementStore(ref: TableRef): StatementStore {
  return {
    async list() {
      return (await queryAll(ref, keys.statementPartition)).map((i) => unmarshall(i).statement as Statement);
    },
    async get(id) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.statement(id)), ConsistentRead: true }));
      return out.Item ? (unmarshall(out.Item).statement as Statement) : undefined;
    },
    async remove(id) {
      // Its coverage links first: a crash in between leaves a statement to remove again, never orphan links of a live one.
      const links = await queryAll(ref, keys.coveragePartition(id), false);
      for (const item of links) await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: { [tableSchema.partitionKey]: item[tableSchema.partitionKey]!, [tableSchema.sortKey]: item[tableSchema.sortKey]! } }));
      const out = await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.statement(id)), ReturnValues: 'ALL_OLD' }));
      return { removed: !!out.Attributes, links: links.length };
    },
    async put(statement) {
      await ref.client.send(
        new PutItemCommand({ TableName: ref.tableName, Item: m({ ...keys.statement(statement.id), ...keys.statementList(statement.date, statement.id), [V]: SCHEMA_VERSION, statement }) }),
      );
    },
    async linkCoverage(link) {
      await ref.client.send(new PutItemCommand({ TableName: ref.tableName, Item: m({ ...keys.coverage(link.statementId, link.articleId), [V]: SCHEMA_VERSION, link }) }));
    },
    async unlinkCoverage(statementId, articleId) {
      await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.coverage(statementId, articleId)) }));
    },
    async coverage(statementId) {
      const links = (await queryAll(ref, keys.coveragePartition(statementId), false)).map((i) => unmarshall(i).link as CoverageLink);
      return links.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.articleId.localeCompare(b.articleId));
    },
  };
}


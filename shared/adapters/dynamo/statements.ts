/** Statements registered at run time and their coverage links. */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { Statement } from '../../domain/types.ts';
import { statementSchema } from '../../config/schemas.ts';
import type { CoverageLink, StatementStore } from '../../ports.ts';
import { type Item, m, V, type TableRef, queryAll } from './table.ts';

/** A stored record that does not pass the statement schema (written before it was strict, or by hand). */
export interface InvalidStatement {
  id: string;
  problem: string;
}

/**
 * Every record read back passes the statement schema again: one bad record (a date 2026-13-01, a
 * window of centuries) is left out and reported, never handed to the classifier, the digest or the
 * web app, where it would stop every article or page.
 */
function decodeStatement(item: Item): { ok: true; statement: Statement } | { ok: false; invalid: InvalidStatement } {
  const raw = unmarshall(item).statement as Record<string, unknown> | undefined;
  const parsed = statementSchema.safeParse(raw, { jitless: true });
  if (parsed.success) return { ok: true, statement: parsed.data };
  const id = typeof raw?.id === 'string' ? raw.id : String(item[tableSchema.sortKey]?.S ?? '?');
  return { ok: false, invalid: { id, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'utspelet'}: ${i.message}`).join('; ') } };
}

export function createDynamoStatementStore(ref: TableRef, opts: { onInvalid?: (s: InvalidStatement) => void } = {}): StatementStore {
  // Reported once per container and record: the statement list is read every minute.
  const reported = new Set<string>();
  const report = (s: InvalidStatement) => {
    if (reported.has(s.id)) return;
    reported.add(s.id);
    (opts.onInvalid ?? ((x) => console.warn(JSON.stringify({ level: 'WARN', message: 'invalid stored statement left out', ...x }))))(s);
  };
  const all = async () => (await queryAll(ref, keys.statementPartition)).map(decodeStatement);
  return {
    async list() {
      const out: Statement[] = [];
      for (const d of await all()) if (d.ok) out.push(d.statement);
      else report(d.invalid);
      return out;
    },
    async invalid() {
      return (await all()).flatMap((d) => (d.ok ? [] : [d.invalid]));
    },
    async get(id) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.statement(id)), ConsistentRead: true }));
      if (!out.Item) return undefined;
      const d = decodeStatement(out.Item);
      if (d.ok) return d.statement;
      report(d.invalid);
      return undefined;
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


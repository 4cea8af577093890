/** The shared codec, pager and conditional-write helpers every DynamoDB store uses, on one table. */
import { BatchGetItemCommand, ConditionalCheckFailedException, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { keys, tableSchema } from '../../storage/table-schema.ts';
import { parseIsoWeek } from '../../domain/week.ts';

export type Item = Record<string, AttributeValue>;
export const m = (o: Record<string, unknown>): Item => marshall(o, { removeUndefinedValues: true, convertClassInstanceToMap: true });
export const V = tableSchema.versionAttribute;
export const GSI = tableSchema.indexes.byList;

export class ConcurrentUpdateError extends Error {
  override name = 'ConcurrentUpdateError';
}

/** True when the conditional write happened, false when its condition failed; any other error is thrown. */
export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

export interface TableRef {
  client: DynamoDBClient;
  tableName: string;
}

export type IndexRef = { name: string; partitionKey: string };

/** A Query's result pages, one at a time (bounded memory for a large partition). */
export async function* queryPages(ref: TableRef, partition: string, index: boolean | IndexRef = true, consistent = false): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  const ix: IndexRef | undefined = index === true ? GSI : index === false ? undefined : index;
  do {
    const out = await ref.client.send(
      new QueryCommand({
        TableName: ref.tableName,
        ...(ix ? { IndexName: ix.name } : { ConsistentRead: consistent }),
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': ix ? ix.partitionKey : tableSchema.partitionKey },
        ExpressionAttributeValues: { ':pk': { S: partition } },
        ExclusiveStartKey: start,
      }),
    );
    yield out.Items ?? [];
    start = out.LastEvaluatedKey;
  } while (start);
}

/**
 * BatchGetItem over any number of keys: 100 a call, UnprocessedKeys retried with a short backoff
 * (DynamoDB returns them under load). Items come back in no particular order.
 */
export async function batchGetAll(ref: TableRef, itemKeys: readonly Item[], projection?: { expression: string; names: Record<string, string> }): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < itemKeys.length; i += 100) {
    let request: Record<string, { Keys: Item[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> | undefined = {
      [ref.tableName]: { Keys: itemKeys.slice(i, i + 100), ...(projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } : {}) },
    };
    for (let attempt = 0; request && Object.keys(request).length; attempt++) {
      const res = await ref.client.send(new BatchGetItemCommand({ RequestItems: request }));
      items.push(...(res.Responses?.[ref.tableName] ?? []));
      request = res.UnprocessedKeys as typeof request;
      if (request && Object.keys(request).length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
  return items;
}

export async function queryAll(ref: TableRef, partition: string, index: boolean | IndexRef = true, consistent = false): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(ref, partition, index, consistent)) items.push(...page);
  return items;
}

/** Sums Select COUNT pages of a Query or Scan. */
export async function countPages(page: (start: Item | undefined) => Promise<{ Count?: number | undefined; LastEvaluatedKey?: Item | undefined }>): Promise<number> {
  let count = 0;
  let start: Item | undefined;
  do {
    const out = await page(start);
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Days a derived copy is kept: the digest ledger (it may hold an SES error naming the address). */
export const LEDGER_RETENTION_DAYS = 180;
/** Days kept after a week ends: a week's edition and search shard follow its articles' retention. */
export const DERIVED_RETENTION_DAYS = 730;

/** The TTL attribute (epoch seconds) `days` after `from`. */
export function expiresAfter(from: Date, days: number): Record<string, number> {
  return { [tableSchema.ttlAttribute]: Math.floor(from.getTime() / 1000) + days * 86400 };
}

/** The end of an ISO week ("2026-W48"), for the copies that expire with the week's articles. */
export function weekEnd(isoWeek: string): Date {
  return new Date(parseIsoWeek(isoWeek).start.getTime() + 7 * 86400_000);
}


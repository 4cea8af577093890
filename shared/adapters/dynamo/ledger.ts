/** The digest ledger: each letter and alert claimed and sent exactly once. */
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { DigestLedger } from '../../ports.ts';
import { type Item, m, V, conditionally, type TableRef, queryAll, expiresAfter, LEDGER_RETENTION_DAYS } from './table.ts';

/** A claim older than this is a crashed run (Lambda's limit is 15 minutes): it may be taken over. */
const STALE_CLAIM_MS = 20 * 60_000;

export function createDynamoDigestLedger(ref: TableRef): DigestLedger {
  const set = async (week: string, id: string, fields: Record<string, unknown>) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const parts = Object.entries(fields).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    await ref.client.send(
      new UpdateItemCommand({
        TableName: ref.tableName,
        Key: m(keys.digestSend(week, id)),
        UpdateExpression: `SET ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: m(values),
      }),
    );
  };
  return {
    async claim(week, id, now, force) {
      return conditionally(
        ref.client.send(
          new PutItemCommand({
            TableName: ref.tableName,
            Item: m({ ...keys.digestSend(week, id), [V]: SCHEMA_VERSION, status: 'sending', claimedAt: now.toISOString(), ...expiresAfter(now, LEDGER_RETENTION_DAYS) }),
            ...(force
              ? {}
              : {
                  ConditionExpression: 'attribute_not_exists(#pk) OR #s = :failed OR (#s = :sending AND #c < :stale)',
                  ExpressionAttributeNames: { '#pk': tableSchema.partitionKey, '#s': 'status', '#c': 'claimedAt' },
                  ExpressionAttributeValues: m({ ':failed': 'failed', ':sending': 'sending', ':stale': new Date(now.getTime() - STALE_CLAIM_MS).toISOString() }),
                }),
          }),
        ),
      );
    },
    markSent: (week, id, messageId, now) => set(week, id, { status: 'sent', sentAt: now.toISOString(), messageId }),
    markFailed: (week, id, error, now) => set(week, id, { status: 'failed', failedAt: now.toISOString(), error: error.slice(0, 500) }),
    async sentCount(week) {
      const items = await queryAll(ref, keys.digestPartition(week), false);
      return items.filter((i) => unmarshall(i).status === 'sent').length;
    },
  };
}


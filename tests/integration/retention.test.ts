/**
 * Hardening #23, low 10: derived copies expire. The digest ledger (it may hold an SES error naming an
 * address) after 180 days, a week's edition and search shard with the week's articles (730 days after
 * the week ends), by DynamoDB TTL on the local stack's real table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { keys, tableSchema } from '#shared/storage/table-schema.ts';
import { buildEdition } from '#shared/domain/digest/edition.ts';
import { createDynamoDigestLedger, createDynamoEditionStore, createDynamoSearchShardStore } from '#shared/adapters/dynamo/index.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ domain: loadConfigDir('config'), serveSamples: false });
}, 60_000);
afterAll(async () => stack?.stop());

const expiryOf = async (key: { pk: string; sk: string }) => {
  const out = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: stack.runtime.tableName, Key: { pk: { S: key.pk }, sk: { S: key.sk } } }));
  return Number(out.Item?.[tableSchema.ttlAttribute]?.N);
};
const DAY = 86400;

describe('derived copies expire', () => {
  it('the ledger after 180 days; the edition and the search shard 730 days after their week ends', async () => {
    const table = { client: stack.clients.dynamodb, tableName: stack.runtime.tableName };
    const now = new Date('2026-12-01T08:00:00Z');
    await createDynamoDigestLedger(table).claim('2026-W48', 'abc', now, false);
    expect(await expiryOf(keys.digestSend('2026-W48', 'abc'))).toBe(Math.floor(now.getTime() / 1000) + 180 * DAY);
    // 2026-W48 ends at midnight into Monday 2026-11-30 in Stockholm (23:00 UTC the day before).
    const weekEnds = Date.UTC(2026, 10, 29, 23) / 1000;
    await createDynamoEditionStore(table).put(buildEdition({ week: '2026-W48', current: [], previous: [], builtAt: now }));
    expect(await expiryOf(keys.edition('2026-W48', 'HEAD'))).toBe(weekEnds + 730 * DAY);
    expect(await expiryOf(keys.edition('2026-W48', 'PART#0000'))).toBe(weekEnds + 730 * DAY);
    await createDynamoSearchShardStore(table).put({ week: '2026-W48', version: 1, format: 2, entries: [] });
    expect(await expiryOf(keys.searchShard('2026-W48'))).toBe(weekEnds + 730 * DAY);
  });
});

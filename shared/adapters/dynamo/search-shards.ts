/** Search shards of the web app's archive. */
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { SearchShard, SearchShardStore } from '../../ports.ts';
import { type Item, m, V, type TableRef, batchGetAll, expiresAfter, weekEnd, DERIVED_RETENTION_DAYS } from './table.ts';

/** DynamoDB's item limit is 400 KB: a shard stays well below it. */
const SHARD_MAX_BYTES = 350 * 1024;

export function createDynamoSearchShardStore(ref: TableRef): SearchShardStore {
  return {
    async bump(isoWeek) {
      await ref.client.send(
        new UpdateItemCommand({ TableName: ref.tableName, Key: m(keys.weekVersion(isoWeek)), UpdateExpression: 'ADD #v :one', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: m({ ':one': 1 }) }),
      );
    },
    async versions(weeks) {
      const out = new Map<string, number>(weeks.map((w) => [w, 0]));
      for (const item of await batchGetAll(ref, [...new Set(weeks)].map((w) => m(keys.weekVersion(w))))) {
        const o = unmarshall(item);
        out.set(String(o[tableSchema.partitionKey]).slice('WEEKVERSION#'.length), Number(o.version ?? 0));
      }
      return out;
    },
    async get(isoWeek) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.searchShard(isoWeek)) }));
      if (!out.Item) return undefined;
      const o = unmarshall(out.Item);
      if (o[V] !== SCHEMA_VERSION || !(o.data instanceof Uint8Array)) return undefined;
      const shard = JSON.parse(gunzipSync(Buffer.from(o.data)).toString('utf8')) as SearchShard;
      return shard.week === isoWeek ? shard : undefined;
    },
    async put(shard) {
      const data = gzipSync(JSON.stringify(shard));
      if (data.length > SHARD_MAX_BYTES) return false;
      await ref.client.send(new PutItemCommand({ TableName: ref.tableName, Item: { ...m({ ...keys.searchShard(shard.week), [V]: SCHEMA_VERSION, version: shard.version, ...expiresAfter(weekEnd(shard.week), DERIVED_RETENTION_DAYS) }), data: { B: data } } }));
      return true;
    },
  };
}


/** Feed states: one item per feed, written only on the version read (optimistic lock). */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { FeedState } from '../../domain/feed/health.ts';
import type { FeedStateStore } from '../../ports.ts';
import { type Item, m, V, ConcurrentUpdateError, conditionally, type TableRef, queryAll } from './table.ts';

export function createDynamoFeedStateStore(ref: TableRef): FeedStateStore {
  const decode = (item: Item): FeedState => unmarshall(item).state as FeedState;
  return {
    async all() {
      return (await queryAll(ref, keys.feedStatePartition)).map(decode);
    },
    async get(feedId) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.feedState(feedId)), ConsistentRead: true }));
      return out.Item ? decode(out.Item) : undefined;
    },
    async put(state, expectedVersion) {
      const written = await conditionally(
        ref.client.send(
          new PutItemCommand({
            TableName: ref.tableName,
            Item: m({ ...keys.feedState(state.feedId), ...keys.feedStateList(state.feedId), [V]: SCHEMA_VERSION, version: state.version, state }),
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(#pk)' : '#v = :v',
            ExpressionAttributeNames: expectedVersion === 0 ? { '#pk': tableSchema.partitionKey } : { '#v': 'version' },
            ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': { N: String(expectedVersion) } } }),
          }),
        ),
      );
      if (!written) throw new ConcurrentUpdateError(`feed ${state.feedId} was updated concurrently (expected version ${expectedVersion})`);
    },
  };
}


/** Sign-in tokens and rate counters of the web app. */
import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { SignInStore } from '../../ports.ts';
import { type Item, m, V, conditionally, type TableRef } from './table.ts';

export function createDynamoSignInStore(ref: TableRef): SignInStore {
  return {
    async putToken(tokenHash, subscriberId, expiresAt, epoch) {
      await ref.client.send(
        new PutItemCommand({
          TableName: ref.tableName,
          Item: m({ ...keys.signInToken(tokenHash), [V]: SCHEMA_VERSION, subscriberId, epoch, validUntil: expiresAt.toISOString(), [tableSchema.ttlAttribute]: Math.ceil(expiresAt.getTime() / 1000) + 3600 }),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': tableSchema.partitionKey },
        }),
      );
    },
    async consumeToken(tokenHash, now) {
      // Delete-and-return in one conditional call: two clicks race, one wins.
      try {
        const out = await ref.client.send(
          new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.signInToken(tokenHash)), ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeNames: { '#pk': tableSchema.partitionKey }, ReturnValues: 'ALL_OLD' }),
        );
        const o = out.Attributes ? unmarshall(out.Attributes) : undefined;
        if (!o || typeof o.validUntil !== 'string' || o.validUntil <= now.toISOString()) return undefined;
        // A token stored before epochs were kept counts as issued at epoch 0.
        return { subscriberId: String(o.subscriberId), epoch: typeof o.epoch === 'number' ? o.epoch : 0 };
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return undefined;
        throw e;
      }
    },
    async hit(key, windowStart, windowSeconds, limit) {
      return conditionally(
        ref.client.send(
          new UpdateItemCommand({
            TableName: ref.tableName,
            Key: m(keys.rateLimit(key, windowStart)),
            UpdateExpression: 'ADD #n :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
            ExpressionAttributeNames: { '#n': 'hits', '#ttl': tableSchema.ttlAttribute },
            ExpressionAttributeValues: m({ ':one': 1, ':limit': limit, ':ttl': windowStart + windowSeconds * 2 }),
          }),
        ),
      );
    },
  };
}


/** Subscribers, their suppression after unsubscribing, and session epochs. */
import { BatchGetItemCommand, DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { Subscriber } from '../../domain/types.ts';
import type { SubscriberStore } from '../../ports.ts';
import { type Item, m, V, GSI, conditionally, type TableRef, queryAll } from './table.ts';

/** Days an unsubscribed person's details are kept (for questions, or a change of mind); the suppression stays. */
export const UNSUBSCRIBED_RETENTION_DAYS = 30;

export function createDynamoSubscriberStore(ref: TableRef): SubscriberStore {
  const update = (id: string, expr: string, values?: Item, names: Record<string, string> = {}) =>
    conditionally(
      ref.client.send(
        new UpdateItemCommand({
          TableName: ref.tableName,
          Key: m(keys.subscriber(id)),
          UpdateExpression: expr,
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': tableSchema.partitionKey, ...names },
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  return {
    async list() {
      return (await queryAll(ref, keys.subscriberPartition)).map((i) => {
        const o = unmarshall(i);
        return { ...(o.subscriber as Subscriber), active: o.active as boolean, ...(o.sessionEpoch ? { sessionEpoch: Number(o.sessionEpoch) } : {}) };
      });
    },
    async get(id) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.subscriber(id)), ConsistentRead: true }));
      if (!out.Item) return undefined;
      const o = unmarshall(out.Item);
      return { ...(o.subscriber as Subscriber), active: o.active as boolean, ...(o.sessionEpoch ? { sessionEpoch: Number(o.sessionEpoch) } : {}) };
    },
    async put(subscriber) {
      // An upsert that leaves the session epoch alone: re-adding or editing someone must not bring
      // back sessions they ended by signing out. A leftover expiry (an earlier unsubscribe) goes.
      const { active, sessionEpoch: _epoch, ...rest } = subscriber;
      const list = keys.subscriberList(subscriber.email);
      await ref.client.send(
        new UpdateItemCommand({
          TableName: ref.tableName,
          Key: m(keys.subscriber(subscriber.id)),
          UpdateExpression: 'SET #lpk = :lpk, #lsk = :lsk, #v = :v, #s = :s, #a = :a REMOVE #ttl',
          ExpressionAttributeNames: { '#lpk': GSI.partitionKey, '#lsk': GSI.sortKey, '#v': V, '#s': 'subscriber', '#a': 'active', '#ttl': tableSchema.ttlAttribute },
          ExpressionAttributeValues: m({ ':lpk': list.gsi1pk, ':lsk': list.gsi1sk, ':v': SCHEMA_VERSION, ':s': rest, ':a': active }),
        }),
      );
    },
    async endSessions(id) {
      return update(id, 'ADD #e :one', { ':one': { N: '1' } }, { '#e': 'sessionEpoch' });
    },
    async remove(id) {
      const out = await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.subscriber(id)), ReturnValues: 'ALL_OLD' }));
      // Suppression survives removal: only the id (a hash of the address) is kept, nothing else.
      if (out.Attributes && unmarshall(out.Attributes).active === false) {
        await ref.client.send(new PutItemCommand({ TableName: ref.tableName, Item: m({ ...keys.suppression(id), [V]: SCHEMA_VERSION }) }));
      }
      return !!out.Attributes;
    },
    async isSuppressed(...ids) {
      // One round trip for every id asked (the keyed one and a legacy one).
      const out = await ref.client.send(
        new BatchGetItemCommand({ RequestItems: { [ref.tableName]: { Keys: ids.flatMap((id) => [m(keys.subscriber(id)), m(keys.suppression(id))]), ConsistentRead: true } } }),
      );
      return (out.Responses?.[ref.tableName] ?? []).some((i) => {
        const o = unmarshall(i);
        return o[tableSchema.sortKey] === 'SUPPRESSED' || o.active === false;
      });
    },
    async clearSuppression(...ids) {
      for (const id of ids) await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.suppression(id)) }));
    },
    async setActive(id, active) {
      if (active) return update(id, 'SET active = :a REMOVE #ttl', { ':a': { BOOL: true } }, { '#ttl': tableSchema.ttlAttribute });
      // Unsubscribed: the suppression (the id alone) is kept for good; the person's details
      // (address, name, towns) expire UNSUBSCRIBED_RETENTION_DAYS later.
      const expires = Math.floor(Date.now() / 1000) + UNSUBSCRIBED_RETENTION_DAYS * 86400;
      const done = await update(id, 'SET active = :a, #ttl = :exp', { ':a': { BOOL: false }, ':exp': { N: String(expires) } }, { '#ttl': tableSchema.ttlAttribute });
      if (done) {
        await ref.client.send(
          new UpdateItemCommand({ TableName: ref.tableName, Key: m(keys.suppression(id)), UpdateExpression: 'SET #v = :v', ExpressionAttributeNames: { '#v': V }, ExpressionAttributeValues: { ':v': { N: String(SCHEMA_VERSION) } } }),
        );
      }
      return done;
    },
  };
}


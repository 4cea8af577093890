/**
 * Turns at a host for article pages, in the table: every container that reads pages books its turn
 * here, so one page per host per interval holds however many run. Optimistic: read the next free
 * turn, book it with a condition on what was read, read again when another container was first.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, tableSchema } from '../../storage/table-schema.ts';
import type { Clock, HostTurns } from '../../ports.ts';
import { conditionally, m, type TableRef } from './table.ts';

/** A turn item outlives its last use by a day (TTL), so hosts read once leave nothing behind. */
const TURN_RETENTION_S = 86_400;
const ATTEMPTS = 8;

export function createDynamoHostTurns(ref: TableRef, clock: Clock): HostTurns {
  return {
    async take(host, gapMs, maxWaitMs) {
      const key = m(keys.hostTurn(host));
      for (let i = 0; i < ATTEMPTS; i++) {
        const now = clock.now().getTime();
        const got = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: key, ConsistentRead: true }));
        const next = got.Item ? Number(unmarshall(got.Item).nextAt) : undefined;
        const at = Math.max(now, next ?? -Infinity);
        if (at - now > maxWaitMs) return null;
        const booked = await conditionally(
          ref.client.send(
            new UpdateItemCommand({
              TableName: ref.tableName,
              Key: key,
              UpdateExpression: 'SET #next = :next, #ttl = :ttl',
              ConditionExpression: next === undefined ? 'attribute_not_exists(#next)' : '#next = :seen',
              ExpressionAttributeNames: { '#next': 'nextAt', '#ttl': tableSchema.ttlAttribute },
              ExpressionAttributeValues: m({ ':next': at + gapMs, ':ttl': Math.floor((at + gapMs) / 1000) + TURN_RETENTION_S, ...(next === undefined ? {} : { ':seen': next }) }),
            }),
          ),
        );
        if (booked) return at;
      }
      // Contended this hard, the host is busy: the caller tries again later.
      return null;
    },
  };
}

/**
 * Table and queue definitions for the local stack, derived from the shared key schema and the
 * topology, the same sources the CDK stack reads (a parity test compares them).
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { keyAttributeNames, tableSchema } from '#shared/storage/table-schema.ts';
import { topology, type QueueName } from '../topology.ts';

export function localTableInput(tableName: string): CreateTableCommandInput {
  const gsi = tableSchema.indexes.byList;
  const rel = tableSchema.indexes.relevant;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributeNames().map((n) => ({ AttributeName: n, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: gsi.name,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: rel.name,
        KeySchema: [
          { AttributeName: rel.partitionKey, KeyType: 'HASH' },
          { AttributeName: rel.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...rel.projected] },
      },
    ],
  };
}

/** SQS attributes of a topology queue, as sent to CreateQueue. */
export function localQueueAttributes(name: QueueName, dlqArn: string): Record<string, string> {
  const q = topology.queues[name];
  return {
    VisibilityTimeout: String(q.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(q.retentionDays * 86400),
    MaximumMessageSize: String(q.maxMessageBytes),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: q.maxReceiveCount }),
  };
}

export function localDlqAttributes(name: QueueName): Record<string, string> {
  return { MessageRetentionPeriod: String(topology.queues[name].dlqRetentionDays * 86400), MaximumMessageSize: String(topology.queues[name].maxMessageBytes) };
}

/** The synthesized template carries every queue, function, trigger and schedule of the topology, with the local runtime's settings. */
import { beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MonitorStack } from '#infra/cdk/monitor-stack.ts';
import { topology } from '#infra/topology.ts';
import { localQueueAttributes } from '#infra/local/resources.ts';
import { tableSchema } from '#shared/storage/table-schema.ts';

let template: Template;
beforeAll(() => {
  const app = new App();
  template = Template.fromStack(new MonitorStack(app, 'Test', { mailFrom: 'bevakning@example.se', env: { account: '123456789012', region: 'eu-north-1' } }));
}, 120_000);

describe('topology parity', () => {
  it('every queue has the visibility timeout and redrive the local runtime uses', () => {
    for (const [name, q] of Object.entries(topology.queues)) {
      const local = localQueueAttributes(name as 'articles', 'arn:dlq');
      expect(Number(local.VisibilityTimeout)).toBe(q.visibilityTimeoutSeconds);
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: q.visibilityTimeoutSeconds,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: JSON.parse(local.RedrivePolicy!).maxReceiveCount }),
        SqsManagedSseEnabled: true,
      });
    }
    template.resourceCountIs('AWS::SQS::Queue', Object.keys(topology.queues).length * 2);
  });

  it('every function runs on Node.js 24 arm64 with its timeout, and every SQS trigger has its batch size', () => {
    for (const [, f] of Object.entries(topology.functions)) {
      template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: f.timeoutSeconds, MemorySize: f.memoryMb, Description: f.description });
      if (f.trigger.kind === 'sqs') {
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          BatchSize: f.trigger.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: f.trigger.maxConcurrency },
        });
        // AWS guidance: visibility timeout at least six times the consumer's timeout.
        expect(topology.queues[f.trigger.queue].visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * f.timeoutSeconds);
      }
    }
    template.resourceCountIs('AWS::Lambda::Function', Object.keys(topology.functions).length);
  });

  it('every schedule runs in Europe/Stockholm with its cron expression', () => {
    for (const s of Object.values(topology.schedules)) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: s.cron, ScheduleExpressionTimezone: 'Europe/Stockholm' });
    }
  });

  it('the table has the shared key schema, on-demand billing, PITR and deletion protection, retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: tableSchema.indexes.byList.name })],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    });
  });
});

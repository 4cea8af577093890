/**
 * The monitor in AWS: one table from the shared key schema, queues, functions and schedules from
 * the topology, so this stack and the local runtime cannot drift (tests/infra checks it).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { resolve } from 'node:path';
import { tableSchema } from '../../shared/storage/table-schema.ts';
import { envName } from '../../shared/config/env.ts';
import { topology, type FunctionName, type QueueName } from '../topology.ts';

export interface MonitorStackProps extends StackProps {
  /** SES identity the digest is sent from, e.g. bevakning@example.se. */
  mailFrom: string;
  sesConfigurationSet?: string | undefined;
  feedRegistry?: 'live' | 'sample';
}

const ROOT = resolve(import.meta.dirname, '../..');

export class MonitorStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly queues = {} as Record<QueueName, { queue: sqs.Queue; dlq: sqs.Queue }>;
  readonly functions = {} as Record<FunctionName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, props);
    const gsi = tableSchema.indexes.byList;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableSchema.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: [
        { indexName: gsi.name, partitionKey: { name: gsi.partitionKey, type: dynamodb.AttributeType.STRING }, sortKey: { name: gsi.sortKey, type: dynamodb.AttributeType.STRING } },
      ],
    });

    for (const [name, q] of Object.entries(topology.queues) as Array<[QueueName, (typeof topology.queues)[QueueName]]>) {
      const dlq = new sqs.Queue(this, `${name}-dlq`, { retentionPeriod: Duration.days(q.dlqRetentionDays), encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
      const queue = new sqs.Queue(this, `${name}-queue`, {
        visibilityTimeout: Duration.seconds(q.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(q.retentionDays),
        deadLetterQueue: { queue: dlq, maxReceiveCount: q.maxReceiveCount },
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      this.queues[name] = { queue, dlq };
    }

    for (const [name, spec] of Object.entries(topology.functions) as Array<[FunctionName, (typeof topology.functions)[FunctionName]]>) {
      const fn = new NodejsFunction(this, name, {
        entry: resolve(ROOT, spec.entry),
        description: spec.description,
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        logGroup: new logs.LogGroup(this, `${name}-logs`, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
        environment: {
          [envName.table]: this.table.tableName,
          [envName.feedRegistry]: props.feedRegistry ?? 'live',
          [envName.mailFrom]: props.mailFrom,
          ...(props.sesConfigurationSet ? { [envName.sesConfigurationSet]: props.sesConfigurationSet } : {}),
          POWERTOOLS_SERVICE_NAME: name,
          NODE_OPTIONS: '--enable-source-maps',
        },
        bundling: {
          minify: true,
          sourceMap: true,
          format: OutputFormat.ESM,
          target: 'node24',
          // ESM bundles need a require() for the CommonJS dependencies they include.
          banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
          externalModules: ['@aws-sdk/client-sesv2'],
        },
      });
      if (spec.table === 'read') this.table.grantReadData(fn);
      else this.table.grantReadWriteData(fn);
      for (const target of spec.sendsTo) {
        this.queues[target].queue.grantSendMessages(fn);
        fn.addEnvironment(envName.queueUrl(target), this.queues[target].queue.queueUrl);
      }
      if (spec.trigger.kind === 'sqs') {
        fn.addEventSource(
          new SqsEventSource(this.queues[spec.trigger.queue].queue, {
            batchSize: spec.trigger.batchSize,
            maxBatchingWindow: spec.trigger.maxBatchingWindowSeconds ? Duration.seconds(spec.trigger.maxBatchingWindowSeconds) : undefined,
            maxConcurrency: spec.trigger.maxConcurrency,
            reportBatchItemFailures: true,
          }),
        );
      }
      if (spec.sendsMail) {
        // Only as the configured identity.
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: [`arn:aws:ses:${this.region}:${this.account}:identity/*`, `arn:aws:ses:${this.region}:${this.account}:configuration-set/*`],
            conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom.replace(/^.*<|>$/g, '') } },
          }),
        );
      }
      if (spec.trigger.kind === 'url') {
        const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
        new CfnOutput(this, 'UnsubscribeUrl', { value: url.url });
      }
      this.functions[name] = fn;
    }
    const unsubscribeFn = this.functions.unsubscribe;
    const unsubscribeUrl = unsubscribeFn ? (unsubscribeFn.node.tryFindChild('FunctionUrl') as lambda.FunctionUrl | undefined) : undefined;
    if (unsubscribeUrl) this.functions['send-digest'].addEnvironment(envName.unsubscribeBaseUrl, unsubscribeUrl.url);

    for (const [name, s] of Object.entries(topology.schedules) as Array<[keyof typeof topology.schedules, (typeof topology.schedules)[keyof typeof topology.schedules]]>) {
      const fnName = (Object.keys(topology.functions) as FunctionName[]).find((f) => {
        const t = topology.functions[f].trigger;
        return t.kind === 'schedule' && t.schedule === name;
      })!;
      new scheduler.Schedule(this, `${name}-schedule`, {
        description: s.description,
        schedule: scheduler.ScheduleExpression.expression(s.cron, TimeZone.of(s.timeZone)),
        target: new targets.LambdaInvoke(this.functions[fnName], { retryAttempts: 2 }),
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}

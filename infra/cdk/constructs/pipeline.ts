/**
 * Queues (each with a DLQ, SSE and TLS-only) and functions, from the topology: triggers, grants
 * and environment come from the same object the local runtime reads.
 */
import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { envName } from '../../../shared/config/env.ts';
import { functionNames, queueNames, topology, type FunctionName, type FunctionSpec, type QueueName } from '../../topology.ts';
import { MonitorFunction } from './monitor-function.ts';

export interface PipelineProps {
  table: dynamodb.ITableV2;
  feedRegistry: 'live' | 'sample';
  mail: { from: string; identityArn: string; configurationSet?: string | undefined };
  /** Secrets Manager secret holding the unsubscribe signing key. */
  unsubscribeSecretArn: string;
}

export class PipelineConstruct extends Construct {
  readonly queues = {} as Record<QueueName, { queue: sqs.Queue; dlq: sqs.Queue }>;
  readonly functions = {} as Record<FunctionName, MonitorFunction>;
  readonly unsubscribeUrl: lambda.FunctionUrl;
  readonly webUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    for (const name of queueNames) {
      const q = topology.queues[name];
      const common = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, maxMessageSizeBytes: q.maxMessageBytes };
      const dlq = new sqs.Queue(this, `${name}-dlq`, { ...common, retentionPeriod: Duration.days(q.dlqRetentionDays) });
      Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the topology queue; its messages are inspected by an operator, not redriven further.' });
      const queue = new sqs.Queue(this, `${name}-queue`, {
        ...common,
        visibilityTimeout: Duration.seconds(q.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(q.retentionDays),
        deadLetterQueue: { queue: dlq, maxReceiveCount: q.maxReceiveCount },
      });
      this.queues[name] = { queue, dlq };
    }

    for (const name of functionNames) {
      const spec: FunctionSpec = topology.functions[name];
      const fn = new MonitorFunction(this, {
        name,
        spec,
        environment: {
          [envName.feedRegistry]: props.feedRegistry,
          ...(spec.sendsMail
            ? { [envName.mailFrom]: props.mail.from, ...(props.mail.configurationSet ? { [envName.sesConfigurationSet]: props.mail.configurationSet } : {}) }
            : {}),
        },
      }).bindTable(props.table, spec.table);
      for (const target of spec.sendsTo) fn.bindQueue(target, this.queues[target].queue);
      if (spec.drains) fn.bindInbox(spec.drains, this.queues[spec.drains].queue);
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
        // Only as the configured identity, and only through the configured configuration set.
        const resources = [props.mail.identityArn];
        if (props.mail.configurationSet) resources.push(Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.mail.configurationSet }));
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources }));
      }
      this.functions[name] = fn;
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS-managed basic execution role only allows writing this function\u2019s own CloudWatch logs.',
      });
    }

    // Signed unsubscribe links need a secret that never sits in plain environment variables.
    // (Sessions and CSRF tokens of the web app derive from the same key.)
    const secretReaders: FunctionName[] = ['deliver-digest', 'send-alerts', 'unsubscribe', 'web'];
    for (const name of secretReaders) {
      this.functions[name].addEnvironment(envName.unsubscribeSecretArn, props.unsubscribeSecretArn);
      this.functions[name].addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.unsubscribeSecretArn] }));
    }
    // The unsubscribe link must work from any mail client without a login: the signed token is the authorisation.
    this.unsubscribeUrl = this.functions.unsubscribe.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    // The web app checks its own sign-in (emailed link, signed session): the URL itself is public.
    this.webUrl = this.functions.web.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    for (const name of ['deliver-digest', 'send-alerts'] as const) {
      this.functions[name].addEnvironment(envName.unsubscribeBaseUrl, this.unsubscribeUrl.url);
      // "och N till" in the letter points into the web archive.
      this.functions[name].addEnvironment(envName.archiveUrl, Fn.join('', [this.webUrl.url, 'arkiv']));
    }
  }
}

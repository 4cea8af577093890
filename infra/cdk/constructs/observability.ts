/**
 * Alarms to an SNS topic and a dashboard. Metric names and the namespace come from
 * shared/observability.ts, the module the functions emit them with.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, metricNames } from '../../../shared/observability.ts';
import { TOPICS } from '../../../shared/domain/types.ts';
import type { FunctionName, QueueName } from '../../topology.ts';
import type { MonitorFunction } from './monitor-function.ts';

export interface ObservabilityProps {
  functions: Record<FunctionName, MonitorFunction>;
  queues: Record<QueueName, { queue: sqs.IQueue; dlq: sqs.IQueue }>;
  /** An existing SNS topic for alarms (context alarmTopicArn); one is created when absent. */
  alarmTopicArn?: string | undefined;
  /** Share of failing feed fetches over an hour that raises the alarm. */
  failingFeedShare?: number;
}

export const metric = (name: string, service: FunctionName, dimensions: Record<string, string> = {}, statistic = 'Sum', period = Duration.minutes(5)) =>
  new cloudwatch.Metric({ namespace: METRIC_NAMESPACE, metricName: name, dimensionsMap: { service, ...dimensions }, statistic, period });

export class ObservabilityConstruct extends Construct {
  readonly topic: sns.ITopic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    if (props.alarmTopicArn) this.topic = sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn);
    else {
      // The AWS-managed SNS key cannot be used by CloudWatch to publish: a customer-managed key whose
      // policy lets CloudWatch encrypt to the topic, or no alarm would ever arrive.
      const key = new kms.Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: 'Encrypts the alarm topic; CloudWatch may publish to it' });
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
        }),
      );
      this.topic = new sns.Topic(this, 'AlarmTopic', { enforceSSL: true, masterKey: key });
    }
    const alarm = (
      alarmId: string,
      m: cloudwatch.Metric | cloudwatch.MathExpression,
      threshold: number,
      description: string,
      comparison = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      opts: { periods?: number; missing?: cloudwatch.TreatMissingData } = {},
    ) => {
      const a = m.createAlarm(this, alarmId, {
        threshold,
        evaluationPeriods: opts.periods ?? 1,
        comparisonOperator: comparison,
        treatMissingData: opts.missing ?? cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };
    for (const [name, { dlq }] of Object.entries(props.queues)) {
      alarm(`${name}-dlq-not-empty`, dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), 1, `A message reached the ${name} DLQ: read it, fix the cause, redrive it.`);
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}-errors`, fn.metricErrors({ period: Duration.minutes(5) }), 1, `${name} failed an invocation (see its log group).`);
    }
    // The web app answers a failure with a 500 page, not a Lambda error: it reports each one as a metric.
    alarm('web-5xx', metric(metricNames.webServerErrors, 'web'), 3, 'The web app answered 5xx three times or more in five minutes (see the web function\u2019s log group).');
    // Sign-in mail stops at an hourly cap (a flood of requests for real addresses): someone should look.
    alarm('sign-in-mail-cap', metric(metricNames.signInMailCapped, 'web'), 1, 'The hourly cap on sign-in mail was reached: no sign-in links go out until the next hour (see the web function\u2019s log group for the flood).');
    const share = new cloudwatch.MathExpression({
      expression: 'IF(polled > 0, failed / polled, 0)',
      usingMetrics: { failed: metric(metricNames.feedFailures, 'fetch-feed', {}, 'Sum', Duration.hours(1)), polled: metric(metricNames.feedsPolled, 'fetch-feed', {}, 'Sum', Duration.hours(1)) },
      period: Duration.hours(1),
      label: 'Share of failing feed fetches',
    });
    alarm('failing-feeds', share, props.failingFeedShare ?? 0.3, 'More than the accepted share of feeds failed in the last hour: run `monitor feeds check --live`.', cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD);
    alarm('digest-missing', metric(metricNames.digestsMissing, 'send-digest', {}, 'Maximum', Duration.hours(1)), 1, 'Active subscribers had no digest by Monday 09:00: check send-digest\u2019s log and the ledger.');
    // A silent pipeline is a failure: no article stored for six hours in a row, missing data breaching.
    alarm(
      'no-new-articles',
      metric(metricNames.articlesStored, 'classify-article', {}, 'Sum', Duration.hours(1)),
      1,
      'No new article was stored for six hours: check schedule-feeds, fetch-feed and the feed health (`monitor feeds check --aws`).',
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      { periods: 6, missing: cloudwatch.TreatMissingData.BREACHING },
    );
    alarm(
      'town-without-feed',
      metric(metricNames.townsWithoutFeed, 'schedule-feeds', {}, 'Maximum', Duration.hours(1)),
      1,
      'A member town has had no working local feed for 24 hours: see `monitor feeds check --aws` and the schedule-feeds log for the towns.',
    );

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: undefined });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Feeds polled and failing', left: [metric(metricNames.feedsPolled, 'fetch-feed', {}, 'Sum', Duration.hours(1)), metric(metricNames.feedFailures, 'fetch-feed', {}, 'Sum', Duration.hours(1))] }),
      // From classify-article's "article stored" log lines: no custom metric per topic.
      new cloudwatch.LogQueryWidget({
        title: 'Articles stored per topic',
        logGroupNames: [props.functions['classify-article'].logGroup.logGroupName],
        view: cloudwatch.LogQueryVisualizationType.LINE,
        queryLines: ['filter message = "article stored"', `stats ${TOPICS.map((t) => `sum(strcontains(topics, "${t}")) as ${t}`).join(', ')} by bin(1h)`],
      }),
      new cloudwatch.GraphWidget({ title: 'Classification latency (ms)', left: ['p50', 'p95'].map((p) => metric(metricNames.classificationMs, 'classify-article', {}, p)) }),
      new cloudwatch.GraphWidget({ title: 'Digests sent and missing', left: [metric(metricNames.digestsSent, 'deliver-digest', {}, 'Sum', Duration.days(1)), metric(metricNames.digestsMissing, 'send-digest', {}, 'Maximum', Duration.days(1))] }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms }),
    );
    if (!props.alarmTopicArn) Validations.of(this.topic).acknowledge({ id: 'AwsSolutions-SNS3', reason: 'The topic policy is the default (account only); enforceSSL is set.' });
  }
}

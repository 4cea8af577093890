/**
 * Logging and metrics through Powertools, with metric names defined once: the code emits them and
 * the CDK alarms and dashboard read the same constants.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const METRIC_NAMESPACE = 'Industrikommunerna/Mediebevakning';

/**
 * Every custom metric costs money past CloudWatch's ten free ones: these ten are all there is. The
 * dashboard's articles per topic come from classify-article's log lines (Logs Insights), not from a
 * metric per topic. Failures of whole invocations are Lambda's own Errors metric.
 */
export const metricNames = {
  feedsPolled: 'FeedsPolled',
  feedFailures: 'FeedFailures',
  articlesStored: 'ArticlesStored',
  classificationMs: 'ClassificationMs',
  digestsSent: 'DigestsSent',
  alertsSent: 'DebateAlertsSent',
  webServerErrors: 'WebServerErrors',
  /** The hourly cap on sign-in mail was reached (mails stop until the next hour). */
  signInMailCapped: 'SignInMailCapped',
  digestsMissing: 'DigestsMissing',
  townsWithoutFeed: 'TownsWithoutHealthyFeed',
} as const;

export function observability(serviceName: string) {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: METRIC_NAMESPACE, serviceName }),
  };
}

/**
 * Logging and metrics through Powertools, with metric names defined once: the code emits them and
 * the CDK alarms and dashboard read the same constants.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const METRIC_NAMESPACE = 'Industrikommunerna/Mediebevakning';

/**
 * Every custom metric costs money past CloudWatch's ten free ones: these seven, plus ArticlesStored
 * per topic (four more), make eleven (one paid metric, ~0.30 USD a month, for the town-coverage
 * alarm). Failures of whole invocations are Lambda's own Errors metric.
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

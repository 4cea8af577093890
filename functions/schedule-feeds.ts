// EventBridge Scheduler (poll-feeds) → scheduleFeeds → SQS(feed-jobs)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { lazyWiring } from '#shared/wiring/lambda.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireScheduleFeeds } from '#shared/wiring/schedule-feeds.ts';

// One metric: member towns left without a working local feed (the fetched feeds are counted where they are fetched).
const { logger, metrics } = observability('schedule-feeds');

export const createHandler = (getDeps: () => ReturnType<typeof wireScheduleFeeds>) => async () => {
  const report = await getDeps().scheduleFeeds();
  metrics.addMetric(metricNames.townsWithoutFeed, MetricUnit.Count, report.townsWithoutHealthyFeed.length);
  logger.info('feeds scheduled', { ...report });
  if (report.failed.length) throw new Error(`${report.failed.length} fetch jobs could not be enqueued`);
  return report;
};

export const handler = middy(createHandler(lazyWiring(wireScheduleFeeds))).use(injectLambdaContext(logger)).use(logMetrics(metrics));

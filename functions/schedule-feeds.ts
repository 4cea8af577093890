// EventBridge Scheduler (poll-feeds) → scheduleFeeds → SQS(feed-jobs)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { lazyWiring } from '#shared/lambda.ts';
import { observability } from '#shared/observability.ts';
import { wireScheduleFeeds } from '#shared/wiring/schedule-feeds.ts';

// No custom metric here: the feeds it enqueues are counted where they are fetched.
const { logger } = observability('schedule-feeds');

export const createHandler = (getDeps: () => ReturnType<typeof wireScheduleFeeds>) => async () => {
  const report = await getDeps().scheduleFeeds();
  logger.info('feeds scheduled', { ...report });
  if (report.failed.length) throw new Error(`${report.failed.length} fetch jobs could not be enqueued`);
  return report;
};

export const handler = middy(createHandler(lazyWiring(wireScheduleFeeds))).use(injectLambdaContext(logger));

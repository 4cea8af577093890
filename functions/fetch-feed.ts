// SQS(feed-jobs) → fetchFeed → SQS(articles) + feed state in DynamoDB
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent } from 'aws-lambda';
import { lazyWiring, processSqsBatch } from '#shared/wiring/lambda.ts';
import { decodeFeedJob } from '#shared/messages.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireFetchFeed } from '#shared/wiring/fetch-feed.ts';

const { logger, metrics } = observability('fetch-feed');

export const createHandler = (getDeps: () => ReturnType<typeof wireFetchFeed>) => (event: SQSEvent, context: Context) =>
  processSqsBatch(event, context, async (record) => {
    const job = decodeFeedJob(record.body);
    const report = await getDeps().fetchFeed(job);
    metrics.addMetric(metricNames.feedsPolled, MetricUnit.Count, 1);
    if (!report.status.startsWith('ok') && !['not-modified', 'unchanged', 'disabled'].includes(report.status)) {
      metrics.addMetric(metricNames.feedFailures, MetricUnit.Count, 1);
      logger.warn('feed failed', { ...report, messageId: record.messageId });
    } else logger.info('feed fetched', { ...report, messageId: record.messageId });
  });

export const handler = middy(createHandler(lazyWiring(wireFetchFeed))).use(injectLambdaContext(logger)).use(logMetrics(metrics));

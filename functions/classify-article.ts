// SQS(articles) → classifyArticle → ArticleStore (DynamoDB)
// SQS(articles, match-statement) → matchStatement (one stored week) → coverage links
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent } from 'aws-lambda';
import { lazyWiring, processSqsBatch } from '#shared/wiring/lambda.ts';
import { decodeArticlesQueueJob } from '#shared/messages.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireClassifyArticle } from '#shared/wiring/classify-article.ts';

const { logger, metrics } = observability('classify-article');

export const createHandler = (getDeps: () => ReturnType<typeof wireClassifyArticle>) => (event: SQSEvent, context: Context) =>
  processSqsBatch(event, context, async (record) => {
    const started = performance.now();
    const job = decodeArticlesQueueJob(record.body);
    if (job.type === 'match-statement') {
      const result = await getDeps().matchStatement(job);
      logger.info('statement matched', { statementId: job.statementId, ...result });
      return;
    }
    const { stored, article } = await getDeps().classifyArticle(job);
    metrics.addMetric(metricNames.classificationMs, MetricUnit.Milliseconds, performance.now() - started);
    // A redelivered article is stored already: nothing to count.
    if (!stored) return;
    metrics.addMetric(metricNames.articlesStored, MetricUnit.Count, 1);
    // Per-topic counts for the dashboard come from this line (a Logs Insights widget), not from four
    // more custom metrics: past CloudWatch's ten free ones each costs 0.30 USD a month.
    logger.info('article stored', { articleId: article.id, topics: article.classification.topics.join(',') });
  });

export const handler = middy(createHandler(lazyWiring(wireClassifyArticle))).use(injectLambdaContext(logger)).use(logMetrics(metrics));

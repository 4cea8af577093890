// SQS(article-pages) → readArticlePage → the piece's page text and opinion facts (DynamoDB)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent } from 'aws-lambda';
import { lazyWiring, processSqsBatch } from '#shared/wiring/lambda.ts';
import { decodeArticlePageJob } from '#shared/messages.ts';
import { observability } from '#shared/observability.ts';
import { wireReadArticlePage } from '#shared/wiring/read-article-page.ts';
import { ARTICLE_PAGES_MAX_RECEIVES } from '#shared/config/names.ts';

const { logger } = observability('read-article-page');

export const createHandler = (getDeps: () => ReturnType<typeof wireReadArticlePage>) => (event: SQSEvent, context: Context) =>
  processSqsBatch(event, context, async (record) => {
    const job = decodeArticlePageJob(record.body);
    // On the queue's last delivery a busy host keeps the teaser instead of sending the job to the DLQ.
    const lastAttempt = Number(record.attributes.ApproximateReceiveCount) >= ARTICLE_PAGES_MAX_RECEIVES;
    const { outcome, reason } = await getDeps().readArticlePage(job, { lastAttempt });
    // Counted from the logs (Logs Insights), not as a paid custom metric.
    logger.info('article page', { articleId: job.articleId, outcome, ...(reason ? { reason } : {}) });
  });

export const handler = middy(createHandler(lazyWiring(wireReadArticlePage))).use(injectLambdaContext(logger));

// Scheduler (every 10 min) → readArticlePages: the article-pages queue drained by one reader → page text and opinion facts (DynamoDB)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { lazyWiring } from '#shared/wiring/lambda.ts';
import { observability } from '#shared/observability.ts';
import { wireReadArticlePage } from '#shared/wiring/read-article-page.ts';

const { logger } = observability('read-article-page');

/** Time kept back at the end of a run: one page's wait for its host and its fetch. */
const RESERVE_MS = 40_000;

export const createHandler = (getDeps: () => ReturnType<typeof wireReadArticlePage>) => async (_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  // Locally (no Lambda context) a run drains the queue within five minutes.
  const deadline = Date.now() + (context ? context.getRemainingTimeInMillis() - RESERVE_MS : 300_000 - RESERVE_MS);
  const result = await getDeps().readArticlePages(deadline);
  // Counted from the logs (Logs Insights), not as a paid custom metric; errors go to the queue's DLQ and its alarm.
  if (result.received) logger.info('article pages', { ...result });
  for (const error of result.errors) logger.error('article page failed', { error });
  return result;
};

export const handler = middy(createHandler(lazyWiring(wireReadArticlePage))).use(injectLambdaContext(logger));

/** Wiring for fetch-feed: the HTTP feed source, feed states and articles (DynamoDB), the articles queue. */
import { createDynamoArticleStore, createDynamoFeedStateStore } from '../adapters/dynamo/index.ts';
import { createHttpFeedSource } from '../adapters/http-feed-source.ts';
import { createSqsClient } from '../aws/sqs.ts';
import type { ArticleJob } from '../ports.ts';
import { fetchFeed } from '../use-cases/fetch-feed.ts';
import { common, jobQueue, type WiringInput } from './common.ts';

export function userAgent(contactUrl: string): string {
  return `IndustrikommunernasMediebevakning/0.1 (+${contactUrl})`;
}

export function wireFetchFeed(input: WiringInput) {
  const c = common(input);
  const sqs = input.overrides?.sqs ?? createSqsClient(input.config);
  const feedSource = input.overrides?.feedSource ?? createHttpFeedSource({ userAgent: userAgent(input.config.contactUrl), allowLoopback: input.config.allowLoopback });
  return {
    fetchFeed: fetchFeed({
      feeds: c.feeds,
      feedSource,
      feedStates: createDynamoFeedStateStore(c.table),
      articles: createDynamoArticleStore(c.table),
      articleJobs: jobQueue<ArticleJob>(sqs, input.config, 'articles'),
      clock: c.clock,
      random: c.random,
    }),
  };
}

/**
 * Wiring for read-article-page: the page reader (Readability on linkedom: in this function's bundle
 * only), turns at hosts booked in the table, articles and statements (DynamoDB).
 */
import { createDynamoArticleStore, createDynamoHostTurns, createDynamoSearchShardStore, createDynamoStatementStore } from '../adapters/dynamo/index.ts';
import { createHttpArticlePageSource, PAGE_MAX_BYTES } from '../adapters/http-article-page.ts';
import { createHttpFeedSource } from '../adapters/http-feed-source.ts';
import { readArticlePage } from '../use-cases/read-article-page.ts';
import { common, type WiringInput } from './common.ts';
import { userAgent } from './fetch-feed.ts';
import { cachedStatements } from './statements-cache.ts';

/** A page waits at most this long for its host's turn before the queue brings it back later. */
export const PAGE_MAX_WAIT_MS = 30_000;

export function wireReadArticlePage(input: WiringInput) {
  const c = common(input);
  const ua = userAgent(input.config.contactUrl);
  const pages =
    input.overrides?.pageSource ??
    createHttpArticlePageSource({
      http: createHttpFeedSource({ userAgent: ua, allowLoopback: input.config.allowLoopback, maxBytes: PAGE_MAX_BYTES, connectTimeoutMs: 3_000, totalTimeoutMs: 5_000 }),
      userAgent: ua,
      clock: c.clock,
      turns: createDynamoHostTurns(c.table, c.clock),
      maxWaitMs: PAGE_MAX_WAIT_MS,
    });
  return {
    readArticlePage: readArticlePage({
      articles: createDynamoArticleStore(c.table, { retentionDays: input.config.articleRetentionDays }),
      pages,
      loadStatements: cachedStatements(input.domain.statements, createDynamoStatementStore(c.table), c.clock),
      networkNames: input.domain.network.phrases,
      weekVersions: createDynamoSearchShardStore(c.table),
    }),
  };
}

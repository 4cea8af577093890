/**
 * Wiring for read-article-page: the page reader (Readability on linkedom: in this function's bundle
 * only), its queue as an inbox, articles and statements (DynamoDB).
 */
import { createDynamoArticleStore, createDynamoSearchShardStore, createDynamoStatementStore } from '../adapters/dynamo/index.ts';
import { createHttpArticlePageSource, PAGE_MAX_BYTES } from '../adapters/http-article-page.ts';
import { createHttpFeedSource } from '../adapters/http-feed-source.ts';
import { createSqsJobInbox } from '../adapters/sqs-job-inbox.ts';
import { createSqsClient } from '../aws/sqs.ts';
import { ARTICLE_PAGES_MAX_RECEIVES } from '../config/names.ts';
import { drainArticlePages, readArticlePage } from '../use-cases/read-article-page.ts';
import { compileClassifier } from '../domain/classify/classifier.ts';
import { common, type WiringInput } from './common.ts';
import { userAgent } from './fetch-feed.ts';
import { cachedStatements } from './statements-cache.ts';

/** A page waits at most this long for its host's turn before it is left on the queue for the next run. */
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
      maxWaitMs: PAGE_MAX_WAIT_MS,
    });
  const statements = createDynamoStatementStore(c.table);
  const read = readArticlePage({
    articles: createDynamoArticleStore(c.table, { retentionDays: input.config.articleRetentionDays }),
    pages,
    loadStatements: cachedStatements(input.domain.statements, statements, c.clock),
    networkNames: input.domain.network.phrases,
    classifier: compileClassifier(input.domain),
    statements,
    networkDomains: input.domain.network.domains,
    weekVersions: createDynamoSearchShardStore(c.table),
  });
  return {
    readArticlePage: read,
    /** One scheduled run: the page queue drained until `deadline` (epoch ms). */
    async readArticlePages(deadline: number) {
      const url = input.config.queueUrls['article-pages'];
      if (!url) throw new Error('no queue URL for article-pages: set the queue\u2019s environment variable');
      const inbox = createSqsJobInbox({ client: input.overrides?.sqs ?? createSqsClient(input.config), queueUrl: url });
      return drainArticlePages(inbox, read, { clock: c.clock, deadline, maxReceives: ARTICLE_PAGES_MAX_RECEIVES });
    },
  };
}

/** Wiring for classify-article: the classifier compiled once per container, articles and statements (DynamoDB). */
import { createDynamoArticleStore, createDynamoSearchShardStore, createDynamoStatementStore } from '../adapters/dynamo/index.ts';
import { compileClassifier } from '../domain/classify/classifier.ts';
import type { Statement } from '../domain/types.ts';
import { classifyArticle } from '../use-cases/classify-article.ts';
import { matchStatementInWeek } from '../use-cases/match-statement.ts';
import type { ArticlePageSource, Clock, StatementJob } from '../ports.ts';
import { createHttpFeedSource } from '../adapters/http-feed-source.ts';
import { userAgent } from './fetch-feed.ts';

/** How long a warm container trusts its list of statements. */
export const STATEMENT_CACHE_MS = 60_000;
import { common, type WiringInput } from './common.ts';

export function wireClassifyArticle(input: WiringInput) {
  const c = common(input);
  const statements = createDynamoStatementStore(c.table);
  // Registered statements, merged with the config's, cached for a short while per warm container:
  // one Query a minute at most, and a statement registered now is matched within STATEMENT_CACHE_MS
  // (older articles are matched by its match-statement jobs).
  let cache: { at: number; value: Promise<Statement[]> } | undefined;
  const loadStatements = () => {
    const now = c.clock.now().getTime();
    if (!cache || now - cache.at >= STATEMENT_CACHE_MS) {
      const value = statements.list().then((stored) => [...new Map([...input.domain.statements, ...stored].map((s) => [s.id, s])).values()]);
      // A failed read is not cached.
      value.catch(() => (cache = undefined));
      cache = { at: now, value };
    }
    return cache.value;
  };
  // Looked up per article: a map built once per container, not a scan of the registry.
  const replyWindows = new Map([...input.domain.liveFeeds, ...input.domain.sampleFeeds].map((f) => [f.id, f.replyWindowDays]));
  const fetchArticle = new Set([...input.domain.liveFeeds, ...input.domain.sampleFeeds].filter((f) => f.fetchArticle).map((f) => f.id));
  const classifier = compileClassifier(input.domain);
  const articles = createDynamoArticleStore(c.table, { retentionDays: input.config.articleRetentionDays });
  const weekVersions = createDynamoSearchShardStore(c.table);
  const matchInWeek = matchStatementInWeek({ classifier, articles, statements, networkDomains: input.domain.network.domains, loadStatements, weekVersions });
  return {
    classifyArticle: classifyArticle({
      replyWindowFor: (feedId) => replyWindows.get(feedId),
      fetchArticleFor: (feedId) => fetchArticle.has(feedId),
      pages: fetchArticle.size ? (input.overrides?.pageSource ?? lazyPageSource(input, c.clock)) : undefined,
      networkDomains: input.domain.network.domains,
      networkNames: input.domain.network.phrases,
      classifier,
      articles,
      statements,
      loadStatements,
      clock: c.clock,
      weekVersions,
    }),
    /** A match-statement job: the statement as stored now (an edit since the job was sent wins). */
    async matchStatement(job: StatementJob) {
      const statement = await statements.get(job.statementId);
      if (!statement) return { week: job.week, read: 0, matched: 0, unlinked: 0, missing: true };
      return { ...(await matchInWeek(statement, job.week)), missing: false };
    },
  };
}

/**
 * The page reader, loaded on the first teaser only: Readability and linkedom are parsed by the
 * containers that need them, not on every cold start of the classifier.
 */
function lazyPageSource(input: WiringInput, clock: Clock): ArticlePageSource {
  let source: Promise<ArticlePageSource> | undefined;
  return {
    async fetchText(url) {
      source ??= import('../adapters/http-article-page.ts').then((m) => {
        const ua = userAgent(input.config.contactUrl);
        const http = createHttpFeedSource({ userAgent: ua, allowLoopback: input.config.allowLoopback, maxBytes: m.PAGE_MAX_BYTES, connectTimeoutMs: 3_000, totalTimeoutMs: 5_000 });
        return m.createHttpArticlePageSource({ http, userAgent: ua, clock });
      });
      return (await source).fetchText(url);
    },
  };
}

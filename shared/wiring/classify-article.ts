/** Wiring for classify-article: the classifier compiled once per container, articles and statements (DynamoDB), the page-jobs queue. */
import { createDynamoArticleStore, createDynamoSearchShardStore, createDynamoStatementStore } from '../adapters/dynamo/index.ts';
import { compileClassifier } from '../domain/classify/classifier.ts';
import { classifyArticle } from '../use-cases/classify-article.ts';
import { matchStatementInWeek } from '../use-cases/match-statement.ts';
import type { ArticlePageJob, StatementJob } from '../ports.ts';
import { createSqsClient } from '../aws/sqs.ts';
import { common, jobQueue, type WiringInput } from './common.ts';
import { cachedStatements } from './statements-cache.ts';

export function wireClassifyArticle(input: WiringInput) {
  const c = common(input);
  const statements = createDynamoStatementStore(c.table);
  const loadStatements = cachedStatements(input.domain.statements, statements, c.clock);
  // Looked up per article: a map built once per container, not a scan of the registry.
  const feeds = [...input.domain.liveFeeds, ...input.domain.sampleFeeds];
  const replyWindows = new Map(feeds.map((f) => [f.id, f.replyWindowDays]));
  const fetchArticle = new Set(feeds.filter((f) => f.fetchArticle).map((f) => f.id));
  const classifier = compileClassifier(input.domain);
  const articles = createDynamoArticleStore(c.table, { retentionDays: input.config.articleRetentionDays });
  const weekVersions = createDynamoSearchShardStore(c.table);
  const matchInWeek = matchStatementInWeek({ classifier, articles, statements, networkDomains: input.domain.network.domains, loadStatements, weekVersions });
  // Only a registry with teaser-only outlets needs the page queue (and its URL in the environment).
  const pageJobs = fetchArticle.size ? jobQueue<ArticlePageJob>(input.overrides?.sqs ?? createSqsClient(input.config), input.config, 'article-pages') : undefined;
  return {
    classifyArticle: classifyArticle({
      replyWindowFor: (feedId) => replyWindows.get(feedId),
      fetchArticleFor: (feedId) => fetchArticle.has(feedId),
      pageJobs,
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

/** Wiring for classify-article: the classifier compiled once per container, articles and statements (DynamoDB). */
import { createDynamoArticleStore, createDynamoStatementStore } from '../adapters/dynamo-store.ts';
import { compileClassifier } from '../domain/classify/classifier.ts';
import type { Statement } from '../domain/types.ts';
import { classifyArticle } from '../use-cases/classify-article.ts';
import { common, type WiringInput } from './common.ts';

export function wireClassifyArticle(input: WiringInput) {
  const c = common(input);
  const statements = createDynamoStatementStore(c.table);
  // Registered statements change rarely: read once per container, merged with the config's.
  let cache: Promise<Statement[]> | undefined;
  const loadStatements = () =>
    (cache ??= statements.list().then((stored) => [...new Map([...input.domain.statements, ...stored].map((s) => [s.id, s])).values()]));
  return {
    classifyArticle: classifyArticle({
      replyWindowFor: (feedId) => [...input.domain.liveFeeds, ...input.domain.sampleFeeds].find((f) => f.id === feedId)?.replyWindowDays,
      networkDomains: input.domain.network.domains,
      classifier: compileClassifier(input.domain), articles: createDynamoArticleStore(c.table, { retentionDays: input.config.articleRetentionDays }), statements, loadStatements, clock: c.clock,
    }),
  };
}

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
  // Looked up per article: a map built once per container, not a scan of the registry.
  const replyWindows = new Map([...input.domain.liveFeeds, ...input.domain.sampleFeeds].map((f) => [f.id, f.replyWindowDays]));
  return {
    classifyArticle: classifyArticle({
      replyWindowFor: (feedId) => replyWindows.get(feedId),
      networkDomains: input.domain.network.domains,
      classifier: compileClassifier(input.domain), articles: createDynamoArticleStore(c.table, { retentionDays: input.config.articleRetentionDays }), statements, loadStatements, clock: c.clock,
    }),
  };
}

/**
 * classify-article: classifies one article and stores it once. A redelivered message finds the
 * article stored and only merges its source.
 */
import type { Classifier } from '../domain/classify/classifier.ts';
import type { Article, Statement, StatementMatch } from '../domain/types.ts';
import { isoWeekOf } from '../domain/week.ts';
import { isRelevant } from '../domain/digest/stories.ts';
import { debateFacts, isOwnPublication } from '../domain/debate.ts';
import { opinionOf } from '../domain/opinion/summarize.ts';
import type { ArticleJob, ArticlePageJob, ArticleStore, Clock, JobQueue, StatementStore } from '../ports.ts';

export interface ClassifyArticleDeps {
  classifier: Classifier;
  /** The outlet's reply window by feed id (registry), and the network's own sites. */
  replyWindowFor?: (feedId: string) => number | undefined;
  networkDomains?: readonly string[];
  /** The network's names (config/network.json phrases): a stance toward it needs a sentence naming it. */
  networkNames?: readonly string[];
  articles: ArticleStore;
  statements: StatementStore;
  /** Registered statements, merged with the config's; cached briefly per container (a new one is seen within minutes). */
  loadStatements: () => Promise<Statement[]>;
  clock: Clock;
  /** Outlets whose opinion items are teasers (registry `fetchArticle`): their pages are read by read-article-page. */
  fetchArticleFor?: (feedId: string) => boolean;
  pageJobs?: JobQueue<ArticlePageJob> | undefined;
  /** The week's relevant-entries version (the web archive's stored search shards follow it). */
  weekVersions?: { bump(isoWeek: string): Promise<void> } | undefined;
}

export const classifyArticle = (deps: ClassifyArticleDeps) => async (job: ArticleJob): Promise<{ id: string; stored: boolean; article: Article }> => {
  const a = job.article;
  const statements = await deps.loadStatements();
  // The network's spokespeople are the people its statements name.
  const spokespeople = [...new Set(statements.flatMap((s) => s.people))];
  const classification = deps.classifier.classify(
    { title: a.title, text: a.summary, url: a.url, outlet: a.outlet, date: a.publishedAt, feedKind: a.feedKind, categories: a.categories },
    statements,
  );
  const debate = debateFacts({
    genre: classification.genre,
    publishedAt: a.publishedAt,
    replyWindowDays: deps.replyWindowFor?.(a.feedId),
    url: a.url,
    author: a.author,
    title: a.title,
    text: a.summary,
    mentionsNetwork: classification.mentionsNetwork,
    statementIds: classification.statements.map((s) => s.statementId),
    networkDomains: deps.networkDomains ?? [],
    spokespeople,
  });
  // What an opinion piece argues, by whom, whom it answers; its stance only where it engages the network.
  const opinion = debate ? opinionOf({ title: a.title, url: a.url, author: a.author, body: a.summary, classification, repliesToNetwork: debate.repliesToNetwork }, deps.networkNames ?? [], spokespeople) : undefined;
  const ownPublication = isOwnPublication({ url: a.url, author: a.author, title: a.title, text: a.summary, networkDomains: deps.networkDomains ?? [], spokespeople });
  const article: Article = {
    ...a,
    sources: [a.feedId],
    isoWeek: isoWeekOf(a.publishedAt),
    classification,
    storedAt: deps.clock.now().toISOString(),
    ...(ownPublication ? { ownPublication } : {}),
    ...(debate ? { debate } : {}),
    ...(opinion ? { opinion } : {}),
  };
  // A teaser-only outlet's piece gets its page read by read-article-page (slow, polite, its own function).
  const wantsPage = !!debate && !!deps.pageJobs && !!deps.fetchArticleFor?.(a.feedId) && a.summary.length < TEASER_MAX_CHARS;
  const stored = await deps.articles.putIfNew(article);
  if (stored && isRelevant(classification)) await deps.weekVersions?.bump(article.isoWeek);
  let pageRead = false;
  if (!stored) {
    // One story through several feeds: the copy from the feed that sorts first is the one
    // classified, so labels do not depend on which delivery came first.
    const existing = await deps.articles.get(a.id);
    pageRead = !!existing?.page;
    if (existing && a.feedId < existing.feedId) {
      // A page read already stays, and its facts are found again for the new copy.
      const withPage = existing.page ? { ...article, page: existing.page, ...(debate ? { opinion: opinionOf({ title: a.title, url: a.url, author: a.author, body: existing.page.text ?? a.summary, classification, repliesToNetwork: debate.repliesToNetwork }, deps.networkNames ?? [], spokespeople) } : {}) } : article;
      const replaced = await deps.articles.replacePrimary({ ...withPage, sources: [...new Set([...existing.sources, a.feedId])] }, existing.feedId);
      if (!replaced) throw new Error(`article ${a.id} changed while its primary copy was replaced; retry`);
      await deps.weekVersions?.bump(article.isoWeek);
    } else await deps.articles.addSource(a.id, a.feedId);
  }
  // Also on a redelivery (a crash after the put): the page job reads nothing twice.
  if (wantsPage && !pageRead) {
    const sent = await deps.pageJobs!.sendAll([{ v: 1, type: 'read-article-page', articleId: a.id }]);
    if (sent.failed.length) throw new Error(`article ${a.id}: its page job could not be queued; retry`);
  }
  // Idempotent puts: a retry after a crash here completes the links without duplicates.
  await linkStatementMatches(deps.statements, article, classification.statements, { networkDomains: deps.networkDomains ?? [], spokespeople });
  return { id: a.id, stored, article };
};

/** Below this many characters a feed item from a `fetchArticle` outlet is a teaser. */
export const TEASER_MAX_CHARS = 600;

/** One coverage item per (statement, article) with the evidence, whether it is the network's own, and its feeds. */
export async function linkStatementMatches(
  store: StatementStore,
  article: Article,
  matches: readonly StatementMatch[],
  network: { networkDomains: readonly string[]; spokespeople: readonly string[] },
): Promise<void> {
  if (!matches.length) return;
  const own = article.ownPublication ?? isOwnPublication({ url: article.url, author: article.author, title: article.title, text: article.summary, ...network });
  for (const m of matches) {
    await store.linkCoverage({
      statementId: m.statementId,
      articleId: article.id,
      publishedAt: article.publishedAt,
      score: m.score,
      outlet: article.outlet,
      title: article.title,
      url: article.url,
      genre: article.classification.genre,
      municipalities: article.classification.municipalities,
      own,
      evidence: m.evidence,
      sources: article.sources,
    });
  }
}

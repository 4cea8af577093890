/**
 * read-article-page: reads a stored teaser-only opinion piece's own page once, and stores the
 * page's text with the thesis, author and stance found in it (#20). Its own function and queue:
 * polite reading is slow (one page per host per interval), and the classifier stays small and fast.
 */
import { isRelevant } from '../domain/digest/stories.ts';
import type { Classifier } from '../domain/classify/classifier.ts';
import type { Article, Classification, Statement } from '../domain/types.ts';
import type { ArticlePageJob, ArticlePageSource, ArticleStore, Clock, JobInbox, PageText, StatementStore } from '../ports.ts';
import { decodeArticlePageJob } from '../messages.ts';
import { linkStatementMatches } from './classify-article.ts';
import { opinionOf } from '../domain/opinion/summarize.ts';

export interface ReadArticlePageDeps {
  articles: ArticleStore;
  pages: ArticlePageSource;
  loadStatements: () => Promise<Statement[]>;
  networkNames?: readonly string[];
  /** With these, the page is read for the network and its statements too (coverage the teaser hid). */
  classifier?: Classifier;
  statements?: StatementStore;
  networkDomains?: readonly string[];
  weekVersions?: { bump(isoWeek: string): Promise<void> } | undefined;
}

export type PageOutcome = 'text' | 'teaser' | 'already' | 'missing' | 'not-opinion' | 'changed';

/** The page could not be read now (a busy host, a timeout, a server error): the queue brings the job back later. */
export class ReadLaterError extends Error {
  override name = 'ReadLaterError';
}

/**
 * Reasons that pass: the host's turn, a timeout, an unknown host or a network fault, a server error
 * (the page's or its robots.txt's). A refusal, a missing page, robots.txt's no or a paywall do not.
 */
export const isTransientPageReason = (reason: string): boolean => /^(?:host-busy|timeout|dns|other|(?:robots-)?http-5\d\d|error: )/.test(reason);

export const readArticlePage =
  (deps: ReadArticlePageDeps) =>
  async (job: ArticlePageJob, opts: { lastAttempt?: boolean } = {}): Promise<{ outcome: PageOutcome; reason?: string; article?: Article }> => {
    const article = await deps.articles.get(job.articleId);
    if (!article) return { outcome: 'missing' };
    // Another feed's copy became the stored one and is no opinion piece.
    if (!article.debate) return { outcome: 'not-opinion' };
    if (article.page) return { outcome: 'already' };
    let got: PageText;
    try {
      got = await deps.pages.fetchText(article.url);
    } catch (e) {
      got = { kind: 'teaser', reason: `error: ${(e as Error).message}`.slice(0, 200) };
    }
    // What passes is tried again on a later run; on the queue's last delivery the teaser stays, with the reason.
    if (got.kind === 'teaser' && isTransientPageReason(got.reason) && !opts.lastAttempt) throw new ReadLaterError(`${new URL(article.url).host}: ${got.reason}; the page is read later`);
    const page = got.kind === 'text' ? { text: got.text } : { teaserReason: got.reason };
    const statements = await deps.loadStatements();
    const spokespeople = [...new Set(statements.flatMap((s) => s.people))];
    // Topics and towns stay as the feed's item gave them; the network named, or a statement matched,
    // only in the page's body is coverage the secretariat must see.
    const fromPage = page.text && deps.classifier
      ? deps.classifier.classify({ title: article.title, text: page.text, url: article.url, outlet: article.outlet, date: article.publishedAt, feedKind: article.feedKind, categories: article.categories }, statements)
      : undefined;
    // The statements the page matches that the teaser did not: stored with the article and linked for coverage.
    const added = fromPage ? fromPage.statements.filter((m) => !article.classification.statements.some((t) => t.statementId === m.statementId)) : [];
    const classification = fromPage ? withEngagement(article.classification, fromPage, added) : article.classification;
    const opinion = opinionOf(
      { title: article.title, url: article.url, author: article.author, body: page.text ?? article.summary, classification, repliesToNetwork: article.debate.repliesToNetwork },
      deps.networkNames ?? [],
      spokespeople,
    );
    const updated: Article = { ...article, page, opinion, classification };
    if (!(await deps.articles.attachPage(updated))) return { outcome: 'changed' };
    if (isRelevant(classification)) await deps.weekVersions?.bump(article.isoWeek);
    if (added.length && deps.statements) await linkStatementMatches(deps.statements, updated, added, { networkDomains: deps.networkDomains ?? [], spokespeople });
    return got.kind === 'text' ? { outcome: 'text', article: updated } : { outcome: 'teaser', reason: got.reason, article: updated };
  };

/** The teaser's labels, with the network mention and the statement matches the page adds. */
function withEngagement(teaser: Classification, page: Classification, added: Classification['statements']): Classification {
  return {
    ...teaser,
    mentionsNetwork: teaser.mentionsNetwork || page.mentionsNetwork,
    statements: [...teaser.statements, ...added],
    evidence: { ...teaser.evidence, network: [...new Set([...teaser.evidence.network, ...page.evidence.network])] },
  };
}

export interface DrainResult {
  received: number;
  read: number;
  teasers: number;
  /** Left on the queue for a later run: a page to read later, or an error (the DLQ takes it after the last delivery). */
  left: number;
  errors: string[];
}

/**
 * One run of the scheduled reader: pages one after another until the queue is empty or the run's
 * time is nearly spent. A job is marked done only once its page is handled, so a crash or a timeout
 * loses nothing: the job comes back after the queue's visibility timeout.
 */
export async function drainArticlePages(
  inbox: JobInbox,
  read: ReturnType<typeof readArticlePage>,
  opts: { clock: Clock; deadline: number; maxReceives: number },
): Promise<DrainResult> {
  const out: DrainResult = { received: 0, read: 0, teasers: 0, left: 0, errors: [] };
  while (opts.clock.now().getTime() < opts.deadline) {
    const message = await inbox.next();
    if (!message) break;
    out.received++;
    try {
      const result = await read(decodeArticlePageJob(message.body), { lastAttempt: message.receiveCount >= opts.maxReceives });
      if (result.outcome === 'text') out.read++;
      if (result.outcome === 'teaser') out.teasers++;
      await inbox.done(message);
    } catch (e) {
      out.left++;
      if (!(e instanceof ReadLaterError)) out.errors.push((e as Error).message.slice(0, 300));
    }
  }
  return out;
}

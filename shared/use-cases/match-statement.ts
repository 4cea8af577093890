/**
 * Retroactive statement matching: a statement registered (or edited) after its articles were
 * stored is matched against the stored articles of its window, one ISO week at a time. Locally the
 * CLI runs the weeks directly; in AWS `monitor statements add --aws` enqueues one match-statement
 * job per week on the articles queue and classify-article runs the same code.
 *
 * Idempotent: a link is a put keyed by (statement, article), an article that no longer matches an
 * edited statement is unlinked, and the article's own statement list is rewritten only when it changed.
 */
import { DateTime } from 'luxon';
import type { Classifier } from '../domain/classify/classifier.ts';
import { debateFacts } from '../domain/debate.ts';
import { statementWindow, stockholmDate, topicWordsOf } from '../domain/statement.ts';
import type { Article, Statement, StatementMatch } from '../domain/types.ts';
import { isoWeekOf, ZONE } from '../domain/week.ts';
import type { ArticleStore, StatementStore } from '../ports.ts';
import { linkStatementMatches } from './classify-article.ts';

export interface MatchStatementDeps {
  classifier: Classifier;
  articles: ArticleStore;
  statements: StatementStore;
  networkDomains: readonly string[];
  /** Every registered statement (for the spokespeople and for the article's other matches). */
  loadStatements: () => Promise<Statement[]>;
  weekVersions?: { bump(isoWeek: string): Promise<void> } | undefined;
}

/** The ISO weeks a statement's window touches, in order. */
export function statementWeeks(s: Pick<Statement, 'date' | 'until'>): string[] {
  const w = statementWindow(s);
  const weeks: string[] = [];
  const end = DateTime.fromISO(w.until, { zone: ZONE }).endOf('day');
  for (let d = DateTime.fromISO(w.from, { zone: ZONE }); d <= end; d = d.plus({ days: 1 })) {
    const week = isoWeekOf(d.toJSDate());
    if (weeks.at(-1) !== week) weeks.push(week);
  }
  return weeks;
}

export interface WeekMatchResult {
  week: string;
  read: number;
  matched: number;
  unlinked: number;
}

export const matchStatementInWeek =
  (deps: MatchStatementDeps) =>
  async (statement: Statement, week: string): Promise<WeekMatchResult> => {
    const all = await deps.loadStatements();
    const spokespeople = [...new Set([...all, statement].flatMap((s) => s.people))];
    let read = 0;
    let matched = 0;
    let unlinked = 0;
    let changed = false;
    // Page by page: a week of 35,000 stored articles with their evidence does not fit classify-article's memory at once.
    for await (const page of deps.articles.byWeekPages(week)) {
      read += page.length;
      for (const article of page) {
        const c = article.classification;
        const lower = `${article.title.toLowerCase()}\n${article.summary.toLowerCase()}`;
        const [m] = deps.classifier.matchStatements([statement], { lower, day: stockholmDate(article.publishedAt), mentionsNetwork: c.mentionsNetwork, topics: c.topics, topicWords: topicWordsOf(c.evidence.topics) });
        const had = c.statements.some((s) => s.statementId === statement.id);
        if (!m && !had) continue;
        const others = c.statements.filter((s) => s.statementId !== statement.id);
        const next: StatementMatch[] = m ? [...others, m].sort((a, b) => b.score - a.score) : others;
        const updated = withStatements(article, next, deps.networkDomains, spokespeople);
        if (!sameMatches(c.statements, next)) {
          // Conditional on the copy read: a concurrent reclassification wins and this week is retried.
          if (!(await deps.articles.replacePrimary(updated, article.feedId))) throw new Error(`article ${article.id} changed while statement ${statement.id} was matched; retry`);
          changed = true;
        }
        if (m) {
          await linkStatementMatches(deps.statements, updated, [m], { networkDomains: deps.networkDomains, spokespeople });
          matched++;
        } else {
          await deps.statements.unlinkCoverage(statement.id, article.id);
          unlinked++;
        }
      }
    }
    if (changed) await deps.weekVersions?.bump(week);
    return { week, read, matched, unlinked };
  };

function withStatements(article: Article, statements: StatementMatch[], networkDomains: readonly string[], spokespeople: readonly string[]): Article {
  const classification = { ...article.classification, statements };
  if (!article.debate) return { ...article, classification };
  // A reply to the network may now be recognised through the statement: the flag is derived again, the reply-by date kept.
  const facts = debateFacts({
    genre: classification.genre,
    publishedAt: article.publishedAt,
    url: article.url,
    author: article.author,
    title: article.title,
    text: article.summary,
    mentionsNetwork: classification.mentionsNetwork,
    statementIds: statements.map((s) => s.statementId),
    networkDomains,
    spokespeople,
  });
  return { ...article, classification, debate: { ...article.debate, repliesToNetwork: facts?.repliesToNetwork ?? article.debate.repliesToNetwork } };
}

const sameMatches = (a: readonly StatementMatch[], b: readonly StatementMatch[]) => JSON.stringify(a) === JSON.stringify(b);

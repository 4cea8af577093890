/**
 * Ports: the small interfaces the use cases need. Adapters implement them; nothing in a use case
 * imports an adapter module.
 */
import type { CoverageLink } from './domain/coverage/report.ts';
export type { CoverageLink };
import type { Article, ArticleCandidate, Statement, Subscriber } from './domain/types.ts';

import type { DigestEntry } from './domain/digest/stories.ts';
import type { WeekEdition } from './domain/digest/edition.ts';

export interface Clock {
  now(): Date;
}

export interface FetchRequest {
  url: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
}

import type { FeedState, FetchOutcome } from './domain/feed/health.ts';
export type { FetchOutcome };

export interface FeedSource {
  fetch(req: FetchRequest): Promise<FetchOutcome>;
}

/** An article page's readable text, or why the teaser stays (robots, paywall, error). */
export type PageText = { kind: 'text'; text: string } | { kind: 'teaser'; reason: string };

export interface ArticlePageSource {
  fetchText(url: string): Promise<PageText>;
}

/** Versioned job messages between functions. */
export type FeedJob = { v: 1; type: 'fetch-feed'; feedId: string; scheduledAt: string; forceFull?: boolean };
export type ArticleJob = { v: 1; type: 'classify-article'; article: ArticleCandidate };
/** A stored teaser-only opinion piece whose own page is read by read-article-page. */
export type ArticlePageJob = { v: 1; type: 'read-article-page'; articleId: string };
/** A new or edited statement, matched against one week of stored articles (same queue and function as classification). */
export type StatementJob = { v: 1; type: 'match-statement'; statementId: string; week: string };
/** One subscriber's letter for one week, cut from the edition built at `editionBuiltAt`. */
export type DigestJob = { v: 1; type: 'deliver-digest'; week: string; subscriberId: string; editionBuiltAt: string; force?: boolean };

/** A queue drained by its own scheduled reader: one message at a time, marked done once handled. */
export interface InboxMessage {
  body: string;
  /** Deliveries so far, this one included. */
  receiveCount: number;
  handle: string;
}
export interface JobInbox {
  next(): Promise<InboxMessage | undefined>;
  done(message: InboxMessage): Promise<void>;
}

export interface JobQueue<T> {
  /**
   * Sends in batches of ten within SQS's size limits; returns the bodies that could not be sent,
   * and how many jobs were too large for one message (left out, never retried).
   */
  sendAll(jobs: T[]): Promise<{ sent: number; failed: string[]; tooLarge: number }>;
}

export interface ArticleSeen {
  id: string;
  sources: string[];
  /** The feed whose copy was classified: the lowest feed id, so labels do not depend on arrival order. */
  primaryFeedId: string;
}

export interface ArticleStore {
  /** Which of these ids are stored already, with the feeds they were seen in. */
  seen(ids: string[]): Promise<Map<string, ArticleSeen>>;
  /** Conditional put: true when the article was new; false when it existed (then the source is merged). */
  putIfNew(article: Article): Promise<boolean>;
  addSource(id: string, feedId: string): Promise<void>;
  /**
   * Replaces the stored copy with one from a feed that sorts first, keeping every source; only if
   * the stored copy is still from `expectedPrimary` (false when another writer changed it).
   */
  replacePrimary(article: Article, expectedPrimary: string): Promise<boolean>;
  /**
   * Stores the page read for a teaser-only piece with the opinion facts found in it, once: false
   * when the article is gone, has its page already, or its primary copy changed meanwhile.
   */
  attachPage(article: Article): Promise<boolean>;
  /** Articles of one ISO week by index Query; `itemsRead` counts items read, for cost tests. */
  byWeek(isoWeek: string): Promise<{ articles: Article[]; itemsRead: number; undecodable: string[] }>;
  /** The same, a Query page at a time: bounded memory for a week of 35,000 articles with their evidence. */
  byWeekPages(isoWeek: string): AsyncIterable<Article[]>;
  /** The digest entries of one week's relevant articles, from the sparse index (nothing else is read). */
  relevantByWeek(isoWeek: string): Promise<{ entries: DigestEntry[]; itemsRead: number; undecodable: string[] }>;
  get(id: string): Promise<Article | undefined>;
  /** Several articles in one batch read (a page of search results and their evidence). */
  getMany(ids: readonly string[]): Promise<Map<string, Article>>;
  /** How many articles (relevant or not) were stored for the week: a count on the index, no items read. */
  countWeek(isoWeek: string): Promise<number>;
  countAll(): Promise<number>;
}

export interface FeedStateStore {
  all(): Promise<FeedState[]>;
  get(feedId: string): Promise<FeedState | undefined>;
  /** Optimistic: succeeds only if the stored version is `expectedVersion` (0 = absent). */
  put(state: FeedState, expectedVersion: number): Promise<void>;
}


export interface StatementStore {
  /** The valid statements; a stored record that fails the schema is left out (and reported). */
  list(): Promise<Statement[]>;
  /** The stored records that fail the schema, for the secretariat to remove or register again. */
  invalid(): Promise<Array<{ id: string; problem: string }>>;
  get(id: string): Promise<Statement | undefined>;
  put(statement: Statement): Promise<void>;
  /** A statement registered by mistake: it and its coverage links go (the articles keep their own labels). */
  remove(id: string): Promise<{ removed: boolean; links: number }>;
  linkCoverage(link: CoverageLink): Promise<void>;
  /** An edited statement no longer matches the article. */
  unlinkCoverage(statementId: string, articleId: string): Promise<void>;
  coverage(statementId: string): Promise<CoverageLink[]>;
}

export interface SubscriberStore {
  list(): Promise<Subscriber[]>;
  get(id: string): Promise<Subscriber | undefined>;
  put(subscriber: Subscriber): Promise<void>;
  /** Removes the person's data; someone who had unsubscribed leaves a suppression behind (the id only). */
  remove(id: string): Promise<boolean>;
  setActive(id: string, active: boolean): Promise<boolean>;
  /** The person signed out of the web app: every session cookie issued before stops working. */
  endSessions(id: string): Promise<boolean>;
  /** Unsubscribed (now or before a removal) under any of these ids: add and import must not subscribe them again. */
  isSuppressed(...ids: string[]): Promise<boolean>;
  /** The person asked to subscribe again: the suppressions under these ids go. */
  clearSuppression(...ids: string[]): Promise<void>;
}

/** A week's edition, stored once and read by every delivery of that week. */
export interface EditionStore {
  get(isoWeek: string): Promise<WeekEdition | undefined>;
  put(edition: WeekEdition): Promise<void>;
}

export type DigestSendStatus = 'sending' | 'sent' | 'failed';

export interface DigestLedger {
  /** Claims (week, subscriber) for sending; false when it was sent, or is being sent, already. */
  claim(isoWeek: string, subscriberId: string, now: Date, force: boolean): Promise<boolean>;
  markSent(isoWeek: string, subscriberId: string, messageId: string, now: Date): Promise<void>;
  markFailed(isoWeek: string, subscriberId: string, error: string, now: Date): Promise<void>;
  sentCount(isoWeek: string): Promise<number>;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** For the local outbox: a file name without extension. */
  slug: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}

/** Sign-in links and rate limits for the web app. */
export interface SignInStore {
  /** Stores a link's token hash for the subscriber until `expiresAt`, with the person's session epoch when it was issued. */
  putToken(tokenHash: string, subscriberId: string, expiresAt: Date, epoch: number): Promise<void>;
  /** Deletes the token and returns its subscriber and issue epoch if it existed and had not expired: a link signs in once. */
  consumeToken(tokenHash: string, now: Date): Promise<{ subscriberId: string; epoch: number } | undefined>;
  /** Counts one hit for `key` in the window starting at `windowStart`; false when `limit` was reached. */
  hit(key: string, windowStart: number, windowSeconds: number, limit: number): Promise<boolean>;
}

/** What the web archive keeps per past week, so a cold container reads one item per week. */
export interface SearchShard {
  week: string;
  /** The week's relevant-entries version it was built from. */
  version: number;
  /** The shard's layout (a reader rebuilds one of another layout). */
  format: number;
  entries: DigestEntry[];
}

export interface SearchShardStore {
  /** Bumps the week's version: a relevant article of the week was stored, or its statements changed. */
  bump(isoWeek: string): Promise<void>;
  versions(weeks: readonly string[]): Promise<Map<string, number>>;
  get(isoWeek: string): Promise<SearchShard | undefined>;
  /** False when the shard was too large to store (the archive then builds that week itself). */
  put(shard: SearchShard): Promise<boolean>;
}

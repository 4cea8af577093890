/**
 * fetch-feed: fetches one feed politely, parses it, and enqueues only the items not seen before.
 * An unchanged feed (304, or the same body hash) costs no parse and writes no article.
 */
import { createHash } from 'node:crypto';
import type { ArticleCandidate, Feed } from '../domain/types.ts';
import { afterFailure, afterSuccess, feedConfigHash, initialFeedState, needsFullFetch, reconcileWithRegistry, type FeedState } from '../domain/feed/health.ts';
import { parseFeedSlices, type DropCounts } from '../domain/feed/parse.ts';
import { charsetFromContentType } from '../domain/feed/decode.ts';
import type { ArticleJob, ArticleStore, Clock, FeedJob, FeedSource, FeedStateStore, JobQueue } from '../ports.ts';

export interface FetchFeedDeps {
  feeds: Feed[];
  feedSource: FeedSource;
  feedStates: FeedStateStore;
  articles: ArticleStore;
  articleJobs: JobQueue<ArticleJob>;
  clock: Clock;
  random: () => number;
}

export interface FetchFeedReport {
  feedId: string;
  status: string;
  items: number;
  newItems: number;
  newSources: number;
  skipped?: string;
  degraded?: string;
  /** Items left out, by reason: never silently. */
  dropped?: Record<string, number>;
}

export const fetchFeed = (deps: FetchFeedDeps) => async (job: FeedJob): Promise<FetchFeedReport> => {
  const feed = deps.feeds.find((f) => f.id === job.feedId);
  if (!feed) return { feedId: job.feedId, status: 'unknown-feed', items: 0, newItems: 0, newSources: 0, skipped: 'not in the registry' };
  const now = deps.clock.now();
  const stored = await deps.feedStates.get(feed.id);
  const configHash = feedConfigHash(feed);
  // The registry is the truth: an entry changed since the state was made starts it over.
  const reconciled = stored ? reconcileWithRegistry(stored, feed, configHash, now) : { state: initialFeedState(feed.id, feed.url, now, configHash), changed: false };
  const prev: FeedState = reconciled.state;
  if (prev.disabled) return { feedId: feed.id, status: 'disabled', items: 0, newItems: 0, newSources: 0, skipped: prev.disabledReason };
  const full = job.forceFull || reconciled.changed || needsFullFetch(prev, now);
  const outcome = await deps.feedSource.fetch({ url: prev.url, etag: full ? undefined : prev.etag, lastModified: full ? undefined : prev.lastModified });

  const save = (next: FeedState) => deps.feedStates.put({ ...next, version: prev.version + 1 }, prev.version);
  const fullStamp = full ? { lastFullFetchAt: now.toISOString() } : {};

  if (outcome.kind === 'not-modified') {
    await save(afterSuccess(prev, now, { lastStatus: 'not-modified', ...fullStamp }));
    return { feedId: feed.id, status: 'not-modified', items: 0, newItems: 0, newSources: 0 };
  }
  if (outcome.kind !== 'ok') {
    await save(afterFailure(prev, now, outcome, deps.random));
    return { feedId: feed.id, status: outcome.kind === 'http-error' ? `http-${outcome.status}` : outcome.reason, items: 0, newItems: 0, newSources: 0 };
  }
  const bodyHash = createHash('sha256').update(outcome.bytes).digest('hex');
  const validators = { etag: outcome.etag, lastModified: outcome.lastModified, bodyHash, ...fullStamp, ...(outcome.movedTo ? { url: outcome.movedTo } : {}) };
  if (bodyHash === prev.bodyHash) {
    await save(afterSuccess(prev, now, { lastStatus: 'unchanged', ...validators }));
    return { feedId: feed.id, status: 'unchanged', items: prev.itemsLastSeen, newItems: 0, newSources: 0 };
  }
  let items = 0;
  let newItems = 0;
  let newSources = 0;
  let degraded: string | undefined;
  const dropped: Record<string, number> = {};
  const drop = (reason: string, n: number) => n && (dropped[reason] = (dropped[reason] ?? 0) + n);
  // Slice by slice: a large feed is never held whole, and what a slice enqueued before a later
  // slice fails to parse is harmless (the next fetch finds those items seen).
  try {
    for await (const slice of parseFeedSlices(outcome.bytes, { feedId: feed.id, feedUrl: outcome.movedTo ?? prev.url, outlet: feed.outlet, kind: feed.kind, aggregator: feed.aggregator }, {
      httpCharset: charsetFromContentType(outcome.contentType),
      now,
    })) {
      if (!slice.ok) {
        // Keep no body hash: the next fetch must parse again.
        await save(afterFailure(prev, now, { kind: 'parse-error', message: `${slice.kind}: ${slice.error}` }, deps.random));
        return { feedId: feed.id, status: slice.kind, items: 0, newItems: 0, newSources: 0 };
      }
      degraded = slice.degraded;
      for (const [k, n] of Object.entries(slice.dropped) as Array<[keyof DropCounts, number]>) drop(k, n);
      const r = await enqueueNew(deps, feed.id, slice.items);
      drop('tooLargeForQueue', r.tooLarge);
      items += slice.items.length;
      newItems += r.fresh;
      newSources += r.newSources;
    }
  } catch (e) {
    // Part of the fetch failed (the queue, the table): the state is saved all the same, without the
    // body hash so the next poll reads the feed again, and the job is retried by SQS.
    await save(afterFailure(prev, now, { kind: 'parse-error', message: `after ${items} items: ${e instanceof Error ? e.message : String(e)}` }, deps.random));
    throw e;
  }
  const droppedNow = Object.keys(dropped).length ? dropped : undefined;
  await save(afterSuccess(prev, now, { lastStatus: `ok-${outcome.status}`, itemsLastSeen: items, ...validators, degraded, dropped: droppedNow }));
  return { feedId: feed.id, status: 'ok', items, newItems, newSources, ...(degraded ? { degraded } : {}), ...(droppedNow ? { dropped: droppedNow } : {}) };
};

/** Enqueues the items not seen before; a story already stored from another feed gets this feed as a source. */
async function enqueueNew(deps: Pick<FetchFeedDeps, 'articles' | 'articleJobs'>, feedId: string, items: ArticleCandidate[]): Promise<{ fresh: number; newSources: number; tooLarge: number }> {
  const seen = await deps.articles.seen(items.map((i) => i.id));
  const fresh = items.filter((i) => !seen.has(i.id));
  const newSources = items.filter((i) => seen.has(i.id) && !seen.get(i.id)!.sources.includes(feedId));
  // A copy from a feed that sorts before the stored one's becomes the classified copy; others only add a source.
  const takeOver = newSources.filter((i) => feedId < seen.get(i.id)!.primaryFeedId);
  for (const item of newSources) if (!takeOver.includes(item)) await deps.articles.addSource(item.id, feedId);
  // Every field is capped at parse; a message that still does not fit is left out by the queue,
  // alone, rather than failing the batch on every poll.
  const { failed, tooLarge } = await deps.articleJobs.sendAll([...fresh, ...takeOver].map((article) => ({ v: 1, type: 'classify-article', article })));
  if (failed.length) throw new Error(`could not enqueue ${failed.length} articles of feed ${feedId}`);
  return { fresh: Math.max(0, fresh.length - tooLarge), newSources: newSources.length, tooLarge };
}

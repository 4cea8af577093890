/**
 * Per-feed health and politeness: when to fetch next, how hard to back off, when to give up.
 * Pure: the next state is a function of the previous state, the outcome and the clock.
 */
import { hash } from 'node:crypto';
import type { Feed } from '../types.ts';

/** A short hash of a feed's registry entry (keys sorted): it changes when the entry does. */
export function feedConfigHash(feed: Feed): string {
  const sorted = Object.fromEntries(Object.entries(feed).sort(([a], [b]) => a.localeCompare(b)));
  return hash('sha256', JSON.stringify(sorted), 'base64url').slice(0, 16);
}

/** What one conditional GET of a feed gave: the feed source port returns it, the health rules read it. */
export type FetchOutcome =
  | {
      kind: 'ok';
      status: number;
      bytes: Uint8Array;
      contentType: string | null;
      etag?: string | undefined;
      lastModified?: string | undefined;
      /** Set when a 301/308 moved the feed: the registry should learn the new URL. */
      movedTo?: string | undefined;
      ms: number;
    }
  | { kind: 'not-modified'; status: 304; ms: number }
  | { kind: 'http-error'; status: number; retryAfterSeconds?: number | undefined; ms: number }
  | {
      kind: 'network-error';
      reason: 'dns' | 'timeout' | 'refused' | 'too-large' | 'too-many-redirects' | 'blocked-address' | 'bad-url' | 'other';
      message: string;
      ms: number;
    };

export interface FeedState {
  feedId: string;
  /** Current URL: a 301 moves it. */
  url: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  bodyHash?: string | undefined;
  lastStatus: string;
  lastFetchAt?: string | undefined;
  lastSuccessAt?: string | undefined;
  /** Last fetch without validators: servers misuse ETags, so one full fetch a day. */
  lastFullFetchAt?: string | undefined;
  consecutiveFailures: number;
  /** Failures weighted by kind; the backoff grows with it. */
  failureWeight: number;
  consecutive404: number;
  nextFetchAt: string;
  disabled: boolean;
  disabledReason?: string | undefined;
  lastError?: string | undefined;
  itemsLastSeen: number;
  /** Set when the last read needed repairs (bare "&", a cut-off document): which, and why. */
  degraded?: string | undefined;
  /** Items the last read left out, by reason (non-http link, over the item cap, too large…). */
  dropped?: Record<string, number> | undefined;
  /**
   * The registry entry this state was made for (a hash of it). When the entry changes, the state
   * starts over from it: the configured URL wins over a stored redirect, and a disabled feed is
   * enabled again.
   */
  configHash?: string | undefined;
  /** Optimistic-lock version: a write succeeds only on the version it read. */
  version: number;
}

export const POLL_INTERVAL_MS = 15 * 60_000;
export const MAX_BACKOFF_MS = 24 * 3600_000;
export const FULL_FETCH_EVERY_MS = 24 * 3600_000;
const DISABLE_AFTER_404 = 8;

export function initialFeedState(feedId: string, url: string, now: Date, configHash?: string): FeedState {
  return {
    feedId,
    url,
    lastStatus: 'new',
    consecutiveFailures: 0,
    failureWeight: 0,
    consecutive404: 0,
    nextFetchAt: now.toISOString(),
    disabled: false,
    itemsLastSeen: 0,
    version: 0,
    ...(configHash ? { configHash } : {}),
  };
}

/**
 * The registry is the truth: a stored state made for another version of the feed's entry starts
 * over from the entry (its URL, enabled, no backoff), keeping only the lock version; a stored
 * redirect thus applies only while the entry is unchanged. A state from before entries were
 * hashed adopts the current entry's hash as it is.
 */
export function reconcileWithRegistry(state: FeedState, feed: { url: string }, configHash: string, now: Date): { state: FeedState; changed: boolean } {
  if (state.configHash === configHash) return { state, changed: false };
  if (state.configHash === undefined) return { state: { ...state, configHash }, changed: false };
  return { state: { ...initialFeedState(state.feedId, feed.url, now, configHash), version: state.version }, changed: true };
}

/** An operator's `monitor feeds enable`: fetch at the next poll, backoff and failure counts cleared. */
export function enabled(state: FeedState, now: Date): FeedState {
  return {
    ...state,
    disabled: false,
    disabledReason: undefined,
    consecutiveFailures: 0,
    failureWeight: 0,
    consecutive404: 0,
    nextFetchAt: now.toISOString(),
  };
}

/** Due: never fetched, its registry entry changed since (then even a disabled feed), or its time has come. */
export function isDue(state: FeedState | undefined, now: Date, configHash?: string): boolean {
  if (!state) return true;
  if (configHash && state.configHash !== undefined && state.configHash !== configHash) return true;
  return !state.disabled && Date.parse(state.nextFetchAt) <= now.getTime();
}

/** Whether this fetch should skip validators (first fetch, or none for a day). */
export function needsFullFetch(state: FeedState, now: Date): boolean {
  return !state.lastFullFetchAt || now.getTime() - Date.parse(state.lastFullFetchAt) >= FULL_FETCH_EVERY_MS;
}

/** How much a failure counts: a hard error more than an HTTP error, a DNS hiccup least. */
export function failureWeightOf(outcome: FetchOutcome | { kind: 'parse-error' }): number {
  switch (outcome.kind) {
    case 'parse-error':
      return 2;
    case 'http-error':
      return 1;
    case 'network-error':
      if (outcome.reason === 'dns' || outcome.reason === 'timeout' || outcome.reason === 'refused') return 0.5;
      return 2;
    default:
      return 0;
  }
}

/** Exponential backoff with ±20 % jitter, capped at 24 h; Retry-After is honoured as a floor. */
export function backoffMs(failureWeight: number, random: () => number, retryAfterSeconds?: number): number {
  const base = Math.min(MAX_BACKOFF_MS, POLL_INTERVAL_MS * 2 ** failureWeight);
  const jittered = Math.min(MAX_BACKOFF_MS, base * (0.8 + 0.4 * random()));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

export function afterSuccess(prev: FeedState, now: Date, patch: Partial<FeedState>): FeedState {
  return {
    ...prev,
    ...patch,
    lastFetchAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    consecutiveFailures: 0,
    failureWeight: 0,
    consecutive404: 0,
    lastError: undefined,
    degraded: patch.degraded,
    nextFetchAt: new Date(now.getTime() + POLL_INTERVAL_MS).toISOString(),
  };
}

export function afterFailure(
  prev: FeedState,
  now: Date,
  outcome: FetchOutcome | { kind: 'parse-error'; message: string },
  random: () => number,
): FeedState {
  const weight = prev.failureWeight + failureWeightOf(outcome);
  const status = outcome.kind === 'http-error' ? `http-${outcome.status}` : outcome.kind === 'network-error' ? outcome.reason : outcome.kind;
  const error =
    outcome.kind === 'http-error' ? `HTTP ${outcome.status}` : outcome.kind === 'network-error' || outcome.kind === 'parse-error' ? outcome.message : status;
  const is404 = outcome.kind === 'http-error' && outcome.status === 404;
  const consecutive404 = is404 ? prev.consecutive404 + 1 : 0;
  let disabled = false;
  let disabledReason: string | undefined;
  if (outcome.kind === 'http-error' && outcome.status === 410) {
    disabled = true;
    disabledReason = 'HTTP 410 Gone: the publisher removed the feed';
  } else if (consecutive404 >= DISABLE_AFTER_404) {
    disabled = true;
    disabledReason = `HTTP 404 ${consecutive404} times in a row`;
  }
  const retryAfter = outcome.kind === 'http-error' && (outcome.status === 429 || outcome.status === 503) ? outcome.retryAfterSeconds : undefined;
  return {
    ...prev,
    lastStatus: status,
    lastFetchAt: now.toISOString(),
    consecutiveFailures: prev.consecutiveFailures + 1,
    failureWeight: weight,
    consecutive404,
    lastError: error.slice(0, 500),
    disabled,
    disabledReason,
    nextFetchAt: new Date(now.getTime() + backoffMs(weight, random, retryAfter)).toISOString(),
  };
}

/**
 * schedule-feeds: the feed registry and the stored feed states decide which feeds are due; one
 * fetch job per due feed goes to the queue.
 */
import type { Feed } from '../domain/types.ts';
import { feedConfigHash, isDue, type FeedState } from '../domain/feed/health.ts';
import type { Clock, FeedJob, FeedStateStore, JobQueue } from '../ports.ts';

export interface ScheduleFeedsDeps {
  feeds: Feed[];
  feedStates: FeedStateStore;
  feedJobs: JobQueue<FeedJob>;
  clock: Clock;
}

export interface ScheduleReport {
  feeds: number;
  due: number;
  enqueued: number;
  disabled: string[];
  failed: string[];
  /** Member towns none of whose local feeds has succeeded in the last 24 hours (alarm input). */
  townsWithoutHealthyFeed: string[];
}

const HEALTHY_WITHIN_MS = 24 * 3600_000;

/** A town is uncovered when every local feed of it has been tried and none succeeded in 24 h. */
export function townsWithoutHealthyFeed(feeds: Feed[], states: Map<string, FeedState>, now: Date): string[] {
  const towns = new Map<string, Feed[]>();
  for (const f of feeds) for (const m of f.municipalities) towns.set(m, [...(towns.get(m) ?? []), f]);
  const healthy = (f: Feed) => {
    const s = states.get(f.id);
    // Not tried yet (a new feed, a fresh deploy): not counted against the town.
    if (!s || (!s.lastFetchAt && !s.lastSuccessAt)) return true;
    return !s.disabled && !!s.lastSuccessAt && now.getTime() - Date.parse(s.lastSuccessAt) < HEALTHY_WITHIN_MS;
  };
  return [...towns.entries()].filter(([, list]) => !list.some(healthy)).map(([town]) => town).sort((a, b) => a.localeCompare(b, 'sv'));
}

export const scheduleFeeds = (deps: ScheduleFeedsDeps) => async (): Promise<ScheduleReport> => {
  const now = deps.clock.now();
  const states = new Map((await deps.feedStates.all()).map((s) => [s.feedId, s]));
  const due = deps.feeds.filter((f) => isDue(states.get(f.id), now, feedConfigHash(f)));
  const disabled = deps.feeds.filter((f) => states.get(f.id)?.disabled).map((f) => f.id);
  const jobs: FeedJob[] = due.map((f) => ({ v: 1, type: 'fetch-feed', feedId: f.id, scheduledAt: now.toISOString() }));
  const { sent, failed } = await deps.feedJobs.sendAll(jobs);
  return { feeds: deps.feeds.length, due: due.length, enqueued: sent, disabled, failed, townsWithoutHealthyFeed: townsWithoutHealthyFeed(deps.feeds, states, now) };
};

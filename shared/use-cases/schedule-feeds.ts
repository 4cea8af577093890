/**
 * schedule-feeds: the feed registry and the stored feed states decide which feeds are due; one
 * fetch job per due feed goes to the queue.
 */
import type { Feed } from '../domain/types.ts';
import { feedConfigHash, isDue } from '../domain/feed/health.ts';
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
}

export const scheduleFeeds = (deps: ScheduleFeedsDeps) => async (): Promise<ScheduleReport> => {
  const now = deps.clock.now();
  const states = new Map((await deps.feedStates.all()).map((s) => [s.feedId, s]));
  const due = deps.feeds.filter((f) => isDue(states.get(f.id), now, feedConfigHash(f)));
  const disabled = deps.feeds.filter((f) => states.get(f.id)?.disabled).map((f) => f.id);
  const jobs: FeedJob[] = due.map((f) => ({ v: 1, type: 'fetch-feed', feedId: f.id, scheduledAt: now.toISOString() }));
  const { sent, failed } = await deps.feedJobs.sendAll(jobs);
  return { feeds: deps.feeds.length, due: due.length, enqueued: sent, disabled, failed };
};

/** In-memory fakes of the ports, for unit tests of the use cases. */
import { isRelevant, toDigestEntry } from '#shared/domain/digest/stories.ts';
import { encodeJob, MAX_MESSAGE_BYTES } from '#shared/messages.ts';
import type { Article, Subscriber } from '#shared/domain/types.ts';
import type { FeedState } from '#shared/domain/feed/health.ts';
import type { ArticleJob, ArticleStore, Clock, FeedJob, FeedSource, FeedStateStore, FetchOutcome, JobQueue } from '#shared/ports.ts';

export class FakeClock implements Clock {
  constructor(public current: Date) {}
  now() {
    return this.current;
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function fakeQueue<T extends FeedJob | ArticleJob>(): JobQueue<T> & { jobs: T[] } {
  const jobs: T[] = [];
  return {
    jobs,
    async sendAll(list) {
      // The same size rule as the SQS queue: a job too large for one message is left out.
      const fits = list.filter((j) => Buffer.byteLength(encodeJob(j)) <= MAX_MESSAGE_BYTES);
      jobs.push(...fits);
      return { sent: fits.length, failed: [], tooLarge: list.length - fits.length };
    },
  };
}

export function fakeFeedStates(): FeedStateStore & { states: Map<string, FeedState> } {
  const states = new Map<string, FeedState>();
  return {
    states,
    async all() {
      return [...states.values()];
    },
    async get(id) {
      return states.get(id);
    },
    async put(state, expected) {
      if ((states.get(state.feedId)?.version ?? 0) !== expected) throw new Error('version conflict');
      states.set(state.feedId, state);
    },
  };
}

export function fakeArticles(): ArticleStore & { articles: Map<string, Article>; writes: number } {
  const articles = new Map<string, Article>();
  const store = {
    articles,
    writes: 0,
    async seen(ids: string[]) {
      return new Map(ids.filter((id) => articles.has(id)).map((id) => [id, { id, sources: articles.get(id)!.sources, primaryFeedId: articles.get(id)!.feedId }]));
    },
    async putIfNew(a: Article) {
      store.writes++;
      if (articles.has(a.id)) return false;
      articles.set(a.id, a);
      return true;
    },
    async replacePrimary(a: Article, expected: string) {
      store.writes++;
      if (articles.get(a.id)?.feedId !== expected) return false;
      articles.set(a.id, a);
      return true;
    },
    async attachPage(a: Article) {
      store.writes++;
      const stored = articles.get(a.id);
      if (!stored || stored.page || stored.feedId !== a.feedId) return false;
      articles.set(a.id, { ...stored, page: a.page, opinion: a.opinion, classification: a.classification });
      return true;
    },
    async addSource(id: string, feedId: string) {
      store.writes++;
      const a = articles.get(id);
      if (a && !a.sources.includes(feedId)) a.sources = [...a.sources, feedId].sort();
    },
    async byWeek(week: string) {
      const list = [...articles.values()].filter((a) => a.isoWeek === week);
      return { articles: list, itemsRead: list.length, undecodable: [] };
    },
    async relevantByWeek(week: string) {
      const list = [...articles.values()].filter((a) => a.isoWeek === week && isRelevant(a.classification)).map(toDigestEntry);
      return { entries: list, itemsRead: list.length, undecodable: [] };
    },
    async get(id: string) {
      return articles.get(id);
    },
    async *byWeekPages(week: string) {
      yield [...articles.values()].filter((a) => a.isoWeek === week);
    },
    async getMany(ids: readonly string[]) {
      return new Map(ids.flatMap((id) => (articles.has(id) ? [[id, articles.get(id)!] as const] : [])));
    },
    async countWeek(week: string) {
      return [...articles.values()].filter((a) => a.isoWeek === week).length;
    },
    async countAll() {
      return articles.size;
    },
  };
  return store;
}

/** A feed source answering from a script: one outcome per call, the last one repeated. */
export function scriptedSource(outcomes: FetchOutcome[]): FeedSource & { requests: Array<{ url: string; etag?: string | undefined }> } {
  const requests: Array<{ url: string; etag?: string | undefined }> = [];
  return {
    requests,
    async fetch(req) {
      requests.push({ url: req.url, etag: req.etag });
      return outcomes[Math.min(requests.length - 1, outcomes.length - 1)]!;
    },
  };
}

export const subscriberFactory = (p: Partial<Subscriber> = {}): Subscriber => ({
  id: p.id ?? 'sub1',
  email: p.email ?? 'person@example.se',
  name: p.name ?? 'Person',
  role: p.role ?? 'member',
  municipalities: p.municipalities ?? ['Luleå'],
  topics: p.topics ?? ['industry', 'energy', 'procurement', 'skills'],
  active: p.active ?? true,
});

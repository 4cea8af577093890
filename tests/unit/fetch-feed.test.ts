import { describe, expect, it } from 'vitest';
import { fetchFeed } from '#shared/use-cases/fetch-feed.ts';
import type { Feed } from '#shared/domain/types.ts';
import type { ArticleJob, FetchOutcome } from '#shared/ports.ts';
import { FakeClock, fakeArticles, fakeFeedStates, fakeQueue, scriptedSource } from '../support/fakes.ts';
import { rss } from '../support/hostile-server.ts';

const feed: Feed = { id: 'f1', url: 'https://tidning.example/rss', outlet: 'Tidningen', kind: 'news', municipalities: [], language: 'sv', verified: true };
const job = { v: 1 as const, type: 'fetch-feed' as const, feedId: 'f1', scheduledAt: '2026-11-27T08:00:00Z' };
const body = (titles: string[]) => Buffer.from(rss(titles.map((t) => `<item><title>${t}</title><link>https://tidning.example/${encodeURIComponent(t)}</link></item>`).join('')));
const ok = (bytes: Buffer, extra: Partial<Extract<FetchOutcome, { kind: 'ok' }>> = {}): FetchOutcome => ({ kind: 'ok', status: 200, bytes, contentType: 'application/rss+xml', etag: '"e1"', ms: 1, ...extra });

function setup(outcomes: FetchOutcome[]) {
  const clock = new FakeClock(new Date('2026-11-27T08:00:00Z'));
  const deps = { feeds: [feed], feedSource: scriptedSource(outcomes), feedStates: fakeFeedStates(), articles: fakeArticles(), articleJobs: fakeQueue<ArticleJob>(), clock, random: () => 0.5 };
  return { ...deps, run: fetchFeed(deps) };
}

describe('fetchFeed', () => {
  it('enqueues new items, then sends the ETag and costs nothing on 304', async () => {
    // Prepare
    const t = setup([ok(body(['Ett', 'Två'])), { kind: 'not-modified', status: 304, ms: 1 }]);
    // Act
    const first = await t.run(job);
    t.clock.advance(20 * 60_000);
    const second = await t.run(job);
    // Assess
    expect(first).toMatchObject({ status: 'ok', items: 2, newItems: 2 });
    expect(t.articleJobs.jobs).toHaveLength(2);
    expect(t.feedSource.requests[0]!.etag).toBeUndefined();
    expect(t.feedSource.requests[1]!.etag).toBe('"e1"');
    expect(second.status).toBe('not-modified');
    expect(t.articleJobs.jobs).toHaveLength(2);
  });

  it('skips the parse when a server without validators sends the same bytes', async () => {
    const same = body(['Ett']);
    const t = setup([ok(same, { etag: undefined }), ok(same, { etag: undefined })]);
    await t.run(job);
    const second = await t.run(job);
    expect(second.status).toBe('unchanged');
    expect(t.articleJobs.jobs).toHaveLength(1);
  });

  it('uses validators between daily full fetches', async () => {
    const t = setup([ok(body(['Ett'])), { kind: 'not-modified', status: 304, ms: 1 }]);
    await t.run(job);
    t.clock.advance(3600_000);
    await t.run(job);
    expect(t.feedSource.requests[1]!.etag).toBe('"e1"');
    t.clock.advance(25 * 3600_000);
    await t.run(job);
    expect(t.feedSource.requests[2]!.etag).toBeUndefined();
  });

  it('backs off on 429 for at least Retry-After, disables on 410', async () => {
    const t = setup([{ kind: 'http-error', status: 429, retryAfterSeconds: 3600, ms: 1 }, { kind: 'http-error', status: 410, ms: 1 }]);
    await t.run(job);
    const s1 = t.feedStates.states.get('f1')!;
    expect(Date.parse(s1.nextFetchAt) - t.clock.now().getTime()).toBeGreaterThanOrEqual(3600_000);
    await t.run(job);
    const s2 = t.feedStates.states.get('f1')!;
    expect(s2).toMatchObject({ disabled: true, lastStatus: 'http-410' });
    expect((await t.run(job)).status).toBe('disabled');
    expect(t.feedSource.requests).toHaveLength(2);
  });

  it('records a 301 as the feed\u2019s new URL', async () => {
    const t = setup([ok(body(['Ett']), { movedTo: 'https://ny.example/rss' })]);
    await t.run(job);
    expect(t.feedStates.states.get('f1')!.url).toBe('https://ny.example/rss');
  });

  it('records a parse failure and keeps no body hash, so the next fetch parses again', async () => {
    const t = setup([ok(Buffer.from('<html><body>borta</body></html>'))]);
    const r = await t.run(job);
    expect(r.status).toBe('not-a-feed');
    expect(t.feedStates.states.get('f1')).toMatchObject({ consecutiveFailures: 1, lastStatus: 'parse-error' });
    expect(t.feedStates.states.get('f1')!.bodyHash).toBeUndefined();
  });

  it('records a second source instead of enqueuing a story seen through another feed', async () => {
    const t = setup([ok(body(['Ett']))]);
    const other = { ...feed, id: 'f2' };
    const run2 = fetchFeed({ ...t, feeds: [feed, other] });
    await run2(job);
    const [first] = t.articleJobs.jobs;
    await t.articles.putIfNew({ ...first!.article, sources: ['f1'], isoWeek: '2026-W48', storedAt: '', classification: {} as never });
    const r = await run2({ ...job, feedId: 'f2' });
    expect(r).toMatchObject({ newItems: 0, newSources: 1 });
    expect(t.articles.articles.get(first!.article.id)!.sources).toEqual(['f1', 'f2']);
  });

  it('hands a story to the classifier again when it arrives from a feed that sorts first, so labels do not depend on arrival order', async () => {
    const t = setup([ok(body(['Ett']))]);
    const first = { ...feed, id: 'a-first' };
    const run = fetchFeed({ ...t, feeds: [feed, first] });
    await run(job);
    const [stored] = t.articleJobs.jobs;
    await t.articles.putIfNew({ ...stored!.article, sources: ['f1'], isoWeek: '2026-W48', storedAt: '', classification: {} as never });
    const r = await run({ ...job, feedId: 'a-first' });
    expect(r).toMatchObject({ newItems: 0, newSources: 1 });
    expect(t.articleJobs.jobs.map((j) => j.article.feedId)).toEqual(['f1', 'a-first']);
  });
});

describe('SSRF residue and redirects (hardening #23, low 12)', () => {
  it('refuses IPv6 forms that embed an IPv4 address or reach a private network', async () => {
    const { addressRefusal } = await import('#shared/adapters/http-feed-source.ts');
    for (const a of ['::a9fe:a9fe', '::ffff:a9fe:a9fe', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '64:ff9b:1::1', '2002:a9fe:a9fe::1', '2001:0:4136:e378::1', 'fec0::1', 'fd00::1', 'fe80::1']) {
      expect(addressRefusal(a, false), a).not.toBeNull();
    }
    expect(addressRefusal('2a00:1450:400f:80d::200e', false)).toBeNull();
    expect(addressRefusal('::ffff:8.8.8.8', false)).toBeNull();
  });

  it('lets a permanent redirect move a feed only within its site, never to plain http', async () => {
    const { movesFeed } = await import('#shared/adapters/http-feed-source.ts');
    expect(movesFeed('http://tidning.example.se/rss', 'https://www.example.se/feed')).toBe(true);
    expect(movesFeed('https://www.example.se/rss', 'https://annan.example.com/rss')).toBe(false);
    expect(movesFeed('https://www.example.se/rss', 'http://www.example.se/rss')).toBe(false);
  });
});

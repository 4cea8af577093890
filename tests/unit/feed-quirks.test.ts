/**
 * The real web's feed quirks, each with a fixture written here (never a copy of a corpus file):
 * lenient where a careful reader is, refusing what is no feed, bounded against the hostile.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_ITEMS_PER_FEED, FIELD_LIMITS, parseFeed, recoverXml } from '#shared/domain/feed/parse.ts';
import { feedConfigHash, initialFeedState, isDue, reconcileWithRegistry, enabled } from '#shared/domain/feed/health.ts';
import { fetchFeed } from '#shared/use-cases/fetch-feed.ts';
import type { Feed } from '#shared/domain/types.ts';
import type { ArticleJob, FetchOutcome, JobQueue } from '#shared/ports.ts';
import { FakeClock, fakeArticles, fakeFeedStates, fakeQueue, scriptedSource } from '../support/fakes.ts';

const ctx = { feedId: 'f', feedUrl: 'https://tidning.example/rss', outlet: 'Tidningen', kind: 'news' as const };
const now = new Date('2026-11-27T08:00:00Z');
const parse = (xml: string) => parseFeed(Buffer.from(xml), ctx, { now });
const rss = (items: string, head = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${head}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Tidningen</title>${items}</channel></rss>`;
const item = (n: number, extra = '') => `<item><title>Nyhet ${n}</title><link>https://tidning.example/a/${n}</link><description>Ingress nummer ${n}.</description>${extra}</item>`;

describe('lenient, still safe', () => {
  it('a bare "&" (an enclosure URL) costs nothing: every item, recorded as degraded', async () => {
    const r = await parse(rss(`${item(1, '<enclosure url="https://bild.example/a.jpg?w=1&h=2" type="image/jpeg"/>')}${item(2)}<item><title>Bygg & Industri</title><link>https://tidning.example/a/3</link></item>`));
    expect(r.ok && r.items.map((i) => i.title)).toEqual(['Nyhet 1', 'Nyhet 2', 'Bygg & Industri']);
    expect(r.ok && r.degraded).toMatch(/bare "&" escaped/);
  });

  it('a document cut off mid-item keeps the complete items before the cut', async () => {
    const full = rss(`${item(1)}${item(2)}${item(3)}`);
    const cut = full.slice(0, full.indexOf('<item><title>Nyhet 3') + 30);
    const r = await parse(cut);
    expect(r.ok && r.items.map((i) => i.title)).toEqual(['Nyhet 1', 'Nyhet 2']);
    expect(r.ok && r.degraded).toMatch(/cut off after the last complete item/);
  });

  it('whitespace before the XML declaration is forgiven', async () => {
    const r = await parse(`\n\n   ${rss(item(1))}`);
    expect(r.ok && r.items).toHaveLength(1);
  });

  it('no DTD or entity is resolved, and a document that is no feed is still refused', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>${rss(item(1, '<description>&b;</description>')).replace(/^<\?xml[^>]*>/, '')}`;
    // The DOCTYPE is stripped, so the entity is undefined: refused, never expanded
    const r = await parse(bomb);
    expect(r).toMatchObject({ ok: false, kind: 'not-xml' });
    expect(JSON.stringify(r)).not.toContain('aaaaaaaaaa');
    const menu = await parse('<?xml version="1.0"?><lunchmeny><rätt><namn>Pannkakor</namn><pris>85</pris></rätt></lunchmeny>');
    expect(menu).toMatchObject({ ok: false, kind: 'not-a-feed' });
    const html = await parse('<!DOCTYPE html><html><head><title>Tidningen</title></head><body><p>Hej</p></body></html>');
    expect(html).toMatchObject({ ok: false, kind: 'not-a-feed' });
    // The repair pass never invents a channel for a non-feed either
    expect(recoverXml('<lunchmeny>&</lunchmeny>').xml).not.toContain('<rss');
  });
});

describe('every text field', () => {
  it('content:encoded-only items get their text, HTML stripped and entities decoded', async () => {
    const r = await parse(rss('<item><title>Elnätet byggs ut</title><link>https://tidning.example/el</link><content:encoded><![CDATA[<p>Svenska kraftnät bygger en ny ledning till <b>Oxelösund</b> &amp; Nyköping.</p><p>Mer text.</p>]]></content:encoded></item>'));
    expect(r.ok && r.items[0]!.summary).toBe('Svenska kraftnät bygger en ny ledning till Oxelösund & Nyköping. Mer text.');
  });

  it('the best of description, content:encoded, Atom summary/content and media:description', async () => {
    const rssItem = await parse(rss(item(1, '<content:encoded><![CDATA[<p>Ingress nummer 1. Och hela artikeln med mycket mer text om fabriken.</p>]]></content:encoded>')));
    expect(rssItem.ok && rssItem.items[0]!.summary).toMatch(/hela artikeln/);
    const media = await parse(rss('<item><title>Bild</title><link>https://tidning.example/b</link><media:group><media:description>Stålverket i Luleå fotograferat från luften.</media:description></media:group></item>'));
    expect(media.ok && media.items[0]!.summary).toBe('Stålverket i Luleå fotograferat från luften.');
    const atom = await parse(
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title><link href="https://tidning.example/atom/1"/><id>1</id><updated>2026-11-26T10:00:00Z</updated><summary type="html">&lt;p&gt;Kort sammanfattning.&lt;/p&gt;</summary><category term="Ledare" label="Ledare"/><category term="energi"/></entry></feed>',
    );
    expect(atom.ok && atom.items[0]).toMatchObject({ summary: 'Kort sammanfattning.', categories: ['Ledare', 'energi'] });
  });

  it('the publisher\u2019s categories, dc:subject and author reach the article', async () => {
    const r = await parse(rss(item(1, '<category domain="https://tidning.example/sektion">Debatt</category><category>Industri</category><dc:subject>Energi</dc:subject><dc:creator>Anna Berg</dc:creator>')));
    expect(r.ok && r.items[0]).toMatchObject({ categories: ['Debatt', 'Industri', 'Energi'], author: 'Anna Berg' });
  });
});

describe('clean fields', () => {
  it('titles are one line', async () => {
    const r = await parse(rss('<item><title>Stålverket\n  ställer\r\nom</title><link>https://tidning.example/s</link></item>'));
    expect(r.ok && r.items[0]!.title).toBe('Stålverket ställer om');
  });

  it('an item whose only link is mailto: or javascript: is dropped with a count, never given the feed\u2019s URL', async () => {
    const r = await parse(
      rss(`${item(1)}<item><title>Tipsa oss</title><link>mailto:tips@tidning.example</link></item><item><title>X</title><link>javascript:alert(1)</link></item><item><title>Utan länk</title><guid isPermaLink="false">abc-123</guid></item>`),
    );
    expect(r.ok && r.items.map((i) => i.title)).toEqual(['Nyhet 1']);
    expect(r.ok && r.dropped.nonHttpLink).toBe(3);
    expect(r.ok && r.items.every((i) => i.url !== ctx.feedUrl)).toBe(true);
  });

  it('an aggregator\u2019s item keeps the real outlet\u2019s name and a clean title', async () => {
    const xml = rss('<item><title>Gruvan i Kiruna anställer 200 - Norrbottens Tidning</title><link>https://news.aggregator.example/articles/abc</link><source url="https://ntidning.example">Norrbottens Tidning</source></item>');
    const r = await parseFeed(Buffer.from(xml), { ...ctx, aggregator: true }, { now });
    expect(r.ok && r.items[0]).toMatchObject({ title: 'Gruvan i Kiruna anställer 200', outlet: 'Norrbottens Tidning' });
  });

  it('any other feed\u2019s <source> is ignored: it cannot claim to be another outlet (hardening #23, low 5)', async () => {
    const r = await parse(rss('<item><title>Skövde växer</title><link>https://tidning.example/a</link><source url="https://skovde-tidning.example">Skaraborgs Allehanda</source></item>'));
    expect(r.ok && r.items[0]).toMatchObject({ title: 'Skövde växer', outlet: 'Tidningen' });
  });
});

describe('bounded work', () => {
  it('pathological titles of "<", "&" and spaces give a bounded result', async () => {
    for (const junk of ['<'.repeat(200_000), '&'.repeat(200_000), '<a '.repeat(70_000)]) {
      const r = await parse(rss(`<item><title><![CDATA[${junk}]]></title><link>https://tidning.example/j</link></item>`));
      expect(r.ok && r.items.map((i) => i.title.length)).toEqual([FIELD_LIMITS.title]);
    }
    // A title of spaces alone is no text: the item is dropped and counted
    const blank = await parse(rss(`<item><title><![CDATA[${' '.repeat(200_000)}]]></title><link>https://tidning.example/j</link></item>`));
    expect(blank.ok && blank.dropped.noText).toBe(1);
  });

  it('every field is capped: a 300 KB category, a 250 KB link, a 1.1 MB category cost only themselves', async () => {
    const huge = (n: number) => 'x'.repeat(n);
    const r = await parse(
      rss(`${item(1, `<category>${huge(300_000)}</category>`)}<item><title>Lång länk</title><link>https://tidning.example/${huge(250_000)}</link></item>${item(3, `<category>${huge(1_100_000)}</category>`)}${item(4)}`),
    );
    expect(r.ok && r.items.map((i) => i.title)).toEqual(['Nyhet 1', 'Nyhet 3', 'Nyhet 4']);
    expect(r.ok && r.dropped.linkTooLong).toBe(1);
    for (const i of r.ok ? r.items : []) expect(i.categories.every((c) => c.length <= FIELD_LIMITS.category)).toBe(true);
  });

  it(`keeps at most ${MAX_ITEMS_PER_FEED} items of a feed, and says so`, async () => {
    const r = await parse(rss(Array.from({ length: 650 }, (_, n) => item(n)).join('')));
    expect(r.ok && r.items).toHaveLength(MAX_ITEMS_PER_FEED);
    expect(r.ok && r.items[0]!.title).toBe('Nyhet 0');
    expect(r.ok && r.problems.some((p) => p.includes(`the first ${MAX_ITEMS_PER_FEED} kept`))).toBe(true);
    expect(r.ok && r.dropped.pastItemCap).toBe(150);
    // A large feed read in slices counts what it did not parse as well
    const sliced = await parseFeed(Buffer.from(rss(Array.from({ length: 1234 }, (_, n) => item(n)).join(''))), ctx, { now, chunkItems: 100, chunkMinChars: 1 });
    expect(sliced.ok && [sliced.items.length, sliced.dropped.pastItemCap]).toEqual([MAX_ITEMS_PER_FEED, 1234 - MAX_ITEMS_PER_FEED]);
  });

  it('nesting deeper than the limit is a clear error', async () => {
    const deep = rss(`<item><title>Djup</title><link>https://tidning.example/d</link><description>${'<b>'.repeat(10_000)}x${'</b>'.repeat(10_000)}</description></item>`);
    expect(await parse(deep)).toMatchObject({ ok: false, kind: 'too-deep', error: `elements nested more than ${MAX_DEPTH} deep` });
  });
});

describe('one bad item never costs the others, and the state is always saved', () => {
  const feed: Feed = { id: 'f1', url: 'https://tidning.example/rss', outlet: 'Tidningen', kind: 'news', municipalities: [], language: 'sv', verified: true };
  const job = { v: 1 as const, type: 'fetch-feed' as const, feedId: 'f1', scheduledAt: '2026-11-27T08:00:00Z' };
  const ok = (xml: string): FetchOutcome => ({ kind: 'ok', status: 200, bytes: Buffer.from(xml), contentType: 'application/rss+xml', ms: 1 });

  it('a feed with a 1.1 MB category enqueues every item, and the feed state records what was left out', async () => {
    const clock = new FakeClock(now);
    const deps = { feeds: [feed], feedSource: scriptedSource([ok(rss(`${item(1, `<category>${'x'.repeat(1_100_000)}</category>`)}${item(2)}<item><title>Tips</title><link>mailto:a@b.example</link></item>`))]), feedStates: fakeFeedStates(), articles: fakeArticles(), articleJobs: fakeQueue<ArticleJob>(), clock, random: () => 0.5 };
    const report = await fetchFeed(deps)(job);
    expect(report).toMatchObject({ status: 'ok', newItems: 2, dropped: { nonHttpLink: 1 } });
    expect(deps.feedStates.states.get('f1')).toMatchObject({ lastStatus: 'ok-200', dropped: { nonHttpLink: 1 } });
  });

  it('when the queue fails mid-fetch the feed state is still saved (without the body hash), and the job fails for a retry', async () => {
    const clock = new FakeClock(now);
    const broken: JobQueue<ArticleJob> = { sendAll: async () => Promise.reject(new Error('SQS unavailable')) };
    const deps = { feeds: [feed], feedSource: scriptedSource([ok(rss(item(1)))]), feedStates: fakeFeedStates(), articles: fakeArticles(), articleJobs: broken, clock, random: () => 0.5 };
    await expect(fetchFeed(deps)(job)).rejects.toThrow(/SQS unavailable/);
    const state = deps.feedStates.states.get('f1')!;
    expect(state.lastError).toMatch(/SQS unavailable/);
    expect(state.bodyHash).toBeUndefined();
    expect(state.version).toBe(1);
  });
});

describe('the registry is the truth', () => {
  const feed: Feed = { id: 'f1', url: 'https://ny.example/rss', outlet: 'T', kind: 'news', municipalities: [], language: 'sv', verified: false };
  const old: Feed = { ...feed, url: 'https://gammal.example/rss' };

  it('a changed URL in config takes effect at the next poll; a stored redirect applies only while the entry is unchanged', () => {
    const moved = { ...initialFeedState('f1', 'https://flyttad.example/rss', now, feedConfigHash(old)), version: 7 };
    expect(reconcileWithRegistry(moved, old, feedConfigHash(old), now)).toMatchObject({ changed: false, state: { url: 'https://flyttad.example/rss' } });
    const r = reconcileWithRegistry(moved, feed, feedConfigHash(feed), now);
    expect(r).toMatchObject({ changed: true, state: { url: 'https://ny.example/rss', version: 7, configHash: feedConfigHash(feed) } });
  });

  it('a disabled feed comes back when its entry changes (it is due at once), or with monitor feeds enable', () => {
    const disabled = { ...initialFeedState('f1', old.url, now, feedConfigHash(old)), disabled: true, disabledReason: 'HTTP 410', nextFetchAt: '2099-01-01T00:00:00Z', version: 3 };
    expect(isDue(disabled, now, feedConfigHash(old))).toBe(false);
    expect(isDue(disabled, now, feedConfigHash(feed))).toBe(true);
    expect(reconcileWithRegistry(disabled, feed, feedConfigHash(feed), now).state.disabled).toBe(false);
    expect(enabled(disabled, now)).toMatchObject({ disabled: false, nextFetchAt: now.toISOString(), failureWeight: 0 });
  });
});

describe('town coverage (alarm input)', () => {
  it('a member town is uncovered when every local feed of it was tried and none succeeded within 24 h', async () => {
    const { townsWithoutHealthyFeed } = await import('#shared/use-cases/schedule-feeds.ts');
    const f = (id: string, towns: string[]): Feed => ({ id, url: `https://${id}.example/rss`, outlet: id, kind: 'news', municipalities: towns, language: 'sv', verified: false });
    const feeds = [f('a', ['Luleå']), f('b', ['Luleå', 'Kiruna']), f('c', ['Skövde']), f('d', ['Arvika'])];
    const old = new Date(now.getTime() - 30 * 3600_000).toISOString();
    const fresh = new Date(now.getTime() - 3600_000).toISOString();
    const st = (id: string, p: Partial<ReturnType<typeof initialFeedState>>) => [id, { ...initialFeedState(id, `https://${id}.example/rss`, now), lastFetchAt: fresh, ...p }] as const;
    const states = new Map([st('a', { lastSuccessAt: old }), st('b', { lastSuccessAt: fresh }), st('c', { lastSuccessAt: old, disabled: true })]);
    // Luleå has one healthy feed; Skövde's only feed is disabled; Arvika's feed was never tried
    expect(townsWithoutHealthyFeed(feeds, states, now)).toEqual(['Skövde']);
    states.set('b', { ...states.get('b')!, lastSuccessAt: old });
    expect(townsWithoutHealthyFeed(feeds, states, now)).toEqual(['Kiruna', 'Luleå', 'Skövde']);
  });
});

describe('control characters', () => {
  it('terminal escapes and invisible bytes never survive ingestion', async () => {
    const r = await parse(rss('<item><title>Rubrik\u001b[31m röd\u0007</title><link>https://tidning.example/esc</link><description>Text\u0085 med\u009b kontroll</description></item>'.replace(/\u001b/g, '&#27;').replace(/\u0007/g, '&#7;')));
    const it = r.ok ? r.items[0]! : undefined;
    expect(it?.title).toBe('Rubrik[31m röd');
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(`${it?.title}${it?.summary}`)).toBe(false);
  });
});

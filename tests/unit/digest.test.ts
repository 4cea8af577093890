import { describe, expect, it } from 'vitest';
import { buildDigest, salience } from '#shared/domain/digest/build.ts';
import { buildEdition } from '#shared/domain/digest/edition.ts';
import { digestPreheader, digestSubject, renderDigestHtml, renderDigestText, settingsUrlFor } from '#shared/domain/digest/render.ts';
import { groupStories, toDigestEntry } from '#shared/domain/digest/stories.ts';
import { composeDigest, MAX_HTML_BYTES, MAX_MESSAGE_BYTES } from '#shared/use-cases/send-digest.ts';
import type { Article, Subscriber } from '#shared/domain/types.ts';
import { buildMime } from '#shared/adapters/mime.ts';
import { articleFactory } from '../support/factories.ts';
import { generateWeek } from '../../bench/generate-week.ts';

const sub: Subscriber = { id: 's', email: 'a@example.se', name: 'Anna', role: 'member', municipalities: ['Luleå'], topics: ['industry', 'energy', 'procurement', 'skills'], active: true };
const now = new Date('2026-11-27T08:00:00Z');
const opts = { unsubscribeUrl: 'https://example.se/u?s=1', appName: 'Test' };
const edition = (articles: Article[], extra: Partial<Parameters<typeof buildEdition>[0]> = {}) =>
  buildEdition({ week: '2026-W48', current: articles.map(toDigestEntry), previous: [], builtAt: now, ...extra });
const digestOf = (articles: Article[], s: Subscriber = sub) => buildDigest({ edition: edition(articles), subscriber: s, now });

describe('digest', () => {
  it('escapes every article field and never links javascript: URLs', () => {
    // Prepare
    const evil: Article = articleFactory({ title: '<script>alert(1)</script>', url: 'javascript:alert(1)', summary: '"><img src=x onerror=alert(1)>' });
    // Act
    const html = renderDigestHtml(digestOf([evil]), opts);
    // Assess
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('<img src=x');
  });

  it('groups one wire story in several papers into one story', () => {
    const a = articleFactory({ id: 'a', outlet: 'Tidning A', title: 'Stålverket i Luleå får klartecken för ny ljusbågsugn' });
    const b = articleFactory({ id: 'b', outlet: 'Tidning B', title: 'Stålverket i Luleå får klartecken för ny ljusbågsugn (TT)', publishedAt: '2026-11-24T09:00:00Z' });
    const d = digestOf([a, b]);
    expect(d.totals.stories).toBe(1);
    expect(renderDigestText(d, opts)).toContain('publicerad i 2 medier');
  });

  it('never merges stories about different member towns or with different names or numbers', () => {
    // Pairs that differ only in one specific fact: each must stay two stories.
    const pairs: Array<[NonNullable<Parameters<typeof articleFactory>[0]>, NonNullable<Parameters<typeof articleFactory>[0]>]> = [
      [
        { title: 'Ny batterifabrik startar i Kiruna', municipalities: ['Kiruna'], summary: 'Bygget av den nya fabriken startar i vår och ska ge hundratals jobb i Kiruna.' },
        { title: 'Ny batterifabrik startar i Luleå', municipalities: ['Luleå'], summary: 'Bygget av den nya fabriken startar i vår och ska ge hundratals jobb i Luleå.' },
      ],
      [
        { title: 'Volvo varslar 300 anställda vid fabriken', summary: 'Varslet gäller produktionen och beskedet kom under onsdagen.' },
        { title: 'Volvo varslar 500 anställda vid fabriken', summary: 'Varslet gäller produktionen och beskedet kom under onsdagen.' },
      ],
      [
        { title: 'Anna Berg blir ny vd för stålbolaget', summary: 'Hon tillträder den första mars och kommer närmast från gruvbolaget.' },
        { title: 'Karin Lund blir ny vd för stålbolaget', summary: 'Hon tillträder den första mars och kommer närmast från gruvbolaget.' },
      ],
      [
        { title: 'Kommunen upphandlar ny skolskjuts', summary: 'Avtalet är värt 40 miljoner kronor och gäller i fyra år med start nästa höst.' },
        { title: 'Kommunen upphandlar ny skolskjuts', summary: 'Avtalet är värt 95 miljoner kronor och gäller i fyra år med start nästa höst.' },
      ],
    ];
    for (const [p, q] of pairs) {
      const { stories } = groupStories([toDigestEntry(articleFactory({ id: 'p', ...p })), toDigestEntry(articleFactory({ id: 'q', outlet: 'Annan tidning', ...q }))]);
      expect(stories, `${p.title} / ${q.title}`).toHaveLength(2);
    }
  });

  it('groups a generated week with near-zero false merges, comparing far fewer pairs than all', () => {
    const week = generateWeek({ articles: 6_000, seed: 11, week: '2026-W48' });
    const relevant = week.articles.filter((a) => a.classification.topics.length || a.classification.municipalities.length);
    const { stories, stats, members } = groupStories(relevant.map(toDigestEntry));
    const storyOf = new Map(relevant.map((a) => [a.id, week.storyKey.get(a.id)!]));
    const falseMerges = members.filter((g) => new Set(g.map((id) => storyOf.get(id))).size > 1).length;
    expect(falseMerges / stories.length).toBeLessThan(0.005);
    const trueStories = new Set(storyOf.values()).size;
    // Most wire copies found: at most 5 % more stories than the truth.
    expect(stories.length).toBeLessThanOrEqual(Math.ceil(trueStories * 1.05));
    expect(stats.comparisons).toBeLessThan((relevant.length * relevant.length) / 50);
  });

  it('puts the member\u2019s own town first and says so when the week is empty', () => {
    const other = articleFactory({ id: 'x', municipalities: ['Kiruna'], title: 'Gruvan i Kiruna anställer' });
    const own = articleFactory({ id: 'y', municipalities: ['Luleå'], title: 'Hamnen i Luleå byggs ut' });
    const d = digestOf([other, own]);
    expect(d.ownTowns[0]!.stories[0]!.id).toBe('y');
    // The rest of the network's week, beyond the reader's own town
    expect(d.overview.topStories.map((s) => s.id)).toEqual(['x']);
    const html = renderDigestHtml(d, opts);
    expect(html.indexOf('Er kommun: Luleå')).toBeLessThan(html.indexOf('Veckans läge'));
    const empty = digestOf([]);
    expect(empty.empty).toBe(true);
    expect(renderDigestText(empty, opts)).toContain('Inget nytt');
    expect(digestSubject(empty)).toBe('Vecka 48: inget nytt om era kommuner eller nätverkets teman');
  });

  it('the secretariat\u2019s statement section counts media uptake, not the network\u2019s own publications', () => {
    const st = { id: 'st', date: '2026-11-20', title: 'Elnätet', keyPhrases: ['elnätet'], people: [] };
    const linked = (a: Article, ownPublication = false): Article => ({ ...a, ...(ownPublication ? { ownPublication } : {}), classification: { ...a.classification, statements: [{ statementId: 'st', score: 0.8, evidence: [] }] } });
    const media = linked(articleFactory({ id: 'm', title: 'Tidningen: kommunerna kräver elnät', outlet: 'Tidningen' }));
    const own = linked(articleFactory({ id: 'o', title: 'Nätverket: bygg ut elnätet', url: 'https://natverket.example/nyhet' }), true);
    const d = buildDigest({ edition: edition([media, own], { statements: [st] }), subscriber: { ...sub, role: 'secretariat', municipalities: [] }, now });
    expect(d.coverage).toHaveLength(1);
    expect(d.coverage[0]!.stories.map((s) => s.id)).toEqual(['m']);
    expect(d.coverage[0]!.total).toBe(1);
  });

  it('ranks by salience, not recency: a theme-only story elsewhere never tops a member\u2019s letter', () => {
    const plant = articleFactory({ id: 'gbg', municipalities: [], title: 'Fabriken i Göteborg byggs ut', publishedAt: '2026-11-26T20:00:00Z' });
    const own = articleFactory({ id: 'own', municipalities: ['Luleå'], title: 'Stålverket i Luleå ställer om', publishedAt: '2026-11-23T06:00:00Z' });
    const member = articleFactory({ id: 'mem', municipalities: ['Skövde'], title: 'Motorfabriken i Skövde anställer', publishedAt: '2026-11-23T07:00:00Z' });
    const d = digestOf([plant, own, member]);
    expect(d.ownTowns[0]!.stories.map((s) => s.id)).toEqual(['own']);
    expect(d.overview.topStories.map((s) => s.id)).toEqual(['mem', 'gbg']);
    expect(salience(d.overview.topStories[0]!, sub, now)).toBeGreaterThan(salience(d.overview.topStories[1]!, sub, now));
    // Carried by more outlets ranks higher among equals.
    const wide = { ...d.overview.topStories[0]!, outlets: ['a', 'b', 'c', 'd'] };
    expect(salience(wide, sub, now)).toBeGreaterThan(salience(d.overview.topStories[0]!, sub, now));
    expect(digestSubject(d)).toBe('Vecka 48: Stålverket i Luleå ställer om');
  });

  it('caps every section and says honestly how many more there are', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      articleFactory({ id: `l${i}`, municipalities: ['Luleå'], title: `Luleåföretag nummer ${i} ${['bygger', 'anställer', 'flyttar', 'investerar'][i % 4]} ${i * 7}`, summary: `Text ${i}.` }),
    );
    const d = digestOf(many);
    const own = d.ownTowns[0]!;
    expect(own.all).toBe(60);
    expect(own.stories.length).toBe(12);
    expect(own.total).toBe(60);
    expect(renderDigestText(d, opts)).toContain('och 48 till');
    const withArchive = buildDigest({ edition: edition(many), subscriber: sub, now, archiveUrl: 'https://bevakning.example/arkiv' });
    expect(renderDigestHtml(withArchive, opts)).toContain('href="https://bevakning.example/arkiv?fran=2026-W48&amp;till=2026-W48&amp;kommun=Lule%C3%A5"');
    // Every letter links to the web app's settings when the web app is deployed.
    expect(settingsUrlFor('https://bevakning.example/arkiv')).toBe('https://bevakning.example/installningar');
    expect(renderDigestHtml(withArchive, { ...opts, settingsUrl: settingsUrlFor('https://bevakning.example/arkiv') })).toContain('href="https://bevakning.example/installningar"');
    expect(digestSubject(d)).toMatch(/^Vecka 48: .+ – och 59 till om Luleå$/);
    expect(digestPreheader(d)).toContain('60 om Luleå');
  });

  it('keeps a huge week within the size budget, footer included, for every role', async () => {
    const week = generateWeek({ articles: 35_000, seed: 3, week: '2026-W48', relevantShare: 0.1 });
    const ed = buildEdition({ week: '2026-W48', current: week.articles.map(toDigestEntry), previous: [], builtAt: now });
    for (const role of ['member', 'secretariat', 'communicator'] as const) {
      const s: Subscriber = { ...sub, role, municipalities: role === 'member' ? ['Oxelösund'] : [] };
      const c = composeDigest({ unsubscribe: { baseUrl: 'https://example.se/u', secret: 'x'.repeat(20) }, appName: 'Test' }, { edition: ed, sub: s, now });
      expect(c.htmlBytes).toBeLessThanOrEqual(MAX_HTML_BYTES);
      const mime = await buildMime('a@example.se', c.message);
      expect(mime.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(c.message.html).toContain('Avsluta prenumerationen');
      expect(c.message.html).toContain('Mest uppmärksammat');
    }
  });

  it('marks opinion under seven days old as open for reply', () => {
    const fresh = articleFactory({ id: 'o', genre: 'debate', municipalities: [], publishedAt: '2026-11-25T08:00:00Z', title: 'Debatt om elnätet' });
    const d = buildDigest({ edition: edition([fresh]), subscriber: { ...sub, role: 'communicator' }, now });
    expect(d.opinion.stories[0]!.openForReply).toBe(true);
    // In Veckans opinion, with the reply-by date of the default window (seven days).
    expect(renderDigestHtml(d, opts)).toContain('svara senast 2 dec.');
  });

  it('ranks another member town\u2019s themed story above its local colour, in Mest uppmärksammat too', () => {
    const hockey = articleFactory({ id: 'hockey', genre: 'news', topics: [], municipalities: ['Timrå'], title: 'Timrå IK vann derbyt', publishedAt: '2026-11-26T08:00:00Z' });
    const grid = articleFactory({ id: 'grid', topics: ['energy'], municipalities: ['Sandviken'], title: 'Sandviken får ny transformatorstation', publishedAt: '2026-11-24T08:00:00Z' });
    const secretariat: Subscriber = { ...sub, role: 'secretariat', municipalities: [] };
    const d = buildDigest({ edition: edition([hockey, grid]), subscriber: secretariat, now });
    expect(d.overview.topStories.map((s) => s.id)).toEqual(['grid', 'hockey']);
    expect(salience(d.overview.topStories[0]!, secretariat, now)).toBeGreaterThan(salience(d.overview.topStories[1]!, secretariat, now));
    // In the reader's own town, only a letter offered for reply gets the lift of answerable opinion.
    const thanks = articleFactory({ id: 'thanks', genre: 'letter', topics: [], municipalities: ['Luleå'], title: 'Tack till personalen på akuten', publishedAt: '2026-11-26T09:00:00Z' });
    const mill = articleFactory({ id: 'mill', genre: 'letter', topics: ['industry'], municipalities: ['Luleå'], title: 'Stålverket behöver lärlingar', publishedAt: '2026-11-26T08:00:00Z' });
    expect(digestOf([thanks, mill]).ownTowns[0]!.stories.map((s) => s.id)).toEqual(['mill', 'thanks']);
  });

  it('does not mark a letter about a town with no theme and no tie to the network as open for reply', () => {
    const thanks = articleFactory({ id: 't', genre: 'letter', topics: [], municipalities: ['Luleå'], publishedAt: '2026-11-25T08:00:00Z', title: 'Tack till personalen på akuten' });
    const d = buildDigest({ edition: edition([thanks]), subscriber: { ...sub, role: 'member', municipalities: ['Luleå'] }, now });
    const story = [...d.ownTowns.flatMap((t) => t.stories), ...d.overview.topStories, ...d.opinion.stories].find((s) => s.id === 't')!;
    expect(story.openForReply).toBe(false);
    expect(renderDigestHtml(d, opts)).not.toContain('svara senast');
  });
});


describe('what a story shows', () => {
  it('the copy the monitor saw first, not a copy that backdates itself', () => {
    const first = { ...articleFactory({ id: 'first', outlet: 'Tidning A', title: 'Stålverket i Luleå får klartecken för ny ljusbågsugn', url: 'https://a.example/1', publishedAt: '2026-11-24T08:00:00Z' }), storedAt: '2026-11-24T08:05:00Z' };
    const backdated = { ...articleFactory({ id: 'late', outlet: 'Tidning B', title: 'Stålverket i Luleå får klartecken för ny ljusbågsugn', url: 'https://b.example/1', publishedAt: '2026-11-23T01:00:00Z' }), storedAt: '2026-11-24T12:00:00Z' };
    const { stories } = groupStories([backdated, first].map(toDigestEntry));
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({ url: 'https://a.example/1', outlet: 'Tidning A', articles: 2 });
  });
});

describe('a broken pipeline', () => {
  it('sends no "Inget nytt" to everyone when not a single article was stored that week, unless forced', async () => {
    const { planDigest } = await import('#shared/use-cases/send-digest.ts');
    const { fakeArticles, fakeQueue, FakeClock } = await import('../support/fakes.ts');
    const jobs = fakeQueue<never>();
    const subscribers = { list: async () => [sub], get: async () => sub, put: async () => undefined, remove: async () => true, setActive: async () => true, endSessions: async () => true, isSuppressed: async () => false, clearSuppression: async () => undefined };
    const stored: unknown[] = [];
    const deps = {
      articles: fakeArticles(),
      subscribers,
      statements: { list: async () => [], invalid: async () => [], get: async () => undefined, put: async () => undefined, remove: async () => ({ removed: false, links: 0 }), linkCoverage: async () => undefined, unlinkCoverage: async () => undefined, coverage: async () => [] },
      editions: { get: async () => undefined, put: async (e: unknown) => void stored.push(e) },
      digestJobs: jobs as never,
      clock: new FakeClock(now),
    };
    await expect(planDigest(deps)({ week: '2026-W48' })).rejects.toThrow(/ingen artikel alls lagrades vecka 2026-W48/);
    expect(stored).toHaveLength(0);
    expect((await planDigest(deps)({ week: '2026-W48', force: true })).enqueued).toBe(1);
  });
});

describe('Dina bevakningsord (#22, item 6)', () => {
  it('lists the week\'s stories with one of the reader\'s own watch words, diacritics folded, in the letter and its text part', () => {
    const hamn = articleFactory({ id: 'h', title: 'Nya kajer i hamnen', municipalities: ['Luleå'], topics: ['industry'] });
    const other = articleFactory({ id: 'x', title: 'Stålverket ställer om', municipalities: ['Luleå'], topics: ['industry'] });
    const reader = { ...sub, watchWords: ['Hamnen', 'ljusbagsugn'] };
    const d = buildDigest({ edition: edition([hamn, other]), subscriber: reader, now });
    expect(d.watched.stories.map((s) => s.id)).toEqual(['h']);
    expect(renderDigestHtml(d, opts)).toContain('Dina bevakningsord');
    expect(renderDigestText(d, opts)).toContain('DINA BEVAKNINGSORD (Hamnen, ljusbagsugn)');
    expect(buildDigest({ edition: edition([hamn, other]), subscriber: sub, now }).watched.total).toBe(0);
  });
});

/**
 * Teaser-only opinion feeds (#20): the page is read once, politely, through a real HTTP server on
 * loopback and the real feed source (SSRF guard, caps); the use case takes the thesis from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpFeedSource } from '#shared/adapters/http-feed-source.ts';
import { createHttpArticlePageSource, extractArticleText } from '#shared/adapters/http-article-page.ts';
import { classifyArticle } from '#shared/use-cases/classify-article.ts';
import { compileClassifier } from '#shared/domain/classify/classifier.ts';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import type { ArticleCandidate } from '#shared/domain/types.ts';
import type { ArticlePageJob, ArticlePageSource, JobInbox, JobQueue, PageText, StatementStore } from '#shared/ports.ts';
import { drainArticlePages, isTransientPageReason, ReadLaterError, readArticlePage } from '#shared/use-cases/read-article-page.ts';
import { fakeArticles } from '../support/fakes.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { createHandler as scheduleHandler } from '#functions/schedule-feeds.ts';
import { isoWeekOf } from '#shared/domain/week.ts';

const para = (s: string) => `<p>${s}</p>`;
const body = [
  'Kommunerna längs Bottenviken har under tio år byggt upp en ny industri kring vätgas och fossilfritt stål, och nu står tusentals jobb på spel.',
  'Staten måste bygga ut stamnätet för el i norra Sverige innan nästa mandatperiod, annars flyttar investeringarna till andra länder.',
  'Vi ser redan hur bolag väntar på besked om anslutning, och varje månads väntan kostar både arbetstillfällen och skatteintäkter för regionen.',
  'Därför kräver vi att regeringen ger Svenska kraftnät ett tydligt uppdrag och de medel som behövs, och att tillståndsprocesserna kortas.',
];
const page = (paragraphs: string[]) => `<!doctype html><html><head><meta charset="utf-8"><title>Debatt</title></head><body>
<nav><a href="/">Start</a> <a href="/nyheter">Nyheter</a> <a href="/sport">Sport</a></nav>
<article><h1>Bygg ut elnätet i norr</h1>${paragraphs.map(para).join('\n')}<p>Anna Exempelsson, kommunstyrelsens ordförande (S), Exempelby</p></article>
<footer>Kontakta redaktionen · Om cookies · Prenumerera</footer></body></html>`;

describe('extractArticleText', () => {
  it('keeps the article body and drops navigation and footer', () => {
    const text = extractArticleText(page(body))!;
    expect(text).toContain('Staten måste bygga ut stamnätet för el');
    expect(text).toContain('Anna Exempelsson, kommunstyrelsens ordförande');
    expect(text).not.toContain('Prenumerera');
    expect(text).not.toContain('Sport');
  });

  it('keeps adjacent paragraphs apart, so a signature is a paragraph of its own', () => {
    const html = page(body).replace(/<\/p>\n<p>/g, '</p><p>');
    expect(extractArticleText(html)).toContain('kortas.\n\nAnna Exempelsson, kommunstyrelsens ordförande (S), Exempelby');
  });

  it('keeps at most the cap, cut at a sentence end', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Stycke ${i + 1}: ${body[i % body.length]}`);
    const text = extractArticleText(page(long), 1_000)!;
    expect(text.length).toBeLessThanOrEqual(1_000);
    expect(text.endsWith('.')).toBe(true);
  });

  it('gives nothing for a paywall page with only a teaser', () => {
    expect(extractArticleText(page(['Logga in för att läsa vidare.']))).toBeNull();
  });
});

describe('the page source against a real server', () => {
  const requests: Array<{ path: string; at: number; ua: string }> = [];
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push({ path: req.url ?? '', at: Date.now(), ua: String(req.headers['user-agent']) });
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('User-agent: *\nDisallow: /privat/\n\nUser-agent: IndustrikommunernasMediebevakning\nCrawl-delay: 0.5\nDisallow: /privat/\nDisallow: /inte-oss/\n');
      }
      if (req.url === '/betalvagg') {
        res.writeHead(403, { 'content-type': 'text/html' });
        return res.end('<p>Prenumerera</p>');
      }
      if (req.url?.startsWith('/debatt/')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(page(body));
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const ua = 'IndustrikommunernasMediebevakning/0.1 (+https://example.org/kontakt)';
  const source = (hostIntervalMs: number, allowLoopback = true) =>
    createHttpArticlePageSource({ http: createHttpFeedSource({ userAgent: ua, allowLoopback, maxBytes: 2 * 1024 * 1024 }), userAgent: ua, clock: { now: () => new Date() }, hostIntervalMs });

  it('reads an allowed page, with its own User-Agent, after robots.txt, spacing pages by the site\'s longer Crawl-delay', async () => {
    requests.length = 0;
    const pages = source(100);
    const first = await pages.fetchText(`${base}/debatt/1`);
    expect(first.kind).toBe('text');
    expect(first.kind === 'text' && first.text).toContain('Staten måste bygga ut stamnätet');
    await pages.fetchText(`${base}/debatt/2`);
    expect(requests.map((r) => r.path)).toEqual(['/robots.txt', '/debatt/1', '/debatt/2']);
    expect(requests.every((r) => r.ua === ua)).toBe(true);
    expect(requests[2]!.at - requests[1]!.at).toBeGreaterThanOrEqual(480);
  });

  it('keeps the teaser rather than queue more than one interval behind the host', async () => {
    requests.length = 0;
    const pages = source(300);
    const got = await Promise.all([1, 2, 3].map((i) => pages.fetchText(`${base}/debatt/${i}`)));
    expect(got.map((g) => g.kind)).toEqual(['text', 'text', 'teaser']);
    expect(got[2]).toEqual({ kind: 'teaser', reason: 'host-busy' });
    expect(requests.map((r) => r.path)).toEqual(['/robots.txt', '/debatt/1', '/debatt/2']);
  });

  it('honours robots.txt for its own group and never requests a disallowed page', async () => {
    requests.length = 0;
    const got = await source(0).fetchText(`${base}/inte-oss/1`);
    expect(got).toEqual({ kind: 'teaser', reason: 'robots-disallowed' });
    expect(requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('keeps the teaser when the page is refused or blocked', async () => {
    expect(await source(0).fetchText(`${base}/betalvagg`)).toEqual({ kind: 'teaser', reason: 'refused' });
    expect(await source(0, false).fetchText(`${base}/debatt/1`)).toEqual({ kind: 'teaser', reason: 'blocked-address' });
    expect(await source(0).fetchText('file:///etc/passwd')).toEqual({ kind: 'teaser', reason: 'bad-url' });
  });
});

describe('teaser-only opinion pieces: classify-article queues the page, read-article-page reads it', () => {
  const domain = loadConfigDir('config');
  const classifier = compileClassifier(domain);
  const statements: StatementStore = { list: async () => [], invalid: async () => [], get: async () => undefined, put: async () => undefined, remove: async () => ({ removed: false, links: 0 }), linkCoverage: async () => undefined, unlinkCoverage: async () => undefined, coverage: async () => [] };
  const teaser: ArticleCandidate = {
    id: 't1',
    url: 'https://tidning.example/debatt/elnatet',
    title: 'DEBATT: Om elnätet i norr',
    summary: 'Kommunerna i norr skriver om elen.',
    publishedAt: '2026-11-24T08:00:00Z',
    dateEstimated: false,
    outlet: 'Tidningen',
    feedId: 'tidningen-debatt',
    feedKind: 'opinion',
    categories: [],
    language: 'sv',
  };
  const run = (fetchArticle: boolean, answer: PageText = { kind: 'text', text: body.join('\n\n') + '\n\nAnna Exempelsson, kommunstyrelsens ordförande (S), Exempelby' }) => {
    const calls: string[] = [];
    const jobs: ArticlePageJob[] = [];
    const pages: ArticlePageSource = {
      async fetchText(url) {
        calls.push(url);
        return answer;
      },
    };
    const pageJobs: JobQueue<ArticlePageJob> = {
      async sendAll(batch) {
        jobs.push(...batch);
        return { sent: batch.length, failed: [], tooLarge: 0 };
      },
    };
    const articles = fakeArticles();
    const classify = classifyArticle({ classifier, articles, statements, loadStatements: async () => [], clock: { now: () => new Date('2026-11-24T09:00:00Z') }, fetchArticleFor: () => fetchArticle, pageJobs });
    const read = readArticlePage({ articles, pages, loadStatements: async () => [] });
    return { classify, read, calls, jobs, articles };
  };

  it('stores the teaser at once and queues its page; the page gives the thesis and signature, read once across redeliveries', async () => {
    const { classify, read, calls, jobs, articles } = run(true);
    const { article } = await classify({ v: 1, type: 'classify-article', article: teaser });
    expect(article.page).toBeUndefined();
    expect(jobs).toEqual([{ v: 1, type: 'read-article-page', articleId: 't1' }]);
    expect(await read(jobs[0]!)).toMatchObject({ outcome: 'text' });
    const stored = articles.articles.get('t1')!;
    expect(stored.page?.text).toContain('Staten måste bygga ut stamnätet');
    expect(stored.opinion?.thesis.join(' ')).toMatch(/Staten måste bygga ut stamnätet|kräver vi/);
    expect(stored.opinion?.author).toBe('Anna Exempelsson');
    // A redelivered page job reads nothing; a redelivered article queues nothing once the page is read.
    expect(await read(jobs[0]!)).toEqual({ outcome: 'already' });
    await classify({ v: 1, type: 'classify-article', article: teaser });
    expect(calls).toEqual([teaser.url]);
    expect(jobs).toHaveLength(1);
  });

  it('reads the page for the network and its statements too: coverage the teaser hid is linked, topics and towns stay', async () => {
    const statement = { id: 'elnatet-norr', date: '2026-11-20', title: 'Bygg ut elnätet i norr', keyPhrases: ['stamnätet för el i norra Sverige'], people: ['Anna Exempelsson'] };
    const links: string[] = [];
    const store: StatementStore = { ...statements, list: async () => [statement], linkCoverage: async (l) => void links.push(`${l.statementId}:${l.articleId}`) };
    const articles = fakeArticles();
    const jobs: ArticlePageJob[] = [];
    const pageJobs: JobQueue<ArticlePageJob> = { sendAll: async (batch) => (jobs.push(...batch), { sent: batch.length, failed: [], tooLarge: 0 }) };
    const text = `${body.join('\n\n')}\n\nNätverket för starka industrikommuner har rätt om elnätet.\n\nAnna Exempelsson, kommunstyrelsens ordförande (S), Exempelby`;
    const pages: ArticlePageSource = { fetchText: async () => ({ kind: 'text', text }) };
    const clock = { now: () => new Date('2026-11-24T09:00:00Z') };
    const { article: stored } = await classifyArticle({ classifier, articles, statements: store, loadStatements: async () => [statement], clock, fetchArticleFor: () => true, pageJobs })({ v: 1, type: 'classify-article', article: teaser });
    expect(stored.classification.mentionsNetwork).toBe(false);
    await readArticlePage({ articles, pages, loadStatements: async () => [statement], classifier, statements: store, networkNames: domain.network.phrases })(jobs[0]!);
    const after = articles.articles.get('t1')!;
    expect(after.classification.mentionsNetwork).toBe(true);
    expect(after.classification.statements.map((m) => m.statementId)).toEqual(['elnatet-norr']);
    expect(links).toEqual(['elnatet-norr:t1']);
    expect(after.opinion?.stanceToNetwork?.stance).toBe('stöder');
    expect(after.classification.topics).toEqual(stored.classification.topics);
    expect(after.classification.municipalities).toEqual(stored.classification.municipalities);
  });

  it('leaves feeds the registry does not mark alone', async () => {
    const { classify, jobs } = run(false);
    const { article } = await classify({ v: 1, type: 'classify-article', article: teaser });
    expect(jobs).toEqual([]);
    expect(article.page).toBeUndefined();
  });

  it('brings a page back later while its host is busy, and keeps the teaser on the last attempt', async () => {
    const { classify, read, jobs, articles } = run(true, { kind: 'teaser', reason: 'host-busy' });
    await classify({ v: 1, type: 'classify-article', article: teaser });
    await expect(read(jobs[0]!)).rejects.toBeInstanceOf(ReadLaterError);
    expect(articles.articles.get('t1')!.page).toBeUndefined();
    expect(await read(jobs[0]!, { lastAttempt: true })).toMatchObject({ outcome: 'teaser', reason: 'host-busy' });
    expect(articles.articles.get('t1')!.page).toEqual({ teaserReason: 'host-busy' });
  });

  it('tries a timeout or a server error again later, and keeps the teaser at once for a refusal, robots.txt\'s no or a paywall', () => {
    for (const r of ['timeout', 'dns', 'http-503', 'robots-http-500', 'error: socket hang up']) expect(isTransientPageReason(r), r).toBe(true);
    for (const r of ['refused', 'robots-disallowed', 'http-404', 'no-readable-text', 'not-html', 'blocked-address', 'too-large']) expect(isTransientPageReason(r), r).toBe(false);
  });
});

describe('one run of the scheduled page reader', () => {
  const inbox = (bodies: string[]) => {
    const queue = bodies.map((body, i) => ({ body, receiveCount: 1, handle: `h${i}` }));
    const done: string[] = [];
    const box: JobInbox = { next: async () => queue.shift(), done: async (m) => void done.push(m.handle) };
    return { box, done };
  };
  const job = (id: string) => JSON.stringify({ v: 1, type: 'read-article-page', articleId: id });
  const clock = { now: () => new Date() };

  it('marks a job done once its page is handled, and leaves a busy host\'s job and a broken message for the queue to bring back', async () => {
    const { box, done } = inbox([job('a'), job('busy'), '{"v":1,"type":"read-article-page"}', job('b')]);
    const read = async (j: ArticlePageJob) => {
      if (j.articleId === 'busy') throw new ReadLaterError('booked');
      return { outcome: 'text' as const };
    };
    const result = await drainArticlePages(box, read, { clock, deadline: Date.now() + 60_000, maxReceives: 5 });
    expect(done).toEqual(['h0', 'h3']);
    expect(result).toMatchObject({ received: 4, read: 2, left: 2 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/articleId/);
  });

  it('takes no new job once the run\'s time is spent', async () => {
    const { box, done } = inbox([job('a'), job('b')]);
    const result = await drainArticlePages(box, async () => ({ outcome: 'text' as const }), { clock, deadline: Date.now() - 1, maxReceives: 5 });
    expect(result.received).toBe(0);
    expect(done).toEqual([]);
  });

  it('tells the reader when a job is on its last delivery', async () => {
    const seen: boolean[] = [];
    const box: JobInbox = { next: (() => { const q = [{ body: job('a'), receiveCount: 5, handle: 'h' }]; return async () => q.shift(); })(), done: async () => undefined };
    await drainArticlePages(box, async (_j, o) => (seen.push(!!o?.lastAttempt), { outcome: 'teaser' as const }), { clock, deadline: Date.now() + 60_000, maxReceives: 5 });
    expect(seen).toEqual([true]);
  });
});

describe('teaser pages on the local stack (dynalite, fauxqs, the real handlers and a real site)', () => {
  const hits: string[] = [];
  let server: http.Server;
  let base: string;
  const rss = (origin: string) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tidningen debatt</title><link>${origin}/</link><description>Debatt</description>
<item><title>DEBATT: Om elnätet i norr</title><link>${origin}/debatt/elnatet</link><guid>${origin}/debatt/elnatet</guid><pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate><description>Kommunerna i norr skriver om elen. Läs hela texten på sajten.</description></item>
<item><title>DEBATT: Om tågen i norr</title><link>${origin}/debatt/tagen</link><guid>${origin}/debatt/tagen</guid><pubDate>${new Date(Date.now() - 7_200_000).toUTCString()}</pubDate><description>Pendlarna i norr skriver om tågen.</description></item>
</channel></rss>`;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /privat/\n');
      if (req.url === '/feed') return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(base));
      if (req.url === '/debatt/elnatet') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page([...body, 'Nätverket för starka industrikommuner har rätt om elnätet.']));
      res.writeHead(403, { 'content-type': 'text/html' }).end('<p>Prenumerera</p>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('stores the teasers and reads each page once, by the scheduled reader draining its own queue', async () => {
    const config = loadConfigDir('config');
    const feed = { id: 'tidningen-debatt', url: `${base}/feed`, outlet: 'Tidningen', kind: 'opinion' as const, municipalities: ['Luleå'], language: 'sv' as const, verified: true, fetchArticle: true };
    const stack = await startLocalStack({ domain: { ...config, sampleFeeds: [feed] }, serveSamples: false, retryDelaySeconds: 0 });
    try {
      await scheduleHandler(() => stack.deps)();
      const drained = await stack.drain();
      expect(drained.received['read-article-page']).toBe(2);
      expect(drained.failed['read-article-page'] ?? 0).toBe(0);
      const { articles } = await stack.deps.stores.articles.byWeek(isoWeekOf(new Date().toISOString()));
      const read = articles.find((a) => a.url.endsWith('/debatt/elnatet'))!;
      const refused = articles.find((a) => a.url.endsWith('/debatt/tagen'))!;
      expect(read.page?.text).toContain('Staten måste bygga ut stamnätet');
      expect(read.opinion?.author).toBe('Anna Exempelsson');
      expect(read.opinion?.thesis.join(' ')).toMatch(/Staten måste bygga ut stamnätet|kräver vi/);
      expect(refused.page).toEqual({ teaserReason: 'refused' });
      // The network named only on the page: the piece now stands in the week's sparse index, thesis and all.
      expect(read.classification.mentionsNetwork).toBe(true);
      const { entries } = await stack.deps.stores.articles.relevantByWeek(read.isoWeek);
      expect(entries.find((e) => e.id === read.id)?.opinion?.author).toBe('Anna Exempelsson');
      expect(entries.some((e) => e.id === refused.id)).toBe(false);
      // Polled again: nothing new, nothing read again.
      const states = await stack.deps.stores.feedStates.all();
      for (const s of states) await stack.deps.stores.feedStates.put({ ...s, nextFetchAt: new Date(0).toISOString(), version: s.version + 1 }, s.version);
      await scheduleHandler(() => stack.deps)();
      await stack.drain();
      expect(hits.filter((h) => h.startsWith('/debatt/')).sort()).toEqual(['/debatt/elnatet', '/debatt/tagen']);
      expect(hits.filter((h) => h === '/robots.txt')).toHaveLength(1);
    } finally {
      await stack.stop();
    }
  }, 60_000);
});

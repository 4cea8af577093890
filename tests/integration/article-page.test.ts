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
import type { ArticlePageSource, StatementStore } from '#shared/ports.ts';
import { fakeArticles } from '../support/fakes.ts';

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

describe('classify-article with a teaser-only opinion feed', () => {
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
  const run = (fetchArticle: boolean) => {
    const calls: string[] = [];
    const pages: ArticlePageSource = {
      async fetchText(url) {
        calls.push(url);
        return { kind: 'text', text: body.join('\n\n') + '\n\nAnna Exempelsson, kommunstyrelsens ordförande (S), Exempelby' };
      },
    };
    const articles = fakeArticles();
    const classify = classifyArticle({ classifier, articles, statements, loadStatements: async () => [], clock: { now: () => new Date('2026-11-24T09:00:00Z') }, fetchArticleFor: () => fetchArticle, pages });
    return { classify, calls, articles };
  };

  it('takes the thesis from the page, stores the text with the article, and fetches once across redeliveries', async () => {
    const { classify, calls } = run(true);
    const { article } = await classify({ v: 1, type: 'classify-article', article: teaser });
    expect(article.page?.text).toContain('Staten måste bygga ut stamnätet');
    expect(article.opinion?.thesis.join(' ')).toMatch(/Staten måste bygga ut stamnätet|kräver vi/);
    expect(article.opinion?.author).toBe('Anna Exempelsson');
    await classify({ v: 1, type: 'classify-article', article: teaser });
    expect(calls).toEqual([teaser.url]);
  });

  it('leaves feeds the registry does not mark alone', async () => {
    const { classify, calls } = run(false);
    const { article } = await classify({ v: 1, type: 'classify-article', article: teaser });
    expect(calls).toEqual([]);
    expect(article.page).toBeUndefined();
  });
});

/**
 * Renders sample digests in headless Chromium (Debian's, driven by playwright-core) at phone and
 * desktop widths; checks sections, links and escaping; saves screenshots to test-artifacts/.
 * CI installs Chromium; on a machine without it this suite is skipped locally, never in CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildDigest } from '#shared/domain/digest/build.ts';
import { buildEdition } from '#shared/domain/digest/edition.ts';
import { renderDigestHtml } from '#shared/domain/digest/render.ts';
import { toDigestEntry } from '#shared/domain/digest/stories.ts';
import { composeDigest } from '#shared/use-cases/send-digest.ts';
import { generateWeek } from '../../bench/generate-week.ts';
import { articleFactory } from '../support/factories.ts';
import { subscriberFactory } from '../support/fakes.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium`);
const artifacts = 'test-artifacts';

const now = new Date('2026-11-27T08:00:00Z');
const articles = [
  articleFactory({ id: 'a', title: 'Stålverket i Oxelösund ställer om', municipalities: ['Oxelösund'], topics: ['industry'], url: 'https://tidning.example/oxelosund' }),
  articleFactory({ id: 'b', title: 'Ledare: Utan el ingen ny industri', genre: 'editorial', topics: ['energy'], municipalities: [], publishedAt: '2026-11-25T06:00:00Z', url: 'https://tidning.example/ledare/el' }),
  articleFactory({ id: 'c', title: '<script>alert("x")</script> Elpriset', topics: ['energy'], municipalities: ['Luleå'], url: 'javascript:alert(1)' }),
  articleFactory({ id: 'd', title: 'Innovationsupphandling i Skövde', topics: ['procurement'], municipalities: ['Skövde'], url: 'https://tidning.example/skovde' }),
  // A debate: the network's own op-ed and a rebuttal that answers it without naming it.
  articleFactory({ id: 'e', title: 'DEBATT: Ge industrikommunerna elen de behöver', genre: 'debate', topics: ['energy'], municipalities: ['Oxelösund'], publishedAt: '2026-11-24T06:00:00Z', url: 'https://tidning.example/debatt/elen', ownPublication: true, opinion: { thesis: ['DEBATT: Ge industrikommunerna elen de behöver'], author: 'Lars Nordin', authorRole: 'kommunstyrelsens ordförande i Oxelösund', repliesTo: null } }),
  articleFactory({ id: 'f', title: 'REPLIK: Stamnätet byggs ut i rekordfart', genre: 'debate', topics: ['energy'], municipalities: [], publishedAt: '2026-11-26T06:00:00Z', url: 'https://tidning.example/debatt/replik', opinion: { thesis: ['Stamnätet har aldrig byggts ut så snabbt som nu, och påståendet att inget händer stämmer inte.'], author: 'Johan Berg', authorRole: 'generaldirektör', repliesTo: { title: null, author: null, url: null } } }),
];
const member = subscriberFactory({ municipalities: ['Oxelösund'], name: 'Kommunstyrelsens ordförande' });
const html = renderDigestHtml(
  buildDigest({ edition: buildEdition({ week: '2026-W48', current: articles.map(toDigestEntry), previous: [], builtAt: now }), subscriber: member, now }),
  { unsubscribeUrl: 'https://example.se/avregistrera?s=1&t=2', appName: 'Industrikommunernas mediebevakning' },
);
// A week at the planned load: 35,000 articles, about 7 % relevant, wire copies in many papers.
const bigWeek = generateWeek({ articles: 35_000, seed: 48, week: '2026-W48' });
const big = composeDigest(
  { unsubscribe: { baseUrl: 'https://example.se/avregistrera', secret: 'browser-test-secret-0123' }, appName: 'Industrikommunernas mediebevakning', archiveUrl: 'https://bevakning.example/arkiv' },
  { edition: buildEdition({ week: '2026-W48', current: bigWeek.articles.map(toDigestEntry), previous: [], builtAt: now }), sub: member, now },
);

let browser: Browser;
describe.skipIf(!available)('digest in a browser', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'digest.html'), html);
    writeFileSync(join(artifacts, 'digest-35000.html'), big.message.html);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const [name, width] of [
    ['phone', 375],
    ['desktop', 1280],
  ] as const) {
    it(`reads well at ${name} width (${width}px)`, async () => {
      // Prepare
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const dialogs: string[] = [];
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      // Act
      await page.setContent(html, { waitUntil: 'load' });
      await page.screenshot({ path: join(artifacts, `digest-${name}.png`), fullPage: true });
      // Assess: sections in the member's order, own town first
      const headings = await page.locator('h2').allTextContents();
      expect(headings[0]).toBe('Er kommun: Oxelösund');
      expect(headings[1]).toBe('Veckans opinion');
      expect(headings[2]).toBe('Veckans läge');
      // Veckans opinion: the editorial, open for reply; the network's op-ed with the rebuttal that answers it
      expect(await page.getByText('Utan el ingen ny industri').first().isVisible()).toBe(true);
      expect(await page.getByText(/svara senast/).first().isVisible()).toBe(true);
      expect(await page.getByText('Nätverket:', { exact: true }).first().isVisible()).toBe(true);
      expect(await page.getByText(/Stamnätet har aldrig byggts ut så snabbt som nu/).isVisible()).toBe(true);
      expect(await page.getByText(/kritiserar nätverket/).isVisible()).toBe(true);
      // Links are the article URLs; the javascript: one is text, not a link
      const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
      expect(hrefs).toContain('https://tidning.example/oxelosund');
      expect(hrefs.some((h) => h.startsWith('javascript:'))).toBe(false);
      expect(hrefs.some((h) => h.includes('avregistrera'))).toBe(true);
      // The script tag in a title is shown as text and never runs
      expect(await page.getByText('<script>alert("x")</script> Elpriset').first().isVisible()).toBe(true);
      expect(dialogs).toEqual([]);
      // Nothing wider than the screen on a phone
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
  }

  for (const [name, width] of [
    ['phone', 375],
    ['desktop', 1280],
  ] as const) {
    it(`a 35,000-article week reads at ${name} width (${width}px): top stories, own town, footer`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(big.message.html, { waitUntil: 'load' });
      await page.screenshot({ path: join(artifacts, `digest-35000-${name}.png`), fullPage: true });
      const headings = await page.locator('h2').allTextContents();
      expect(headings[0]).toBe('Er kommun: Oxelösund');
      expect(headings).toContain('Veckans läge');
      expect(await page.getByText('Mest uppmärksammat i övrigt', { exact: true }).isVisible()).toBe(true);
      expect(await page.locator('#sidfot').getByText('Avsluta prenumerationen').isVisible()).toBe(true);
      // The preheader is in the document for the inbox preview, but not shown.
      expect(await page.getByText(/om Oxelösund · /).first().isVisible()).toBe(false);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
      await page.close();
    });
  }
});

/**
 * The web app in headless Chromium (Debian's, driven by playwright-core) at 375 px and 1280 px,
 * served by @hono/node-server on loopback against the local stack: sign in from the mailed link,
 * search, filter, open a statement, change settings. Every page: no horizontal overflow, no
 * serious or critical axe-core violation. Screenshots in test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { subscriberId } from '#shared/domain/subscriber.ts';
import { isoWeekOf, previousWeek } from '#shared/domain/week.ts';
import type { Mailer, OutgoingMessage } from '#shared/ports.ts';
import { wireWeb } from '#shared/wiring/web.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { generateWeek } from '../../bench/generate-week.ts';
import { articleFactory } from '../support/factories.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium`);
const artifacts = 'test-artifacts';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const domain = loadConfigDir('config');
const now = new Date();
const mails: OutgoingMessage[] = [];
const mailer: Mailer = { send: async (m) => (mails.push(m), { messageId: String(mails.length) }) };
const secretariat = domain.sampleSubscribers.find((s) => s.role === 'secretariat')!;
let stack: LocalStack;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;

async function check(page: Page, name: string) {
  await page.screenshot({ path: join(artifacts, `web-${name}.png`), fullPage: true });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'), `${name}: horizontal overflow`).toBeLessThanOrEqual(0);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>('axe.run(document, { resultTypes: ["violations"] })');
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  expect(serious, `${name}: axe`).toEqual([]);
}

describe.skipIf(!available)('the web app in a browser', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startLocalStack({ domain, serveSamples: false, overrides: { mailer } });
    await stack.deps.stores.subscribers.put({ ...secretariat, id: subscriberId(secretariat.email, LOCAL_UNSUBSCRIBE_SECRET) });
    const week = isoWeekOf(now);
    const { articles } = generateWeek({ articles: 400, seed: 7, week, relevantShare: 1 });
    for (const a of articles) await stack.deps.stores.articles.putIfNew(a);
    const statement = domain.statements[0]!;
    const linked = articleFactory({ id: 'uptake', title: 'Lokaltidningen: nätverket vill se innovationsupphandling', outlet: 'Bergslagskuriren', municipalities: ['Borlänge'], topics: ['procurement'], publishedAt: now.toISOString() });
    await stack.deps.stores.articles.putIfNew({ ...linked, isoWeek: week });
    await stack.deps.stores.statements.put({ ...statement, date: now.toISOString().slice(0, 10) });
    await stack.deps.stores.statements.linkCoverage({ statementId: statement.id, articleId: 'uptake', publishedAt: linked.publishedAt, score: 0.9, outlet: 'Bergslagskuriren', title: linked.title, url: linked.url, genre: 'news', municipalities: ['Borlänge'], own: false, evidence: ['nämner nätverket', 'fras "innovationsupphandling"'], sources: ['bergslagen-kuriren'] });
    const app = wireWeb({ config: stack.runtime, domain, overrides: { dynamodb: stack.clients.dynamodb, sqs: stack.clients.sqs, mailer } }, { secureCookies: false, clientIp: () => '127.0.0.1' });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await stack?.stop();
  });

  for (const [name, width] of [
    ['phone', 375],
    ['desktop', 1280],
  ] as const) {
    it(`signs in from the mailed link, searches, filters, opens a statement and changes settings at ${width} px`, async () => {
      // bypassCSP only so the test can inject axe-core; the app's own pages carry no inline script.
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/arkiv`);
      expect(new URL(page.url()).pathname).toBe('/logga-in');
      await check(page, `logga-in-${name}`);
      await page.getByLabel('E-postadress').fill(secretariat.email);
      await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Om adressen har en prenumeration/);
      const link = mails.at(-1)!.text.match(/http:\/\/\S+\/logga-in\/lank\?t=\S+/)![0]!;
      await page.goto(link);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(/\/veckan$/);
      expect(new URL(page.url()).pathname).toBe('/veckan');
      await check(page, `veckan-${name}`);

      // Search, then filter by a theme.
      await page.goto(`${base}/arkiv`);
      await page.getByLabel('Sök').fill('elnätet');
      await page.getByRole('button', { name: 'Sök' }).click();
      const hits = Number((await page.getByRole('status').textContent())!.match(/\d+/)![0]);
      expect(hits).toBeGreaterThan(0);
      // An arrow key on a filter changes it without reloading (WCAG 3.2.2); the button applies it, focus kept until then.
      await page.getByLabel('Tema').focus();
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(300);
      expect(page.url()).not.toMatch(/tema=[a-z]/);
      expect(await page.evaluate<string>('document.activeElement && document.activeElement.id')).toBe('tema');
      await page.getByLabel('Tema').selectOption('energy');
      await page.getByRole('button', { name: 'Sök' }).click();
      await page.waitForURL(/tema=energy/);
      const filtered = Number((await page.getByRole('status').textContent())!.match(/\d+/)![0]);
      expect(filtered).toBeGreaterThan(0);
      expect(filtered).toBeLessThanOrEqual(hits);
      await page.locator('details summary').first().click();
      await check(page, `arkiv-${name}`);

      // A statement's coverage.
      await page.getByRole('link', { name: 'Genomslag' }).click();
      await page.getByRole('link', { name: domain.statements[0]!.title }).click();
      // Borlänge's own paper carried it; Skövde's did not.
      expect(await page.getByRole('row', { name: /^Borlänge Ja Bergslagskuriren$/ }).isVisible()).toBe(true);
      expect(await page.getByRole('row', { name: /^Skövde Nej/ }).isVisible()).toBe(true);
      expect(await page.locator('svg').count()).toBeGreaterThan(0);
      await check(page, `genomslag-${name}`);

      await page.getByRole('link', { name: 'Debatt' }).click();
      await check(page, `debatt-${name}`);

      // Settings: follow Kiruna, daily alerts on.
      await page.getByRole('link', { name: 'Inställningar' }).click();
      await page.getByLabel('Kiruna').check();
      await page.getByLabel('Vardagar 07.00').check();
      await page.getByRole('button', { name: 'Spara' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Sparat.');
      const saved = await stack.deps.stores.subscribers.get(subscriberId(secretariat.email, LOCAL_UNSUBSCRIBE_SECRET));
      expect(saved).toMatchObject({ alerts: 'daily' });
      expect(saved!.municipalities).toContain('Kiruna');
      await check(page, `installningar-${name}`);

      // Own watch words: saved in Inställningar, then Arkiv with bevakning=1 lists only their hits (#22, item 6).
      await page.getByLabel(/Ord att bevaka/).fill('elnät');
      await page.getByRole('button', { name: 'Spara' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Sparat.');
      await page.goto(`${base}/arkiv?bevakning=1`);
      const watched = Number((await page.getByRole('status').textContent())!.match(/\d+/)![0]);
      expect(watched).toBeGreaterThan(0);
      await check(page, `bevakning-${name}`);

      // Veckan's week picker: last week is one click away, and the running week another (#22, item 5).
      await page.goto(`${base}/veckan`);
      const last = previousWeek(isoWeekOf(now));
      await page.getByRole('link', { name: `v. ${Number(last.slice(-2))}`, exact: true }).click();
      await page.waitForURL(new RegExp(`vecka=${last}`));
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Vecka ${Number(last.slice(-2))}`);
      await check(page, `veckan-forra-${name}`);

      // The statement form: an id that is taken is refused in Swedish next to the field, the posted title kept (#22, items 1–2).
      await page.goto(`${base}/genomslag`);
      await page.getByLabel('Rubrik', { exact: true }).fill('Ett annat utspel');
      await page.getByLabel(/^Id/).fill(domain.statements[0]!.id);
      await page.getByLabel('Datum', { exact: true }).fill(now.toISOString().slice(0, 10));
      await page.getByLabel(/Nyckelfraser/).fill('elnätet i norr');
      await page.getByRole('button', { name: 'Registrera och matcha' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/sparades inte/);
      expect(await page.getByText(/fasta utspel/).isVisible()).toBe(true);
      expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe('Ett annat utspel');
      await check(page, `utspel-formular-${name}`);
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);
  }
});

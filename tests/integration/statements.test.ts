/**
 * The secretariat's statements and the communicators' daily alert on the local stack (real
 * DynamoDB- and SQS-compatible servers, the real CLI in a child process): a statement registered
 * after ingestion gets its matches, inflected phrases match, an expired statement claims nothing
 * new, own pieces are apart, 18 towns are reported, the CSV reads back as columns with formulas
 * neutralised, and "Dagens debatt" goes out once a day and not on a quiet day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { subscriberId } from '#shared/domain/subscriber.ts';
import type { ArticleCandidate, Statement } from '#shared/domain/types.ts';
import type { ArticleJob, Mailer, OutgoingMessage, StatementJob } from '#shared/ports.ts';
import { jobQueue } from '#shared/wiring/common.ts';
import { createHandler as alertsHandler } from '#functions/send-alerts.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import type { AlertRun } from '#shared/use-cases/send-alerts.ts';

const run = promisify(execFile);
const monitor = async (...args: string[]) =>
  (await run(process.execPath, ['bin/monitor.mjs', ...args], { encoding: 'utf8', env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } })).stdout;

const domain = loadConfigDir('config');
const dir = mkdtempSync(join(tmpdir(), 'statements-'));
const dataDir = join(dir, 'data');
let now = new Date('2026-10-07T05:00:00Z');
const clock = { now: () => now };
const delivered: OutgoingMessage[] = [];
const mailer: Mailer = { send: async (m) => (delivered.push(m), { messageId: `m${delivered.length}` }) };

const candidate = (p: Partial<ArticleCandidate> & Pick<ArticleCandidate, 'id' | 'title' | 'summary' | 'publishedAt' | 'feedId' | 'outlet' | 'url'>): ArticleCandidate => ({
  dateEstimated: false,
  feedKind: 'news',
  categories: [],
  language: 'sv',
  ...p,
});

const grid: Statement = {
  id: 'elnat-hosten',
  date: '2026-10-01',
  until: '2026-10-31',
  title: 'Industrikommunerna: bygg ut elnätet nu',
  keyPhrases: ['utbyggnaden av elnätet', 'effektbrist'],
  people: ['Maja Lindqvist'],
};

// Our own texts, written for this test.
const articles = [
  candidate({ id: 'local', feedId: 'bergslagen-kuriren', outlet: 'Bergslagskuriren', url: 'https://bergslagskuriren.example/nyheter/elnatet', publishedAt: '2026-10-06T09:00:00Z', title: 'Borlänge vill se snabbare utbyggnad av elnätet', summary: 'Kommunstyrelsens ordförande i Borlänge instämmer i kraven från Nätverket för starka industrikommuner: utbyggnad av elnätet måste gå fortare om stålverket ska växa.' }),
  candidate({ id: 'own', feedId: 'debattsidan', feedKind: 'opinion', outlet: 'Debatt och insändare', url: 'https://svenskaindustrikommuner.se/debatt/elnatet-avgor', author: 'Maja Lindqvist', publishedAt: '2026-10-06T10:00:00Z', title: 'DEBATT: Elnätet avgör var industrin växer', summary: 'Utbyggnaden av elnätet går för långsamt. Effektbrist stoppar redan nu nya fabriker i våra kommuner, skriver Nätverket för starka industrikommuner.' }),
  candidate({ id: 'reply', feedId: 'debattsidan', feedKind: 'opinion', outlet: 'Debatt och insändare', url: 'https://debattsidan.example/debatt/replik-elnatet', publishedAt: '2026-10-06T15:00:00Z', title: 'REPLIK: Nätverket för starka industrikommuner har fel om elnätet', summary: 'Maja Lindqvist skriver att utbyggnaden av elnätet går för långsamt. Jag svarar att nätbolagen aldrig har byggt så snabbt som nu.' }),
  candidate({ id: 'formula', feedId: 'naringslivsdagen', outlet: 'Näringslivsdagen', url: 'https://naringslivsdagen.example/ekonomi/elnat', publishedAt: '2026-10-08T12:00:00Z', title: '=HYPERLINK("https://ond.example","Industrikommunerna") kräver besked', summary: 'Nätverket för starka industrikommuner vill att regeringen påskyndar utbyggnaden av elnätet i norra Sverige.' }),
  candidate({ id: 'theme', feedId: 'naringslivsdagen', outlet: 'Näringslivsdagen', url: 'https://naringslivsdagen.example/ekonomi/effekt', publishedAt: '2026-10-07T12:00:00Z', title: 'Effektbrist i elnätet vintertid', summary: 'Svenska kraftnät varnar för effektbrist de kallaste dagarna. Elpriset kan då stiga kraftigt.' }),
  candidate({ id: 'late', feedId: 'naringslivsdagen', outlet: 'Näringslivsdagen', url: 'https://naringslivsdagen.example/ekonomi/sent', publishedAt: '2026-11-10T08:00:00Z', title: 'Industrikommunerna tjatar om elnätet igen', summary: 'Nätverket för starka industrikommuner återkommer till utbyggnaden av elnätet.' }),
];

let stack: LocalStack;
const ingest = async (list: ArticleCandidate[]) => {
  const queue = jobQueue<ArticleJob>(stack.clients.sqs, stack.runtime, 'articles');
  await queue.sendAll(list.map((article) => ({ v: 1, type: 'classify-article', article })));
  await stack.drain();
};
const openStack = () => startLocalStack({ domain, dataDir, serveSamples: false, retryDelaySeconds: 0, outboxDir: join(dir, 'out'), overrides: { clock, mailer } });

beforeAll(async () => {
  stack = await openStack();
  for (const s of domain.sampleSubscribers) await stack.deps.stores.subscribers.put({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) });
  await ingest(articles);
}, 60_000);
afterAll(async () => stack?.stop());

describe('Dagens debatt', () => {
  it('goes to readers with daily alerts once per day, replies to the network first, and not on a quiet day', async () => {
    const send = (day: string) => alertsHandler(() => stack.deps)({ day }) as Promise<AlertRun>;
    // Wednesday 7 Oct, 07:00 Stockholm: the pieces since Tuesday 07:00
    const first = await send('2026-10-07');
    expect(first).toMatchObject({ readers: 1, sent: 1, quiet: 0 });
    const mail = delivered.at(-1)!;
    expect(mail.to).toBe(domain.sampleSubscribers.find((s) => s.role === 'communicator')!.email);
    expect(mail.subject).toMatch(/^Dagens debatt 7 okt\.?: 1 inlägg att svara på, 1 svar till nätverket$/);
    expect(mail.html).toContain('REPLIK: Nätverket för starka industrikommuner har fel om elnätet');
    expect(mail.html).toMatch(/Svara senast 13 okt/);
    // The network's own op-ed is never offered for reply.
    expect(mail.html).not.toContain('Elnätet avgör var industrin växer');
    expect(mail.headers['List-Unsubscribe']).toMatch(/^<http/);
    // A second run the same day (a retry, a doubled schedule) sends nothing more.
    expect(await send('2026-10-07')).toMatchObject({ sent: 0, alreadySent: 1 });
    // A quiet day: nothing is sent at all.
    now = new Date('2026-10-14T05:00:00Z');
    expect(await send('2026-10-14')).toMatchObject({ readers: 1, sent: 0, quiet: 1 });
    expect(delivered).toHaveLength(1);
  });
});

describe('statements', () => {
  it('a statement registered after ingestion is matched against stored articles, inflected forms included; expired claims nothing new', async () => {
    // In AWS: a match-statement job on the articles queue, run by classify-article.
    const viaQueue: Statement = { id: 'via-ko', date: '2026-10-01', until: '2026-10-31', title: 'Effekt och elnät', keyPhrases: ['utbyggnaden av elnätet'], people: [] };
    await stack.deps.stores.statements.put(viaQueue);
    await jobQueue<StatementJob>(stack.clients.sqs, stack.runtime, 'articles').sendAll([{ v: 1, type: 'match-statement', statementId: 'via-ko', week: '2026-W41' }]);
    await stack.drain();
    expect((await stack.deps.stores.statements.coverage('via-ko')).map((l) => l.articleId).sort()).toEqual(['formula', 'local', 'own', 'reply']);
    await stack.stop();

    // The secretariat registers the statement with the CLI: it prints how many stored articles match now.
    const file = join(dir, 'utspel.json');
    writeFileSync(file, JSON.stringify(grid));
    const added = await monitor('statements', 'add', file, '--data-dir', dataDir);
    expect(added).toMatch(/^4 lagrade artiklar matchade nu/m);

    const report = JSON.parse((await monitor('coverage', '--statement', grid.id, '--format', 'json', '--data-dir', dataDir)).trim());
    expect(Object.keys(report)).toEqual(['statement', 'own', 'uptake', 'outlets', 'towns']);
    expect(report.own.map((a: { id: string }) => a.id)).toEqual(['own']);
    expect(report.uptake.map((a: { id: string }) => a.id)).toEqual(['local', 'reply', 'formula']);
    const local = report.uptake[0];
    expect(Object.keys(local)).toEqual(['id', 'title', 'url', 'outlet', 'publishedAt', 'genre', 'municipalities', 'evidence']);
    expect(local.evidence).toEqual(expect.arrayContaining(['nämner nätverket', 'fras "utbyggnaden av elnätet" (utbyggnad av elnätet)']));
    expect(report.outlets).toEqual(['Bergslagskuriren', 'Debatt och insändare', 'Näringslivsdagen']);
    expect(report.towns).toHaveLength(18);
    expect(report.towns.find((t: { name: string }) => t.name === 'Borlänge')).toEqual({ name: 'Borlänge', reached: true, outlets: ['Bergslagskuriren'] });
    expect(report.towns.find((t: { name: string }) => t.name === 'Skövde')).toEqual({ name: 'Skövde', reached: false, outlets: [] });
    // The theme alone ("effektbrist" without the network, a person or a second phrase) is not the statement; nor is an article after `until`.
    expect(report.uptake.concat(report.own).map((a: { id: string }) => a.id)).not.toContain('theme');
    expect(report.uptake.concat(report.own).map((a: { id: string }) => a.id)).not.toContain('late');

    // CSV for Swedish Excel: BOM, ";" between columns, Swedish headers and genres, no live formula.
    const csv = await monitor('coverage', '--statement', grid.id, '--format', 'csv', '--data-dir', dataDir);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(['Utspel', 'Typ', 'Datum', 'Medium', 'Rubrik', 'Genre', 'Kommuner', 'Belägg', 'Länk']);
    // Header, four articles, and the 18-town table (#22, item 3).
    expect(rows).toHaveLength(5 + 18);
    expect(rows.find((r) => r[6] === 'Borlänge' && r[1]!.startsWith('Kommun'))).toEqual([grid.id, 'Kommun nådd', '', 'Bergslagskuriren', '', '', 'Borlänge', '', '']);
    const formulaRow = rows.find((r) => r[9 - 1]!.includes('naringslivsdagen.example/ekonomi/elnat'))!;
    expect(formulaRow[4]!.startsWith('=')).toBe(false);
    expect(formulaRow[4]).toContain('HYPERLINK');
    expect(rows.find((r) => r[1] === 'Eget')![5]).toBe('Debatt');

    const html = await monitor('coverage', '--statement', grid.id, '--format', 'html', '--data-dir', dataDir);
    expect(html).toContain('<svg');
    // Reached: the piece ran in the town's own (registry) media, or is about the town (#22, item 3); no inline styles (the web CSP).
    expect(html).toMatch(/nådde lokala medier eller handlade om \d+ av 18 medlemskommuner/);
    expect(html).not.toMatch(/style="/);
    expect(html).not.toContain('=HYPERLINK("https://ond.example"');

    // Editing the statement (a shorter window) is an explicit choice, and unlinks what no longer matches.
    writeFileSync(file, JSON.stringify({ ...grid, until: '2026-10-07' }));
    await expect(monitor('statements', 'add', file, '--data-dir', dataDir)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/finns redan; inget sparades/) });
    expect(await monitor('statements', 'add', file, '--replace', '--data-dir', dataDir)).toMatch(/3 lagrade artiklar matchade nu .*; 1 matchar inte längre/);

    // A new article after the window, classified once the statement cache has expired: not linked.
    now = new Date('2026-11-12T08:00:00Z');
    stack = await openStack();
    await ingest([candidate({ id: 'later', feedId: 'naringslivsdagen', outlet: 'Näringslivsdagen', url: 'https://naringslivsdagen.example/ekonomi/senare', publishedAt: '2026-11-12T07:00:00Z', title: 'Nätverket för starka industrikommuner om elnätet', summary: 'Maja Lindqvist vill se utbyggnaden av elnätet prioriteras.' })]);
    const stored = await stack.deps.stores.articles.get('later');
    expect(stored!.classification.mentionsNetwork).toBe(true);
    // (The config's own statement, whose window it is in, may claim it; the expired one does not.)
    expect(stored!.classification.statements.map((m) => m.statementId)).not.toContain(grid.id);
    expect((await stack.deps.stores.statements.coverage(grid.id)).map((l) => l.articleId)).not.toContain('later');
  }, 120_000);
});

it('monitor alerts previews a day\u2019s mails without sending', async () => {
  await stack.stop();
  const out = join(dir, 'alerts');
  const printed = await monitor('alerts', '--day', '2026-10-07', '--out', out, '--data-dir', dataDir);
  expect(printed).toMatch(/debatt-2026-10-07-communicator-[0-9a-f]{24}\.html {2}\(1 inlägg\)/);
  expect(readdirSync(out).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/\.eml$/), expect.stringMatching(/\.html$/)]));
  expect(await monitor('alerts', '--day', '2026-10-14', '--out', join(dir, 'quiet'), '--data-dir', dataDir)).toMatch(/Inga debattinlägg att svara på/);

  // The secretariat lists the statements and removes one registered by mistake, links and all.
  const listed = (await monitor('statements', 'list', '--json', '--data-dir', dataDir)).trim().split('\n').map((l) => JSON.parse(l));
  expect(listed.find((s: { id: string }) => s.id === grid.id)).toMatchObject({ id: grid.id, until: '2026-10-07', source: 'table' });
  expect(listed.find((s: { id: string }) => s.id === domain.statements[0]!.id)).toMatchObject({ source: 'config' });
  expect(await monitor('statements', 'remove', grid.id, '--data-dir', dataDir)).toMatch(/Tog bort utspelet elnat-hosten och 3 artikellänkar/);
  await expect(monitor('coverage', '--statement', grid.id, '--format', 'json', '--data-dir', dataDir)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/inget utspel med id elnat-hosten/) });
  await expect(monitor('statements', 'remove', domain.statements[0]!.id, '--data-dir', dataDir)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/config\/statements\.json/) });
  stack = await openStack();
}, 60_000);

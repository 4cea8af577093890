/** The main job and the operator commands, as a newcomer runs them: the real CLI in a child process. */
import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { startFeedServer } from '#infra/local/feed-server.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { legacySubscriberId, subscriberId } from '#shared/domain/subscriber.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { initialFeedState } from '#shared/domain/feed/health.ts';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { parse } from 'csv-parse/sync';

const run = promisify(execFile);
const monitor = async (...args: string[]) => {
  const r = await run(process.execPath, ['bin/monitor.mjs', ...args], { encoding: 'utf8', env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } });
  return r.stdout;
};
const field = (out: string, label: string) => out.split('\n').find((l) => l.startsWith(label))?.slice(label.length).trim();

describe('monitor run --feeds', () => {
  it('runs the main job against any feed registry, here a feed server of our own on loopback', async () => {
    // Prepare: four of the sample feeds served by our own server, listed in a registry file
    const domain = loadConfigDir('config');
    const server = await startFeedServer({ feeds: domain.sampleFeeds.slice(0, 4) });
    const dir = mkdtempSync(join(tmpdir(), 'feeds-'));
    const registry = join(dir, 'register.json');
    writeFileSync(registry, JSON.stringify({ feeds: server.feeds.map((f) => ({ ...f, verified: false })) }));
    try {
      // Act
      const out = await monitor('run', '--feeds', registry, '--allow-loopback', '--out', join(dir, 'out'), '--data-dir', join(dir, 'data'));
      // Assess: exactly those feeds' items, stored and digested
      expect(field(out, 'Flöden')).toMatch(/^4 \(4 hämtade, 4 ok/);
      const items = domain.sampleFeeds.slice(0, 4).reduce((n, f) => n + (JSON.parse(readFileSync(join('samples', 'feeds', `${f.id}.json`), 'utf8')) as { items: unknown[] }).items.length, 0);
      expect(Number(field(out, 'Nya artiklar'))).toBe(items);
      expect(field(out, 'Veckobrev skrivna')).toMatch(/^3 av 3 /);
      // Without --allow-loopback the SSRF guard refuses the same registry
      const refused = await monitor('run', '--feeds', registry, '--out', join(dir, 'out2'), '--data-dir', join(dir, 'data2'));
      expect(field(refused, 'Nya artiklar')).toBe('0');
      // A registry that breaks the schema names the file, the entry and the field
      writeFileSync(registry, JSON.stringify({ feeds: [{ id: 'x', url: 'not a url' }] }));
      await expect(monitor('run', '--feeds', registry)).rejects.toMatchObject({ stderr: expect.stringMatching(/register\.json[\s\S]*feeds\[0\]/) });
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('monitor eval', () => {
  it('scores labelled lines, measures noise on the random sample, and --feed-length reads each text as a feed gives it', async () => {
    // Prepare: our own records; the third names its theme only after two sentences of scene-setting
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const file = join(dir, 'set.jsonl');
    // (r4 carries its text as `summary`, as monitor parse/fetch --items write it)
    const rec = (id: string, title: string, text: string, topics: string[], municipalities: string[], sample?: string) =>
      JSON.stringify({ id, title, ...(id === 'r4' ? { summary: text } : { text }), url: `https://tidning.example/nyheter/${id}`, outlet: 'tidning.example', ...(sample ? { sample } : {}), labels: { topics, municipalities, genre: 'news', mentions_network: false } });
    writeFileSync(
      file,
      [
        rec('r1', 'Stålverket i Luleå varslar 300', 'Ståltillverkningen minskar och varslet gäller hela verket i Luleå.', ['industry'], ['Luleå']),
        rec('r2', 'Kyrkokören firar 50 år', 'Kören sjöng i söndags inför fullsatt kyrka.', [], [], 'random'),
        rec('r3', 'Ett år senare', 'Det var en kall morgon i februari. Ingen på orten glömmer den. Sedan dess har stålverket varslat, gruvan stängt och industrin i regionen tappat tusen jobb i ståltillverkning.', ['industry'], []),
        rec('r4', 'Nytt besked', 'Elpriset stiger och elnätet räcker inte till, varnar Svenska kraftnät.', ['energy'], []),
      ].join('\n'),
    );
    // Act
    const full = JSON.parse(await monitor('eval', file, '--json')) as { count: number; topics: { micro: { recall: number } }; noise: { items: number; noisy: number } };
    const short = JSON.parse(await monitor('eval', file, '--json', '--feed-length')) as typeof full;
    // Assess
    expect(full.count).toBe(4);
    expect(full.noise).toMatchObject({ items: 1, noisy: 0 });
    expect(full.topics.micro.recall).toBe(1);
    expect(short.topics.micro.recall).toBeCloseTo(2 / 3);
    expect(await monitor('eval', file, '--feed-length')).toMatch(/i flödeslängd \(rubrik \+ två meningar\)/);
  }, 30_000);
});

describe('one process per data dir', () => {
  it('a second command on a data dir in use names the process that holds it; a crashed holder does not block', async () => {
    // Prepare: monitor serve holds a fresh data dir
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const serve = spawn(process.execPath, ['bin/monitor.mjs', 'serve', '--data-dir', dir, '--port', String(20_000 + Math.floor(Math.random() * 20_000)), '--out', join(dir, 'out')], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        serve.stdout.on('data', (d: Buffer) => /Bevakningen på webben/.test(d.toString()) && resolve());
        serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      // Act + Assess: one Swedish line, exit code 2, for a reading and for a --fresh command
      const refusal = { code: 2, stderr: expect.stringMatching(new RegExp(`används redan av en annan process \\(pid ${serve.pid}: monitor serve`)) };
      await expect(monitor('subscribers', 'list', '--data-dir', dir)).rejects.toMatchObject(refusal);
      await expect(monitor('run', '--fresh', '--data-dir', dir, '--out', join(dir, 'out'))).rejects.toMatchObject(refusal);
      // A holder killed without cleaning up leaves its lock; the next command takes it over
      serve.kill('SIGKILL');
      await new Promise((r) => serve.once('exit', r));
      expect(existsSync(join(dir, 'monitor.lock'))).toBe(true);
      expect(await monitor('subscribers', 'list', '--data-dir', dir)).toBeDefined();
      expect(existsSync(join(dir, 'monitor.lock'))).toBe(false);
    } finally {
      serve.kill('SIGKILL');
    }
  }, 60_000);
});

describe('monitor fetch --items | monitor classify -', () => {
  it('the item lines of a fetched feed are valid classify input, categories and all', async () => {
    const domain = loadConfigDir('config');
    const server = await startFeedServer({ feeds: domain.sampleFeeds.slice(0, 1) });
    try {
      const url = server.feeds[0]!.url;
      const items = (await monitor('fetch', url, '--allow-loopback', '--items')).trim().split('\n').map((l) => JSON.parse(l));
      expect(items.length).toBe(16);
      for (const it of items) expect(Object.keys(it)).toEqual(['feedUrl', 'id', 'url', 'title', 'summary', 'publishedAt', 'author', 'categories', 'language', 'outlet']);
      const dir = mkdtempSync(join(tmpdir(), 'items-'));
      writeFileSync(join(dir, 'items.jsonl'), items.map((i) => JSON.stringify(i)).join('\n'));
      // The same lines through standard input, as a pipe would give them
      const child = execFile(process.execPath, ['bin/monitor.mjs', 'classify', '-'], { encoding: 'utf8' });
      child.stdin!.end(readFileSync(join(dir, 'items.jsonl')));
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout!.on('data', (d: string) => (text += d));
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
      const classified = out.trim().split('\n').map((l) => JSON.parse(l));
      expect(classified.map((c) => c.id)).toEqual(items.map((i) => i.id));
      expect(classified.every((c) => !('error' in c))).toBe(true);
      expect(classified.some((c) => c.topics.length > 0)).toBe(true);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('monitor run, twice, on a data dir', () => {
  it('stores the sample articles once, writes each digest once, and the summary matches the table', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'run-'));
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    // Act
    const first = await monitor('run', '--data-dir', data, '--out', out);
    const second = await monitor('run', '--data-dir', data, '--out', out);
    const forced = await monitor('run', '--data-dir', data, '--out', out, '--force');
    // Assess
    expect(field(first, 'Nya artiklar')).toBe('122');
    expect(field(first, 'Artiklar vecka')).toMatch(/^\d{4}-W\d{2}–W\d{2}\s+122$/);
    expect(field(first, 'Veckobrev skrivna')).toMatch(/^3 av 3 /);
    expect(field(second, 'Nya artiklar')).toBe('0');
    expect(field(second, 'Artiklar vecka')).toMatch(/122$/);
    expect(field(second, 'Veckobrev skrivna')).toMatch(/^0 av 3 \(3 redan skickade/);
    expect(field(forced, 'Veckobrev skrivna')).toMatch(/^3 av 3 /);
    const files = readdirSync(join(out, 'digests'));
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(3);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(3);
    expect(first).toContain(join(out, 'digests'));

    // The communicators' debates from the same data: the contract's keys, opinion only, own pieces never open
    const pieces = (await monitor('debates', '--data-dir', data, '--format', 'json')).trim().split('\n').map((l) => JSON.parse(l));
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) expect(Object.keys(p)).toEqual(['id', 'title', 'url', 'outlet', 'genre', 'publishedAt', 'replyBy', 'open', 'municipalities', 'topics', 'repliesToNetwork']);
    expect(pieces.every((p) => ['editorial', 'debate', 'column', 'letter', 'analysis'].includes(p.genre))).toBe(true);
    const own = pieces.find((p) => p.title.includes('Vi är beredda att bära industrins omställning'));
    expect(own).toMatchObject({ open: false });
    const open = (await monitor('debates', '--data-dir', data, '--format', 'json', '--open')).trim().split('\n').map((l) => JSON.parse(l));
    expect(open.every((p) => p.open)).toBe(true);
    expect(open.some((p) => p.id === own.id)).toBe(false);
    const member = readFileSync(join(out, 'digests', readdirSync(join(out, 'digests')).find((f) => f.includes('member') && f.endsWith('.html'))!), 'utf8');
    expect(member).toMatch(/svara senast \d{1,2} [a-zé]+/);

    // The secretariat's coverage report from the same data
    const csv = await monitor('coverage', '--data-dir', data, '--format', 'csv');
    const rows = parse(csv, { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual(['Utspel', 'Typ', 'Datum', 'Medium', 'Rubrik', 'Genre', 'Kommuner', 'Belägg', 'Länk']);
    expect(rows.length).toBeGreaterThan(2);
    const html = await monitor('coverage', '--data-dir', data, '--format', 'html');
    expect(html).toContain('<table');

    // A preview for one subscriber, without sending
    const preview = join(dir, 'preview');
    await monitor('digest', '--data-dir', data, '--subscriber', 'sekretariatet@industrikommunerna.example.se', '--out', preview);
    const previewFiles = readdirSync(preview);
    expect(previewFiles).toHaveLength(2);
    expect(readFileSync(join(preview, previewFiles.find((f) => f.endsWith('.html'))!), 'utf8')).toContain('Nätverkets genomslag');
  }, 120_000);
});

describe('monitor run --fresh', () => {
  it('starts from an empty table, and still finds the digests already in the outbox', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fresh-'));
    const out = join(dir, 'out');
    const data = join(dir, 'data');
    const first = await monitor('run', '--out', out, '--data-dir', data);
    const second = await monitor('run', '--out', out, '--data-dir', data, '--fresh');
    expect(field(first, 'Veckobrev skrivna')).toMatch(/^3 av 3 /);
    expect(first).toContain(`npx monitor subscribers list --data-dir ${data}`);
    expect(field(second, 'Nya artiklar')).toBe('122'); // an empty table again: each article once
    expect(field(second, 'Veckobrev skrivna')).toMatch(/^0 av 3 \(3 redan skickade/);
    expect(field(await monitor('run', '--out', out, '--data-dir', data, '--force'), 'Veckobrev skrivna')).toMatch(/^3 av 3 /);
    // --fresh never empties a directory that is not a data directory of the monitor
    writeFileSync(join(dir, 'annat.txt'), 'x');
    await expect(monitor('run', '--out', out, '--data-dir', dir, '--fresh')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--fresh tömmer bara/) });
    expect(existsSync(join(dir, 'annat.txt'))).toBe(true);
  }, 180_000);
});

describe('monitor subscribers', () => {
  it('imports the good rows of a CSV, lists and removes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subs-'));
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, 'email,name,role,municipalities\nanna@kiruna.example.se,Anna,member,Kiruna\nfel,Bo,member,\n');
    // One bad row: nothing is written, and the row is named
    const refused = await run(process.execPath, ['bin/monitor.mjs', 'subscribers', 'import', csv, '--data-dir', join(dir, 'd')], { encoding: 'utf8' }).catch((e: { code: number; stdout: string }) => e);
    expect((refused as { code: number }).code).toBe(2);
    expect((refused as { stdout: string }).stdout).toMatch(/Inget importerades: 1 rad [\s\S]*rad 3: email/);
    expect(await monitor('subscribers', 'list', '--data-dir', join(dir, 'd'))).toContain('0 prenumeranter');
    // --partial takes the good rows
    const imported = await run(process.execPath, ['bin/monitor.mjs', 'subscribers', 'import', csv, '--partial', '--data-dir', join(dir, 'd')], { encoding: 'utf8' }).catch((e: { code: number; stdout: string }) => e);
    expect((imported as { code: number }).code).toBe(3);
    expect((imported as { stdout: string }).stdout).toMatch(/Importerade 1 prenumerant [\s\S]*1 rad avvisades[\s\S]*rad 3: email/);
    expect(await monitor('subscribers', 'list', '--data-dir', join(dir, 'd'))).toContain('anna@kiruna.example.se');
    expect(await monitor('subscribers', 'remove', 'anna@kiruna.example.se', '--data-dir', join(dir, 'd'))).toContain('Tog bort');
    expect(existsSync(join(dir, 'd'))).toBe(true);
  }, 60_000);
});

describe('unsubscribed stays unsubscribed; exports are safe to open', () => {
  it('a re-import or re-add does not re-subscribe someone who unsubscribed, unless --resubscribe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supp-'));
    const data = join(dir, 'd');
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, 'email,name,role,municipalities\nanna@kiruna.example.se,Anna,member,Kiruna\n');
    await monitor('subscribers', 'import', csv, '--data-dir', data);
    // Anna unsubscribes (what the unsubscribe function does)
    const stack = await startLocalStack({ domain: loadConfigDir('config'), dataDir: data, serveSamples: false, outboxDir: join(dir, 'o') });
    const id = subscriberId('anna@kiruna.example.se', LOCAL_UNSUBSCRIBE_SECRET);
    await stack.deps.stores.subscribers.setActive(id, false);
    // Her details expire 30 days from now (TTL); the suppression (her id alone) stays
    const item = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: stack.runtime.tableName, Key: { pk: { S: `SUBSCRIBER#${id}` }, sk: { S: 'SUBSCRIBER' } } }));
    expect(Number(item.Item!.expiresAt!.N) - Date.now() / 1000).toBeGreaterThan(29 * 86400);
    const suppression = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: stack.runtime.tableName, Key: { pk: { S: `SUBSCRIBER#${id}` }, sk: { S: 'SUPPRESSED' } } }));
    expect(Object.keys(suppression.Item!).sort()).toEqual(['pk', 'schemaVersion', 'sk']);
    await stack.stop();
    const again = await monitor('subscribers', 'import', csv, '--data-dir', data);
    expect(again).toMatch(/Importerade 0[\s\S]*1 har avslutat prenumerationen[\s\S]*anna@kiruna\.example\.se/);
    expect(await monitor('subscribers', 'list', '--data-dir', data)).toMatch(/^- anna@kiruna\.example\.se/m);
    // Removing her data keeps only the suppression: a later import still does not re-add her
    expect(await monitor('subscribers', 'remove', 'anna@kiruna.example.se', '--data-dir', data)).toContain('Tog bort');
    expect(await monitor('subscribers', 'import', csv, '--data-dir', data)).toMatch(/1 har avslutat prenumerationen/);
    expect(await monitor('subscribers', 'list', '--data-dir', data)).not.toContain('anna@kiruna.example.se');
    const add = await run(process.execPath, ['bin/monitor.mjs', 'subscribers', 'add', '--email', 'anna@kiruna.example.se', '--name', 'Anna', '--role', 'member', '--municipalities', 'Kiruna', '--data-dir', data], { encoding: 'utf8' }).catch((e: { code: number; stdout: string }) => e);
    expect((add as { code: number }).code).toBe(1);
    expect(await monitor('subscribers', 'add', '--email', 'anna@kiruna.example.se', '--name', 'Anna', '--role', 'member', '--municipalities', 'Kiruna', '--resubscribe', '--data-dir', data)).toContain('Lade till');
    expect(await monitor('subscribers', 'list', '--data-dir', data)).toMatch(/^  anna@kiruna\.example\.se/m);
  }, 90_000);

  it('coverage CSV neutralises cells that a spreadsheet would run as formulas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const data = join(dir, 'd');
    const stack = await startLocalStack({ domain: loadConfigDir('config'), dataDir: data, serveSamples: false, outboxDir: join(dir, 'o') });
    await stack.deps.stores.statements.put({ id: 'u1', date: '2026-11-01', title: 'Utspel', keyPhrases: ['elnät'], people: [] });
    for (const [i, title] of ['=HYPERLINK("http://x.example","klicka")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3'].entries()) {
      await stack.deps.stores.statements.linkCoverage({ statementId: 'u1', articleId: `a${i}`, publishedAt: '2026-11-02T08:00:00Z', score: 0.8, outlet: 'T', title, url: 'https://t.example/a', genre: 'news', municipalities: [] });
    }
    await stack.stop();
    const out = await monitor('coverage', '--data-dir', data, '--format', 'csv');
    // Read back as a Swedish-locale spreadsheet reads it: ";" between columns.
    const cells = (parse(out, { delimiter: ';', bom: true }) as string[][]).filter((r) => r[0] === 'u1' && !r[1]!.startsWith('Kommun')).map((r) => r[4]!);
    expect(cells, out).toHaveLength(4);
    for (const c of cells) expect(c).toMatch(/^'/);
  }, 90_000);
});

describe('monitor feeds check --aws', () => {
  it('shows the deployed pipeline’s own feed health from its table, fetching nothing', async () => {
    const domain = loadConfigDir('config');
    const dir = mkdtempSync(join(tmpdir(), 'aws-'));
    const stack = await startLocalStack({ domain, serveSamples: false, outboxDir: join(dir, 'o') });
    try {
      const [a, b] = domain.liveFeeds;
      const now = new Date();
      await stack.deps.stores.feedStates.put({ ...initialFeedState(a!.id, a!.url, now), lastStatus: 'ok-200', lastSuccessAt: now.toISOString(), itemsLastSeen: 42, version: 1 }, 0);
      await stack.deps.stores.feedStates.put({ ...initialFeedState(b!.id, b!.url, now), lastStatus: 'http-410', disabled: true, disabledReason: 'HTTP 410 Gone', version: 1 }, 0);
      // The deployed table, as the CLI reaches it with --aws: the environment names it
      const env = { ...process.env, TABLE_NAME: stack.runtime.tableName, AWS_ENDPOINT_URL_DYNAMODB: stack.env.AWS_ENDPOINT_URL_DYNAMODB!, AWS_REGION: 'eu-north-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
      const r = await run(process.execPath, ['bin/monitor.mjs', 'feeds', 'check', '--aws', '--json'], { encoding: 'utf8', env }).catch((e: { code: number; stdout: string }) => e);
      expect((r as { code?: number }).code).toBe(1);
      const rows = (r as { stdout: string }).stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(rows).toHaveLength(domain.liveFeeds.length);
      expect(rows.find((x) => x.feed === a!.id)).toMatchObject({ ok: true, items: 42 });
      expect(rows.find((x) => x.feed === b!.id)).toMatchObject({ ok: false, status: 'disabled', disabled: 'HTTP 410 Gone' });
      expect(rows.filter((x) => x.status === 'never-fetched')).toHaveLength(domain.liveFeeds.length - 2);
    } finally {
      await stack.stop();
    }
  }, 60_000);
});

describe('monitor subscribers rekey', () => {
  it('moves subscribers stored under the old unkeyed ids to keyed ids, suppression kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rekey-'));
    const data = join(dir, 'd');
    const domain = loadConfigDir('config');
    const anna = { email: 'anna@kiruna.example.se', name: 'Anna', role: 'member' as const, municipalities: ['Kiruna'], topics: ['industry' as const], active: true };
    const bo = { ...anna, email: 'bo@kiruna.example.se', name: 'Bo', active: false };
    let stack = await startLocalStack({ domain, dataDir: data, serveSamples: false, outboxDir: join(dir, 'o') });
    await stack.deps.stores.subscribers.put({ ...anna, id: legacySubscriberId(anna.email) });
    await stack.deps.stores.subscribers.put({ ...bo, id: legacySubscriberId(bo.email) });
    await stack.stop();
    expect(await monitor('subscribers', 'rekey', '--data-dir', data)).toContain('Flyttade 2 prenumeranter');
    expect(await monitor('subscribers', 'rekey', '--data-dir', data)).toContain('redan nycklade');
    stack = await startLocalStack({ domain, dataDir: data, serveSamples: false, outboxDir: join(dir, 'o') });
    try {
      expect(await stack.deps.stores.subscribers.get(legacySubscriberId(anna.email))).toBeUndefined();
      expect(await stack.deps.stores.subscribers.get(subscriberId(anna.email, LOCAL_UNSUBSCRIBE_SECRET))).toMatchObject({ email: anna.email, active: true });
      expect(await stack.deps.stores.subscribers.isSuppressed(subscriberId(bo.email, LOCAL_UNSUBSCRIBE_SECRET))).toBe(true);
    } finally {
      await stack.stop();
    }
  }, 90_000);
});


/**
 * Operator commands on stored data: subscribers, statements, coverage and digest previews. They
 * work on the local stack's --data-dir (default .data), or on the deployed table with --aws
 * (TABLE_NAME and AWS credentials from the environment).
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { readRuntimeConfig } from '#shared/config/env.ts';
import { statementSchema, statementsFile } from '#shared/config/schemas.ts';
import { validateConfig } from '#shared/config/validate.ts';
import { buildDeps, APP_NAME, type Deps } from '#shared/wiring/index.ts';
import { jobQueue } from '#shared/wiring/common.ts';
import type { StatementJob } from '#shared/ports.ts';
import { statementWindow, stockholmDate } from '#shared/domain/statement.ts';
import { buildCoverageReport, coverageJson, renderCoverageCsv, renderCoverageHtml } from '#shared/domain/coverage.ts';
import { statementWeeks } from '#shared/use-cases/match-statement.ts';
import { alertsFor, legacySubscriberId, list, normaliseEmail, subscriberId, validateSubscriber } from '#shared/domain/subscriber.ts';
import { envName, LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { csvRows, sniffCsv } from './subscriber-csv.ts';
import { UserError } from '../cli-errors.ts';
import { debateRows } from '#shared/domain/debate.ts';
import { GENRE_LABELS } from '#shared/domain/digest/build.ts';
import { formatSwedishDate } from '#shared/domain/week.ts';
import { composeDigest, prepareEdition } from '#shared/use-cases/send-digest.ts';
import { buildMime } from '#shared/adapters/mime.ts';
import { isoWeekOf, parseIsoWeek } from '#shared/domain/week.ts';
import { createHandler as scheduleHandler } from '#functions/schedule-feeds.ts';
import { startLocalStack } from '../stack.ts';
import { DateTime } from 'luxon';
import { alertWindow, stockholmDay } from '#shared/domain/alert.ts';
import { composeAlert, prepareAlerts } from '#shared/use-cases/send-alerts.ts';

export interface StoreOptions {
  dataDir?: string;
  aws?: boolean;
}

type Write = (s: string) => void;

/**
 * The key subscriber ids are made with: the deployment's unsubscribe signing key. Locally the local
 * stack's development key; with --aws the deployed key, from UNSUBSCRIBE_SECRET or read from
 * Secrets Manager by UNSUBSCRIBE_SECRET_ARN (the stack's output).
 */
export async function subscriberIdKey(opts: StoreOptions): Promise<string> {
  if (!opts.aws) return LOCAL_UNSUBSCRIBE_SECRET;
  if (process.env[envName.unsubscribeSecret]) return process.env[envName.unsubscribeSecret]!;
  const arn = process.env[envName.unsubscribeSecretArn];
  if (!arn) throw new UserError(`med --aws behövs nyckeln för prenumerant-id: sätt ${envName.unsubscribeSecretArn} (stackens utdata UnsubscribeSecretArn)`);
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? 'eu-north-1' });
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!out.SecretString || out.SecretString.length < 16) throw new UserError(`hemligheten ${arn} saknas eller är för kort`);
    return out.SecretString;
  } finally {
    client.destroy();
  }
}

/** Runs `fn` with the stores of the chosen target and closes what it started. */
export async function withDeps<T>(domain: DomainConfig, opts: StoreOptions & { samples?: boolean }, fn: (deps: Deps) => Promise<T>): Promise<T> {
  if (opts.aws) return fn(buildDeps(readRuntimeConfig(process.env), domain));
  const stack = await startLocalStack({ domain, dataDir: opts.samples ? opts.dataDir : (opts.dataDir ?? '.data'), outboxDir: 'out/digests' });
  try {
    if (opts.samples) {
      await scheduleHandler(() => stack.deps)();
      await stack.drain();
    }
    return await fn(stack.deps);
  } finally {
    await stack.stop();
  }
}

const members = (domain: DomainConfig) => new Set(domain.municipalities.municipalities.map((m) => m.name));

export async function subscribersAdd(
  domain: DomainConfig,
  opts: StoreOptions & { email: string; name: string; role: string; municipalities?: string; topics?: string; alerts?: string; resubscribe?: boolean },
  write: Write,
): Promise<number> {
  const v = validateSubscriber(
    { email: opts.email, name: opts.name, role: opts.role, municipalities: list(opts.municipalities), ...(opts.topics ? { topics: list(opts.topics) } : {}), ...(opts.alerts ? { alerts: opts.alerts } : {}) },
    members(domain),
    await subscriberIdKey(opts),
  );
  if (!v.ok) {
    write(`Ogiltig prenumerant: ${v.reason}`);
    return 2;
  }
  const added = await withDeps(domain, opts, async (d) => {
    // Someone who unsubscribed stays unsubscribed until they ask again themselves (--resubscribe).
    const ids = [v.subscriber.id, legacySubscriberId(v.subscriber.email)];
    if (await d.stores.subscribers.isSuppressed(...ids)) {
      if (!opts.resubscribe) return false;
      await d.stores.subscribers.clearSuppression(...ids);
    }
    await d.stores.subscribers.put(v.subscriber);
    return true;
  });
  write(added ? `Lade till ${v.subscriber.email} (${v.subscriber.role}).` : `${v.subscriber.email} har avslutat prenumerationen och läggs inte till igen; använd --resubscribe om personen själv har bett om det.`);
  return added ? 0 : 1;
}

export async function subscribersList(domain: DomainConfig, opts: StoreOptions & { json?: boolean }, write: Write): Promise<number> {
  const list = await withDeps(domain, opts, (d) => d.stores.subscribers.list());
  for (const s of list.sort((a, b) => a.email.localeCompare(b.email))) {
    write(opts.json ? JSON.stringify(s) : `${s.active ? ' ' : '-'} ${s.email.padEnd(44)} ${s.role.padEnd(13)} ${s.municipalities.join(', ') || '–'}  [${s.topics.join(', ')}]  debatt: ${alertsFor(s) === 'daily' ? 'dagligen' : 'av'}`);
  }
  if (!opts.json) write(`${plural(list.length, 'prenumerant', 'prenumeranter')}, ${list.filter((s) => s.active).length} ${list.filter((s) => s.active).length === 1 ? 'aktiv' : 'aktiva'}.`);
  return 0;
}

/**
 * `monitor subscribers rekey`: moves subscribers stored under the old unkeyed ids to keyed ids
 * (suppression kept). Run it before the first digest goes out: links in letters sent earlier carry
 * the old ids.
 */
export async function subscribersRekey(domain: DomainConfig, opts: StoreOptions, write: Write): Promise<number> {
  const key = await subscriberIdKey(opts);
  const moved = await withDeps(domain, opts, async (d) => {
    let n = 0;
    for (const s of await d.stores.subscribers.list()) {
      const id = subscriberId(s.email, key);
      if (s.id === id) continue;
      await d.stores.subscribers.put({ ...s, id });
      if (!s.active) await d.stores.subscribers.setActive(id, false);
      await d.stores.subscribers.remove(s.id);
      n++;
    }
    return n;
  });
  write(moved ? `Flyttade ${plural(moved, 'prenumerant', 'prenumeranter')} till nycklade id.` : 'Alla prenumeranter har redan nycklade id.');
  return 0;
}

export async function subscribersRemove(domain: DomainConfig, email: string, opts: StoreOptions, write: Write): Promise<number> {
  const key = await subscriberIdKey(opts);
  const removed = await withDeps(domain, opts, async (d) => (await d.stores.subscribers.remove(subscriberId(email, key))) || d.stores.subscribers.remove(legacySubscriberId(email)));
  write(removed ? `Tog bort ${normaliseEmail(email)}.` : `Ingen prenumerant med adressen ${normaliseEmail(email)}.`);
  return removed ? 0 : 1;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Imports a subscriber list. The whole file is checked first (nothing is written if a row is wrong,
 * unless --partial), then written in a second pass: both passes stream, so memory stays bounded.
 * Someone who unsubscribed is never re-added without --resubscribe.
 */
export async function subscribersImport(
  domain: DomainConfig,
  file: string,
  opts: StoreOptions & { resubscribe?: boolean; partial?: boolean; dryRun?: boolean },
  write: Write,
): Promise<number> {
  const shape = await sniffCsv(file);
  const memberSet = members(domain);
  const idKey = await subscriberIdKey(opts);
  const validate = (row: Record<string, string>) => {
    const topics = list(row.topics);
    return validateSubscriber(
      { email: row.email ?? '', name: row.name ?? '', role: row.role ?? '', municipalities: list(row.municipalities), ...(topics.length ? { topics } : {}), ...(row.alerts ? { alerts: parseAlerts(row.alerts) } : {}), active: row.active ? !/^(nej|no|false|0)$/i.test(row.active) : true },
      memberSet,
      idKey,
    );
  };
  // Pass 1: every row checked, duplicates found; only the first rejections and a 52-bit number per
  // id are kept (a number in a Set costs a fraction of a string; a false "duplicate" in a
  // million-row file has odds of about 1 in 10,000, and names its line).
  const key = (id: string) => parseInt(id.slice(0, 13), 16);
  const seen = new Set<number>();
  const rejected: Array<{ line: number; reason: string }> = [];
  let rejectedCount = 0;
  let good = 0;
  for await (const { line, row } of csvRows(file, shape)) {
    const v = validate(row);
    const reason = !v.ok ? v.reason : seen.has(key(v.subscriber.id)) ? 'adressen finns redan på en tidigare rad' : null;
    if (reason) {
      rejectedCount++;
      if (rejected.length < 50) rejected.push({ line, reason });
      continue;
    }
    seen.add(key((v as { subscriber: { id: string } }).subscriber.id));
    good++;
  }
  const describe = `${file} (${shape.encoding}, avgränsare ${shape.delimiter === '\t' ? 'tabb' : `"${shape.delimiter}"`})`;
  const listRejected = () => {
    for (const r of rejected) write(`  rad ${r.line}: ${r.reason}`);
    if (rejectedCount > rejected.length) write(`  … och ${rejectedCount - rejected.length} till`);
  };
  if (opts.dryRun || (rejectedCount && !opts.partial)) {
    write(
      opts.dryRun
        ? `Kontrollerade ${describe}: ${plural(good, 'giltig rad', 'giltiga rader')}, ${plural(rejectedCount, 'rad', 'rader')} med fel. Inget sparades.`
        : `Inget importerades: ${plural(rejectedCount, 'rad', 'rader')} i ${describe} har fel. Rätta dem, eller importera de giltiga raderna med --partial.`,
    );
    listRejected();
    return rejectedCount ? 2 : 0;
  }
  // Pass 2: the same stream again, writing each good row.
  seen.clear();
  const written = new Set<number>();
  const skipped: string[] = [];
  let skippedCount = 0;
  await withDeps(domain, opts, async (d) => {
    for await (const { row } of csvRows(file, shape)) {
      const v = validate(row);
      if (!v.ok || written.has(key(v.subscriber.id))) continue;
      written.add(key(v.subscriber.id));
      const ids = [v.subscriber.id, legacySubscriberId(v.subscriber.email)];
      if (await d.stores.subscribers.isSuppressed(...ids)) {
        if (!opts.resubscribe) {
          skippedCount++;
          if (skipped.length < 50) skipped.push(v.subscriber.email);
          continue;
        }
        await d.stores.subscribers.clearSuppression(...ids);
      }
      await d.stores.subscribers.put(v.subscriber);
    }
  });
  write(`Importerade ${plural(good - skippedCount, 'prenumerant', 'prenumeranter')} från ${describe}; ${plural(rejectedCount, 'rad', 'rader')} avvisades.`);
  listRejected();
  if (skippedCount) write(`${skippedCount} har avslutat prenumerationen och lades inte till igen (--resubscribe om de själva bett om det): ${skipped.join(', ')}${skippedCount > skipped.length ? ' …' : ''}`);
  return rejectedCount ? 3 : 0;
}

export async function statementsAdd(domain: DomainConfig, file: string, opts: StoreOptions, write: Write): Promise<number> {
  // A BOM (Windows editors write one) is not part of the JSON.
  const json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  if (json === null || typeof json !== 'object') throw new UserError(`${file}: ett utspel är ett JSON-objekt (id, date, until, title, keyPhrases, people, url) eller {"statements": [...]}`);
  const list = Array.isArray((json as { statements?: unknown }).statements) ? validateConfig(statementsFile, json, file).statements : [validateConfig(statementSchema, json, file)];
  if (opts.aws) {
    // In AWS the pipeline matches: one match-statement job per week of the window on the articles queue.
    const runtime = readRuntimeConfig(process.env);
    const deps = buildDeps(runtime, domain);
    const queue = jobQueue<StatementJob>(deps.clients.sqs, runtime, 'articles');
    for (const s of list) {
      await deps.stores.statements.put(s);
      const jobs = statementWeeks(s).map((week): StatementJob => ({ v: 1, type: 'match-statement', statementId: s.id, week }));
      const sent = await queue.sendAll(jobs);
      if (sent.failed.length) throw new UserError(`${s.id}: ${sent.failed.length} av ${jobs.length} veckor kunde inte köas; kör kommandot igen`);
      const w = statementWindow(s);
      write(`Registrerade utspelet ${s.id} (${w.from}–${w.until}): ${s.title}. ${plural(jobs.length, 'vecka', 'veckor')} köade för matchning mot lagrade artiklar.`);
    }
    return 0;
  }
  await withDeps(domain, opts, async (d) => {
    for (const s of list) {
      await d.stores.statements.put(s);
      // Retroactive: the stored articles of its window are matched now (an edit also unlinks what no longer matches).
      let matched = 0;
      let unlinked = 0;
      let read = 0;
      for (const week of statementWeeks(s)) {
        const r = await d.matchStatement({ v: 1, type: 'match-statement', statementId: s.id, week });
        matched += r.matched;
        unlinked += r.unlinked;
        read += r.read;
      }
      const w = statementWindow(s);
      write(`Registrerade utspelet ${s.id} (${w.from}–${w.until}): ${s.title}`);
      write(`${plural(matched, 'lagrad artikel matchade', 'lagrade artiklar matchade')} nu (av ${read} i fönstret)${unlinked ? `; ${unlinked} matchar inte längre` : ''}.`);
    }
  });
  return 0;
}

/** `monitor statements list`: the registered statements (the table's and the config's), newest first. */
export async function statementsList(domain: DomainConfig, opts: StoreOptions & { json?: boolean }, write: Write): Promise<number> {
  const stored = await withDeps(domain, opts, (d) => d.stores.statements.list());
  const storedIds = new Set(stored.map((s) => s.id));
  const all = [...new Map([...domain.statements, ...stored].map((s) => [s.id, s])).values()].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  for (const s of all) {
    const w = statementWindow(s);
    if (opts.json) write(JSON.stringify({ ...s, until: w.until, source: storedIds.has(s.id) ? 'table' : 'config' }));
    else write(`${s.id.padEnd(32)} ${w.from}–${w.until}  ${storedIds.has(s.id) ? '' : '(config) '}${s.title}`);
  }
  if (!opts.json) write(`${plural(all.length, 'utspel', 'utspel')}.`);
  return 0;
}

/** `monitor statements remove ID`: a statement registered by mistake, with its coverage links. */
export async function statementsRemove(domain: DomainConfig, id: string, opts: StoreOptions, write: Write): Promise<number> {
  if (domain.statements.some((s) => s.id === id)) throw new UserError(`utspelet ${id} kommer från config/statements.json: ta bort det där och distribuera igen`);
  const out = await withDeps(domain, opts, (d) => d.stores.statements.remove(id));
  if (!out.removed) {
    write(`Inget registrerat utspel med id ${id}.`);
    return 1;
  }
  write(`Tog bort utspelet ${id} och ${plural(out.links, 'artikellänk', 'artikellänkar')}.`);
  return 0;
}

/**
 * `monitor coverage`: each statement's own publications, media uptake, outlets and the 18-town
 * table. JSON (one object per statement and line), CSV for Swedish Excel, HTML, or a table.
 */
export async function coverage(domain: DomainConfig, opts: StoreOptions & { statement?: string; since?: string; format?: 'json' | 'csv' | 'html' | 'table' }, write: Write): Promise<number> {
  if (opts.since && !/^\d{4}-\d{2}-\d{2}$/.test(opts.since)) throw new UserError(`--since tar ett datum som 2026-11-01, inte "${opts.since}"`);
  const ctx = { members: domain.municipalities.municipalities.map((m) => m.name), feeds: [...domain.liveFeeds, ...domain.sampleFeeds], networkDomains: domain.network.domains };
  const reports = await withDeps(domain, opts, async (d) => {
    const stored = await d.stores.statements.list();
    const all = [...new Map([...domain.statements, ...stored].map((s) => [s.id, s])).values()];
    const statements = all.filter((s) => !opts.statement || s.id === opts.statement).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    if (opts.statement && !statements.length) throw new UserError(`inget utspel med id ${opts.statement} (finns: ${all.map((s) => s.id).join(', ') || 'inga'})`);
    const out = [];
    for (const s of statements) {
      const links = (await d.stores.statements.coverage(s.id)).filter((l) => !opts.since || stockholmDate(l.publishedAt) >= opts.since);
      // Links made before the feeds were recorded on them: the stored article knows.
      const withSources = await Promise.all(links.map(async (l) => (l.sources ? l : { ...l, sources: (await d.stores.articles.get(l.articleId))?.sources ?? [] })));
      out.push(buildCoverageReport(s, withSources, ctx));
    }
    return out;
  });
  if (opts.format === 'json') for (const r of reports) write(coverageJson(r));
  else if (opts.format === 'csv') write(renderCoverageCsv(reports).replace(/\r\n$/, ''));
  else if (opts.format === 'html') write(renderCoverageHtml(reports, { appName: APP_NAME, now: new Date() }));
  else {
    for (const r of reports) {
      write(`${r.statement.id} (${r.statement.date}–${r.statement.until}): ${r.statement.title}`);
      for (const a of r.uptake) write(`  ${stockholmDate(a.publishedAt)}  ${a.outlet.padEnd(28)} ${GENRE_LABELS[a.genre as keyof typeof GENRE_LABELS]?.padEnd(11) ?? a.genre} ${a.title}`);
      for (const a of r.own) write(`  ${stockholmDate(a.publishedAt)}  ${'(eget) '.padEnd(28)} ${a.outlet}: ${a.title}`);
      const missed = r.towns.filter((t) => !t.reached).map((t) => t.name);
      write(`  ${plural(r.uptake.length, 'artikel', 'artiklar')} i ${plural(r.outlets.length, 'medium', 'medier')}, ${r.own.length} egna; lokala medier i ${r.towns.length - missed.length} av ${r.towns.length} medlemskommuner${missed.length ? ` (inte: ${missed.join(', ')})` : ''}.`);
    }
    if (!reports.length) write('Inga utspel registrerade.');
  }
  return 0;
}

/** Writes the digest HTML and .eml for a week without sending and without touching the ledger. */
export async function digestPreview(
  domain: DomainConfig,
  opts: StoreOptions & { week?: string; subscriber?: string; out: string; samples?: boolean },
  write: Write,
): Promise<number> {
  const week = opts.week ?? isoWeekOf(new Date());
  parseIsoWeek(week);
  const outDir = resolve(opts.out);
  const written = await withDeps(domain, opts, async (d) => {
    let subscribers = await d.stores.subscribers.list();
    if (opts.samples && subscribers.length === 0) subscribers = domain.sampleSubscribers.map((s) => ({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) }));
    if (opts.subscriber) subscribers = subscribers.filter((s) => s.email === normaliseEmail(opts.subscriber!));
    // The preview builds the week's edition the way send-digest does, without storing it.
    const edition = await prepareEdition({ articles: d.stores.articles, statements: d.stores.statements }, week, d.clock.now());
    const runtime = readRuntimeConfig({ ...process.env, TABLE_NAME: process.env.TABLE_NAME ?? 'preview' });
    await mkdir(outDir, { recursive: true });
    const files: string[] = [];
    for (const sub of subscribers) {
      const { message } = composeDigest({ unsubscribe: runtime.unsubscribe, appName: APP_NAME, archiveUrl: runtime.archiveUrl }, { edition, sub, now: d.clock.now() });
      await writeFile(join(outDir, `${message.slug}.html`), message.html);
      await writeFile(join(outDir, `${message.slug}.eml`), await buildMime(runtime.mail.from, message));
      files.push(join(outDir, `${message.slug}.html`));
    }
    return files;
  });
  if (!written.length) {
    write(opts.subscriber ? `Ingen prenumerant med adressen ${opts.subscriber}.` : 'Inga prenumeranter: lägg till med `monitor subscribers add` eller använd --samples.');
    return 1;
  }
  for (const f of written) write(f);
  return 0;
}

/**
 * `monitor alerts --day D --out DIR`: the day's "Dagens debatt" mails as they would go out (HTML and
 * .eml per reader with something to read), without sending and without touching the ledger.
 */
export async function alertsPreview(domain: DomainConfig, opts: StoreOptions & { day?: string; out: string; samples?: boolean }, write: Write): Promise<number> {
  const day = opts.day ?? stockholmDay(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid) throw new UserError(`--day tar ett datum som 2026-11-27, inte "${day}"`);
  const outDir = resolve(opts.out);
  const result = await withDeps(domain, opts, async (d) => {
    let subscribers = await d.stores.subscribers.list();
    if (opts.samples && subscribers.length === 0) subscribers = domain.sampleSubscribers.map((s) => ({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) }));
    const readers = subscribers.filter((s) => s.active && alertsFor(s) === 'daily');
    // Reply windows are judged at the alert's send time (07:00 that day), not when the preview runs.
    const prepared = await prepareAlerts({ articles: d.stores.articles, subscribers: d.stores.subscribers }, day, alertWindow(day).to, readers);
    const runtime = readRuntimeConfig({ ...process.env, TABLE_NAME: process.env.TABLE_NAME ?? 'preview' });
    await mkdir(outDir, { recursive: true });
    const files: string[] = [];
    for (const { sub, alert } of prepared.alerts) {
      if (!alert.pieces.length) continue;
      const message = composeAlert({ unsubscribe: runtime.unsubscribe, appName: APP_NAME }, alert, sub);
      await writeFile(join(outDir, `${message.slug}.html`), message.html);
      await writeFile(join(outDir, `${message.slug}.eml`), await buildMime(runtime.mail.from, message));
      files.push(`${join(outDir, `${message.slug}.html`)}  (${plural(alert.pieces.length, 'inlägg', 'inlägg')})`);
    }
    return { readers: readers.length, files, window: prepared.window };
  });
  const span = `${result.window.from.toISOString()}–${result.window.to.toISOString()}`;
  if (!result.readers) write('Ingen prenumerant har Dagens debatt påslaget (alerts: daily); lägg till med `monitor subscribers add --alerts daily` eller använd --samples.');
  else if (!result.files.length) write(`Inga debattinlägg att svara på för ${plural(result.readers, 'mottagare', 'mottagare')} (${span}): inget skickas den dagen.`);
  for (const f of result.files) write(f);
  return 0;
}

/**
 * `monitor debates`: opinion pieces about a member town or the network's themes (the relevant
 * index), each with its reply-by date; replies to the network first, then the open ones.
 */
export async function debates(domain: DomainConfig, opts: StoreOptions & { open?: boolean; since?: string; format?: 'table' | 'json' }, write: Write): Promise<number> {
  const now = new Date();
  if (opts.since && !/^\d{4}-\d{2}-\d{2}$/.test(opts.since)) throw new UserError(`--since tar ett datum som 2026-11-01, inte "${opts.since}"`);
  const since = opts.since ? new Date(`${opts.since}T00:00:00Z`) : new Date(now.getTime() - 14 * 86400_000);
  if (Number.isNaN(since.getTime())) throw new UserError(`--since: ogiltigt datum ${opts.since}`);
  const rows = await withDeps(domain, opts, async (d) => {
    const weeks = new Set<string>();
    for (let t = since.getTime(); t <= now.getTime() + 7 * 86400_000; t += 7 * 86400_000) weeks.add(isoWeekOf(new Date(Math.min(t, now.getTime()))));
    const entries = [];
    for (const week of weeks) entries.push(...(await d.stores.articles.relevantByWeek(week)).entries);
    return debateRows(entries, { now, since, openOnly: opts.open });
  });
  if (opts.format === 'json') {
    for (const r of rows) write(JSON.stringify(r));
    return 0;
  }
  for (const r of rows) {
    const flag = r.repliesToNetwork ? 'SVAR TILL NÄTVERKET ' : '';
    write(`${r.open ? `svara senast ${formatSwedishDate(r.replyBy)}`.padEnd(21) : 'stängd'.padEnd(21)} ${GENRE_LABELS[r.genre].padEnd(10)} ${r.outlet.padEnd(26)} ${flag}${r.title}`);
  }
  write(`${plural(rows.length, 'inlägg', 'inlägg')}${opts.open ? ' öppna för replik' : ''} sedan ${since.toISOString().slice(0, 10)}.`);
  return 0;
}

/** The alerts cell as people write it: daily/dagligen/ja or off/av/nej (anything else is left for validation to name). */
function parseAlerts(cell: string): string {
  const v = cell.trim().toLowerCase();
  if (/^(daily|dagligen|daglig|ja|yes)$/.test(v)) return 'daily';
  if (/^(off|av|nej|no|inga?)$/.test(v)) return 'off';
  return v;
}

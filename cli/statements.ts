/** `monitor statements add|list|remove`: the network's statements, matched against stored articles when registered. */
import { readFileSync } from 'node:fs';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { plural, withStores, withPipeline, type StoreOptions, type Write } from './compose.ts';
import { readRuntimeConfig } from '#shared/config/env.ts';
import { statementSchema, statementsFile } from '#shared/config/schemas.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { jobQueue } from '#shared/wiring/common.ts';
import { wireStores } from '#shared/wiring/stores.ts';
import { createDynamoClient } from '#shared/aws/clients.ts';
import type { StatementJob } from '#shared/ports.ts';
import type { Statement } from '#shared/domain/types.ts';
import { statementIdFrom, statementWindow } from '#shared/domain/statement.ts';
import { statementWeeks } from '#shared/use-cases/match-statement.ts';
import { UserError } from '#shared/user-error.ts';

/** One Swedish line per problem in a statement file: the entry and the field named, as the form shows them. */
function statementProblems(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, json: unknown): string {
  return issues
    .map((i) => {
      const path = i.path.map(String);
      const inList = path[0] === 'statements' && /^\d+$/.test(path[1] ?? '');
      const entry = inList ? ((json as { statements: Array<{ id?: unknown }> }).statements[Number(path[1])]?.id ?? `nr ${Number(path[1]) + 1}`) : (json as { id?: unknown }).id;
      const field = path.slice(inList ? 2 : 0).join('.') || 'utspelet';
      return `${entry ? `${String(entry)}: ` : ''}${field}: ${i.message}`;
    })
    .join('; ');
}

/**
 * Reads a statement file as people save it: UTF-8 (a BOM is not part of the JSON), or Windows'
 * Latin-1 (windows-1252) when the bytes are not UTF-8, so "Luleå" is never stored garbled; a JSON
 * error names its line and column; every problem is one Swedish line and nothing is stored.
 */
export function readStatementFile(file: string): Statement[] {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  text = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = Number((e as Error).message.match(/position (\d+)/)?.[1]);
    const where = Number.isFinite(at) ? ` på rad ${text.slice(0, at).split('\n').length}, kolumn ${at - text.lastIndexOf('\n', at - 1)}` : '';
    throw new UserError(`${file}: inte giltig JSON${where} (${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')})`);
  }
  if (json === null || typeof json !== 'object') throw new UserError(`${file}: ett utspel är ett JSON-objekt (id, date, until, title, keyPhrases, people, url) eller {"statements": [...]}`);
  // An id is made from the title when none is given (as the web form does).
  const withId = (x: unknown) => (x && typeof x === 'object' && !(x as { id?: unknown }).id && typeof (x as { title?: unknown }).title === 'string' ? { ...x, id: statementIdFrom((x as { title: string }).title, String((x as { date?: unknown }).date ?? '')) } : x);
  if (Array.isArray((json as { statements?: unknown }).statements)) json = { ...(json as object), statements: (json as { statements: unknown[] }).statements.map(withId) };
  else json = withId(json);
  const parsed = Array.isArray((json as { statements?: unknown }).statements) ? statementsFile.safeParse(json) : statementSchema.safeParse(json);
  if (!parsed.success) throw new UserError(`${file}: ogiltigt utspel, inget sparades: ${statementProblems(parsed.error.issues, json)}`);
  return 'statements' in parsed.data ? parsed.data.statements : [parsed.data];
}

export async function statementsAdd(domain: DomainConfig, file: string, opts: StoreOptions & { replace?: boolean }, write: Write): Promise<number> {
  const list = readStatementFile(file);
  const fixed = list.filter((s) => domain.statements.some((c) => c.id === s.id));
  if (fixed.length) throw new UserError(`${fixed.map((s) => s.id).join(', ')}: ett av nätverkets fasta utspel (config/statements.json) ändras där; välj ett annat id`);
  // An id is never taken over without the explicit choice: re-registering would replace the statement and its coverage.
  if (!opts.replace) {
    const taken = await withStores(domain, opts, async (d) => (await Promise.all(list.map(async (s) => ((await d.stores.statements.get(s.id)) ? s.id : null)))).filter((x): x is string => !!x));
    if (taken.length) throw new UserError(`utspelet ${taken.join(', ')} finns redan; inget sparades. Välj ett annat id, eller ersätt med --replace (dess träffar matchas om)`);
  }
  if (opts.aws) {
    // In AWS the pipeline matches: one match-statement job per week of the window on the articles queue.
    const runtime = readRuntimeConfig(process.env);
    const stores = wireStores({ client: createDynamoClient(runtime), tableName: runtime.tableName });
    const queue = jobQueue<StatementJob>(createSqsClient(runtime), runtime, 'articles');
    for (const s of list) {
      await stores.statements.put(s);
      const jobs = statementWeeks(s).map((week): StatementJob => ({ v: 1, type: 'match-statement', statementId: s.id, week }));
      const sent = await queue.sendAll(jobs);
      if (sent.failed.length) throw new UserError(`${s.id}: ${sent.failed.length} av ${jobs.length} veckor kunde inte köas; kör kommandot igen`);
      const w = statementWindow(s);
      write(`Registrerade utspelet ${s.id} (${w.from}–${w.until}): ${s.title}. ${plural(jobs.length, 'vecka', 'veckor')} köade för matchning mot lagrade artiklar.`);
    }
    return 0;
  }
  await withPipeline(domain, opts, async (d) => {
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
  const { stored, invalid } = await withStores(domain, opts, async (d) => ({ stored: await d.stores.statements.list(), invalid: await d.stores.statements.invalid() }));
  const storedIds = new Set(stored.map((s) => s.id));
  const all = [...new Map([...domain.statements, ...stored].map((s) => [s.id, s])).values()].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  for (const s of all) {
    const w = statementWindow(s);
    if (opts.json) write(JSON.stringify({ ...s, until: w.until, source: storedIds.has(s.id) ? 'table' : 'config' }));
    else write(`${s.id.padEnd(32)} ${w.from}–${w.until}  ${storedIds.has(s.id) ? '' : '(config) '}${s.title}`);
  }
  // A stored record that fails the schema is matched nowhere; it is shown so it can be removed.
  for (const bad of invalid) {
    if (opts.json) write(JSON.stringify({ id: bad.id, source: 'table', invalid: bad.problem }));
    else write(`${bad.id.padEnd(32)} OGILTIGT: ${bad.problem} (ta bort: monitor statements remove ${bad.id})`);
  }
  if (!opts.json) write(`${plural(all.length, 'utspel', 'utspel')}${invalid.length ? `, ${invalid.length} ogiltiga som inte matchas` : ''}.`);
  return 0;
}

/** `monitor statements remove ID`: a statement registered by mistake, with its coverage links. */
export async function statementsRemove(domain: DomainConfig, id: string, opts: StoreOptions, write: Write): Promise<number> {
  if (domain.statements.some((s) => s.id === id)) throw new UserError(`utspelet ${id} kommer från config/statements.json: ta bort det där och distribuera igen`);
  const out = await withStores(domain, opts, (d) => d.stores.statements.remove(id));
  if (!out.removed) {
    write(`Inget registrerat utspel med id ${id}.`);
    return 1;
  }
  write(`Tog bort utspelet ${id} och ${plural(out.links, 'artikellänk', 'artikellänkar')}.`);
  return 0;
}

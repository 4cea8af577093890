/**
 * npm run bench:digest — the weekly digest at the planned load, on the local stack (dynalite +
 * fauxqs, the real AWS SDK): a generated week of 35,000 articles (and a previous week), 1,000
 * subscribers across roles and towns. send-digest and deliver-digest run as esbuild bundles in
 * fresh processes, so their time and peak memory are the functions' own, not the servers'.
 * Reports articles read, stories after grouping, grouping time and quality, the whole run, peak
 * RSS, and the largest and median letter. Targets: run ≤ 120 s, peak RSS ≤ 512 MB, every message ≤ 100 KB.
 */
import { benchErrors, finish, oneLine, QUICK } from './support/bench.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { loadConfigDir } from '../shared/config/config-dir.ts';
import { articleItem } from '../shared/adapters/dynamo/index.ts';
import { groupStories, isRelevant, toDigestEntry } from '../shared/domain/digest/stories.ts';
import { previousWeek } from '../shared/domain/week.ts';
import { subscriberId } from '../shared/domain/subscriber.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '../shared/config/env.ts';
import { TOPICS, type Subscriber } from '../shared/domain/types.ts';
import { startLocalStack } from '../infra/local/stack.ts';
import { writeItems } from './support/write-items.ts';
import { topology } from '../infra/topology.ts';
import { generateWeek, MEMBERS } from './generate-week.ts';
import { validatedConfigModule } from '../infra/cdk/constructs/validated-config.ts';

benchErrors('digest');

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? (QUICK ? 2_000 : 35_000));
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? (QUICK ? 40 : 1_000));
const WEEK = '2026-W47';
const run = promisify(execFile);

const bundle = join(import.meta.dirname, '../.bench/digest-functions.mjs');
await build({
  entryPoints: [join(import.meta.dirname, 'digest-functions.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  logLevel: 'error',
  // As the CDK bundles a function: the config validated at build and injected.
  inject: [validatedConfigModule()],
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
});

const outbox = mkdtempSync(join(tmpdir(), 'bench-digest-'));
const stack = await startLocalStack({ domain: loadConfigDir('config'), outboxDir: outbox, serveSamples: false });
try {
  const t0 = performance.now();
  const share = Number(process.env.BENCH_RELEVANT ?? 0.07);
  const current = generateWeek({ articles: ARTICLES, seed: 47, week: WEEK, relevantShare: share });
  const previous = generateWeek({ articles: ARTICLES, seed: 46, week: previousWeek(WEEK), relevantShare: share });
  await writeItems(stack.clients.dynamodb, stack.runtime.tableName, [...current.articles, ...previous.articles].map(articleItem));
  const subscribers = makeSubscribers(SUBSCRIBERS);
  for (let i = 0; i < subscribers.length; i += 50) await Promise.all(subscribers.slice(i, i + 50).map((s) => stack.deps.stores.subscribers.put(s)));
  console.log(`loaded ${current.articles.length + previous.articles.length} articles (${current.relevant} relevant this week) and ${subscribers.length} subscribers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Grouping quality against the generator's truth (the same pure function the plan runs).
  const relevant = current.articles.filter((a) => isRelevant(a.classification));
  const { members } = groupStories(relevant.map(toDigestEntry));
  const truth = new Set(relevant.map((a) => current.storyKey.get(a.id)));
  const falseMerges = members.filter((g) => new Set(g.map((id) => current.storyKey.get(id))).size > 1).length;

  const env = { ...process.env, ...stack.env, POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' };
  // As on Lambda, V8's old space is bounded by the function's memory (here 80 % of it), so the
  // peak RSS is what the function would need, not what an unbounded heap happens to grow to.
  const result = async (args: string[], fn: 'send-digest' | 'deliver-digest') => {
    const heap = Math.floor(topology.functions[fn].memoryMb * 0.8);
    const { stdout } = await run(process.execPath, [`--max-old-space-size=${heap}`, bundle, ...args], { env, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout?: string; stderr?: string }) => {
      // The child says what failed on its last ERROR line; a minified bundle's source line is never repeated here.
      const said = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.split('\n').reverse().find((l) => l.startsWith('ERROR '));
      throw new Error(`${fn} ${args.join(' ')}: ${said ? said.slice(6) : oneLine(e)}`);
    });
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`no result from ${args.join(' ')}:\n${stdout.slice(-2000)}`);
    return JSON.parse(line.slice(7));
  };
  const runStart = performance.now();
  const plan = await result(['plan', WEEK], 'send-digest');
  const deliver = await result(['deliver'], 'deliver-digest');
  const runSeconds = (performance.now() - runStart) / 1000;

  const files = readdirSync(outbox);
  const sizes = (ext: string) => files.filter((f) => f.endsWith(ext)).map((f) => statSync(join(outbox, f)).size).sort((a, b) => a - b);
  const html = sizes('.html');
  const eml = sizes('.eml');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const median = (l: number[]) => l[Math.floor(l.length / 2)] ?? 0;
  const rows: Array<[string, string]> = [
    ['articles this week (generated)', `${current.articles.length}, ${current.relevant} relevant`],
    ['articles read by the plan (sparse index, 2 weeks)', `${plan.plan.articlesRead}`],
    ['stories after grouping', `${plan.plan.stories} (truth ${truth.size}; false merges ${falseMerges}; ${plan.plan.stories - truth.size} copies not grouped)`],
    ['grouping time', `${plan.plan.groupingMs} ms`],
    ['send-digest (plan: read, group, store edition, enqueue)', `${(plan.ms / 1000).toFixed(1)} s, peak RSS ${plan.peakRssMb} MB of ${topology.functions['send-digest'].memoryMb} MB (live heap ${plan.peakLiveMb} MB)`],
    ['deliver-digest (one process, batches of 10)', `${(deliver.ms / 1000).toFixed(1)} s for ${deliver.received} jobs (${deliver.failed} failed), peak RSS ${deliver.peakRssMb} MB of ${topology.functions['deliver-digest'].memoryMb} MB (live heap ${deliver.peakLiveMb} MB)`],
    [`whole send-digest run, ${SUBSCRIBERS} subscribers`, `${runSeconds.toFixed(1)} s (target ≤ 120 s)`],
    ['letters written (unique files)', `${eml.length} .eml`],
    ['HTML largest / median', `${kb(html.at(-1) ?? 0)} / ${kb(median(html))} (target ≤ 80 KB)`],
    ['message largest / median', `${kb(eml.at(-1) ?? 0)} / ${kb(median(eml))} (target ≤ 100 KB)`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  const ok = runSeconds <= 120 && Math.max(plan.peakRssMb, deliver.peakRssMb) <= 512 && deliver.peakRssMb <= topology.functions['deliver-digest'].memoryMb && (eml.at(-1) ?? 0) <= 100 * 1024 && (html.at(-1) ?? 0) <= 80 * 1024 && eml.length === SUBSCRIBERS;
  if (eml.length !== SUBSCRIBERS) throw new Error(`${eml.length} letters written for ${SUBSCRIBERS} subscribers`);
  finish(ok);
} finally {
  await stack.stop();
}

/** Members' people in every town, the secretariat, communicators; a few inactive. */
function makeSubscribers(n: number): Subscriber[] {
  return Array.from({ length: n }, (_, i) => {
    const role = i % 10 === 0 ? 'secretariat' : i % 5 === 1 ? 'communicator' : 'member';
    const email = `person${i}@kommun${i % 18}.example`;
    return {
      id: subscriberId(email, LOCAL_UNSUBSCRIBE_SECRET),
      email,
      name: `Person ${i}`,
      role,
      municipalities: role === 'member' ? [MEMBERS[i % MEMBERS.length]!] : [],
      topics: [...TOPICS],
      active: true,
    } satisfies Subscriber;
  });
}

/**
 * `monitor run`: the main job on the embedded local stack. Polls the feeds, classifies and stores
 * every article, writes this week's digest per sample subscriber to out/, prints a summary.
 */
import { SingleBar, Presets } from 'cli-progress';
import { resolve } from 'node:path';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { isoWeekOf, previousWeek } from '#shared/domain/week.ts';
import { subscriberId } from '#shared/domain/subscriber.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { createHandler as scheduleHandler } from '#functions/schedule-feeds.ts';
import { createHandler as digestHandler } from '#functions/send-digest.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { assertDataDirFree } from '#infra/local/data-dir-lock.ts';
import { digestSlug, type DigestPlan } from '#shared/use-cases/send-digest.ts';
import { loadFeedRegistry } from '#shared/config/config-dir.ts';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { UserError } from './errors.ts';
import { stockholmDay } from '#shared/domain/digest/alert.ts';
import { join } from 'node:path';
import { TOPIC_LABELS } from '#shared/domain/digest/build.ts';
import type { Topic } from '#shared/domain/types.ts';

export interface RunOptions {
  dataDir?: string;
  out: string;
  force?: boolean;
  live?: boolean;
  week?: string;
  every?: string;
  /** A feed registry file (the schema of config/feeds.*.json) instead of the bundled samples. */
  feeds?: string;
  allowLoopback?: boolean;
  /** Empty the data directory first. */
  fresh?: boolean;
}

/** The address the hint suggests for signing in to the local web app: the sample secretariat. */
const SAMPLE_LOGIN = 'sekretariatet@industrikommunerna.example.se';

export async function runMain(domain: DomainConfig, opts: RunOptions, log: (s: string) => void): Promise<void> {
  const outDir = resolve(opts.out);
  if (opts.fresh && opts.dataDir) clearDataDir(opts.dataDir);
  if (opts.feeds) {
    domain = { ...domain, liveFeeds: loadFeedRegistry(resolve(opts.feeds), domain) };
    log(`Flödesregister: ${opts.feeds} (${domain.liveFeeds.length} flöden)`);
  }
  const live = opts.live || !!opts.feeds;
  const stack = await startLocalStack({ domain, dataDir: opts.dataDir, outboxDir: `${outDir}/digests`, feeds: live ? 'live' : 'sample', allowLoopback: !!opts.allowLoopback });
  try {
    const interval = opts.every ? parseEvery(opts.every) : 0;
    for (let round = 1; ; round++) {
      await oneRound(stack, domain, opts, outDir, log);
      if (!interval) break;
      log(`\nNästa körning om ${opts.every} (Ctrl+C avbryter).`);
      await new Promise((r) => setTimeout(r, interval));
    }
  } finally {
    await stack.stop();
  }
}

/** `--fresh`: removes the local stack's data, and only a directory that holds nothing else. */
function clearDataDir(dir: string) {
  if (!existsSync(dir)) return;
  assertDataDirFree(dir);
  const entries = readdirSync(dir);
  if (entries.some((e) => e !== 'dynamodb' && e !== 'sqs' && e !== 'monitor.lock')) throw new UserError(`--fresh tömmer bara en datamapp från monitor run; ${dir} innehåller annat (${entries.slice(0, 3).join(', ')})`);
  rmSync(dir, { recursive: true, force: true });
}

function parseEvery(s: string): number {
  const m = s.match(/^(\d+)(s|m|h)$/);
  if (!m) throw new UserError(`--every tar t.ex. 15m, 1h eller 30s, inte "${s}"`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}

async function oneRound(stack: Awaited<ReturnType<typeof startLocalStack>>, domain: DomainConfig, opts: RunOptions, outDir: string, log: (s: string) => void) {
  const live = opts.live || !!opts.feeds;
  const deps = stack.deps;
  // Sample subscribers and statements go in idempotently: a second run changes nothing.
  // …except that someone who unsubscribed stays unsubscribed, samples included.
  for (const s of domain.sampleSubscribers) {
    const id = subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET);
    if (!(await deps.stores.subscribers.isSuppressed(id))) await deps.stores.subscribers.put({ ...s, id });
  }
  for (const s of domain.statements) await deps.stores.statements.put(s);
  // Counted on the week index (no table Scan): this week and the last, which is what a poll brings.
  const countWeeks = async () => {
    const w = opts.week ?? isoWeekOf(deps.clock.now());
    return (await deps.stores.articles.countWeek(w)) + (await deps.stores.articles.countWeek(previousWeek(w)));
  };
  const before = await countWeeks();

  log(`Hämtar ${deps.feeds.length} flöden${opts.feeds ? ` från ${opts.feeds}` : live ? ' (live)' : ' från den lokala provservern'} …`);
  const schedule = await scheduleHandler(() => deps)();
  const bar = process.stderr.isTTY ? new SingleBar({ format: ' {bar} {value} meddelanden | {fn}', hideCursor: true }, Presets.shades_classic) : undefined;
  bar?.start(1, 0, { fn: '' });
  let total = 0;
  let lastLine = 0;
  const drained = await stack.drain({
    timeoutMs: 10 * 60_000,
    onProgress: (p) => {
      total = Object.values(p.received).reduce((a, b) => a + b, 0);
      const detail = Object.entries(p.received).map(([k, v]) => `${k} ${v}`).join(', ');
      if (bar) {
        bar.setTotal(Math.max(total, 1));
        bar.update(total, { fn: detail });
      } else if (Date.now() - lastLine > 1000) {
        // Without a terminal (CI, a log file) a line a second instead of a bar.
        lastLine = Date.now();
        log(`  … ${total} meddelanden behandlade (${detail})`);
      }
    },
  });
  bar?.stop();
  const after = await countWeeks();
  const week = opts.week ?? isoWeekOf(deps.clock.now());
  // The outbox is what was sent: a digest already in out/ counts as sent, even when the table
  // lives only in memory for this run, so a second run writes no second digest unless --force.
  if (!opts.force) {
    for (const sub of await deps.stores.subscribers.list()) {
      if (existsSync(join(outDir, 'digests', `${digestSlug(week, sub)}.eml`)) && (await deps.stores.ledger.claim(week, sub.id, deps.clock.now(), false))) {
        await deps.stores.ledger.markSent(week, sub.id, 'outbox', deps.clock.now());
      }
    }
  }
  // As in AWS: send-digest builds the week's edition and enqueues a job per subscriber;
  // deliver-digest (drained from the local queue) sends each letter once.
  const sentBefore = await deps.stores.ledger.sentCount(week);
  const plan = (await digestHandler(() => deps)({ week, force: !!opts.force }).catch((e: Error) => {
    log(`Veckobrev: ${e.message}`);
    return undefined;
  })) as DigestPlan | undefined;
  const delivered = await stack.drain({ timeoutMs: 10 * 60_000 });
  const sentAfter = await deps.stores.ledger.sentCount(week);
  const digestDlq = (await stack.queueDepth('digests', true)).visible;

  const { articles } = await deps.stores.articles.byWeek(week);
  const states = await deps.stores.feedStates.all();
  const dlq = {
    feeds: (await stack.queueDepth('feed-jobs', true)).visible,
    articles: (await stack.queueDepth('articles', true)).visible,
    digests: digestDlq,
  };
  const count = (f: (a: (typeof articles)[number]) => string[]) => {
    const m = new Map<string, number>();
    for (const a of articles) for (const k of f(a)) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  };
  const rows: Array<[string, string | number]> = [
    ['Flöden', `${schedule.feeds} (${schedule.due} hämtade, ${states.filter((s) => s.lastStatus.startsWith('ok')).length} ok, ${states.filter((s) => s.disabled).length} avstängda)`],
    ['Poster i flödena', states.reduce((s, x) => s + x.itemsLastSeen, 0)],
    ['Nya artiklar', after - before],
    [`Artiklar vecka ${previousWeek(week)}–${week.slice(-3)}`, after],
    [`Artiklar vecka ${week}`, articles.length],
    ...count((a) => a.classification.topics).map(([t, n]): [string, number] => [`  ämne: ${TOPIC_LABELS[t as Topic]}`, n]),
    ...count((a) => a.classification.municipalities).map(([m, n]): [string, number] => [`  kommun: ${m}`, n]),
    ['Meddelanden i DLQ', `${dlq.feeds + dlq.articles + dlq.digests}`],
    [`Veckans nyheter (grupperade)`, plan ? `${plan.stories} ur ${plan.relevantArticles} relevanta artiklar` : '–'],
    [
      'Veckobrev skrivna',
      plan
        ? `${opts.force ? sentAfter : sentAfter - sentBefore} av ${plan.subscribers} (${opts.force ? 0 : sentBefore} redan skickade${sentBefore && !opts.force ? ', --force skriver om' : ''}, ${delivered.failed['deliver-digest'] ?? 0} misslyckade försök)`
        : '0',
    ],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  log('');
  for (const [k, v] of rows) log(`${k.padEnd(w)}  ${v}`);
  log('');
  log(`Veckobrev (.eml och .html): ${outDir}/digests/`);
  const data = opts.dataDir ? ` --data-dir ${opts.dataDir}` : '';
  log(
    `\nNästa steg (på samma data):\n  npx monitor serve${data}   (Bevakningen på webben: öppna http://127.0.0.1:8080/logga-in, logga in med en provprenumerants adress, t.ex. ${SAMPLE_LOGIN}; länken skrivs ut och hamnar i out/mail/)\n  npx monitor subscribers list${data}\n  npx monitor coverage${data} --format table\n  npx monitor opinion${data} --format text   (Veckans opinion: vem hävdar vad, och vem svarar vem)\n  npx monitor debates${data} --open\n  npx monitor alerts${data} --day ${stockholmDay(new Date())} --out out/debatt\n  npx monitor digest${data} --out out/forhandsvisning\n  npx monitor feeds check${data}\n  npm start -- --fresh   (börja om från tomt)`,
  );
  if (drained.crashes) log(`Obs: ${drained.crashes} anrop kastade fel och försöktes igen.`);
}

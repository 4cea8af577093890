/**
 * npm run bench:web — Arkiv's search at a year's volume on the local stack (dynalite + fauxqs, the
 * real AWS SDK): 52 weeks × 2,000 relevant articles. The first search ever builds and stores the
 * past weeks' search shards; then a fresh app (an empty per-container cache, as a cold Lambda)
 * answers a search over all 52 weeks: the cold answer; then other searches and filters on the same
 * app: the warm answers. Also the size of every page.
 * Targets: warm ≤ 300 ms, cold ≤ 1.5 s, every page ≤ 100 KB. The data is generated once into
 * .bench/web-data (delete it to generate again).
 */
import { benchErrors, QUICK } from './support/bench.ts';
import { existsSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadConfigDir } from '../shared/config/config-dir.ts';
import { articleItem } from '../shared/adapters/dynamo/index.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '../shared/config/env.ts';
import { subscriberId } from '../shared/domain/subscriber.ts';
import { isoWeekOf, parseIsoWeek, previousWeek } from '../shared/domain/week.ts';
import { statementWeeks } from '../shared/use-cases/match-statement.ts';
import { signSession, sessionKeys } from '../shared/web/session.ts';
import { wireWeb } from '../shared/wiring/web.ts';
import { startLocalStack } from '../infra/local/stack.ts';
import { writeItems } from './support/write-items.ts';
import { generateWeek } from './generate-week.ts';

benchErrors('web');

const WEEKS = Number(process.env.BENCH_WEEKS ?? (QUICK ? 6 : 52));
const PER_WEEK = Number(process.env.BENCH_PER_WEEK ?? (QUICK ? 200 : 2_000));
const dataDir = `.bench/web-data-${WEEKS}x${PER_WEEK}`;
const now = new Date('2026-11-27T08:00:00Z');
const domain = loadConfigDir('config');
const fresh = !existsSync(dataDir);
const stack = await startLocalStack({ domain, dataDir, serveSamples: false });
try {
  const weeks = [isoWeekOf(now)];
  while (weeks.length < WEEKS) weeks.unshift(previousWeek(weeks[0]!));
  const sub = { ...domain.sampleSubscribers[1]!, id: subscriberId(domain.sampleSubscribers[1]!.email, LOCAL_UNSUBSCRIBE_SECRET) };
  if (fresh) {
    const t = performance.now();
    for (const [i, week] of weeks.entries()) {
      // Every generated article relevant: 2,000 relevant articles a week, as the bar says.
      const { articles } = generateWeek({ articles: PER_WEEK, seed: 1000 + i, week, relevantShare: 1 });
      await writeItems(stack.clients.dynamodb, stack.runtime.tableName, articles.map((a) => articleItem(a)));
    }
    await stack.deps.stores.subscribers.put(sub);
    console.log(`generated ${WEEKS} weeks × ${PER_WEEK} articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const cookie = `bevakning_session=${signSession(sessionKeys(LOCAL_UNSUBSCRIBE_SECRET), sub.id, 0, now)}`;
  const newApp = () => wireWeb({ config: stack.runtime, domain, overrides: { dynamodb: stack.clients.dynamodb, sqs: stack.clients.sqs, clock: { now: () => now } } }, { secureCookies: false, clientIp: () => 'bench' });
  const timed = async (app: ReturnType<typeof newApp>, path: string) => {
    const t = performance.now();
    const res = await app.request(path, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return { ms: performance.now() - t, bytes: Buffer.byteLength(body), gzip: gzipSync(body).length, hits: body.match(/role="status">(\d+)/)?.[1] };
  };
  const range = `fran=${weeks[0]}&till=${weeks.at(-1)}`;
  // The very first search ever builds and stores the past weeks' shards; every later cold container reads them.
  const first = await timed(newApp(), `/arkiv?q=${encodeURIComponent('elnät')}&${range}`);
  const app = newApp();
  const cold = await timed(app, `/arkiv?q=${encodeURIComponent('elnät')}&${range}`);
  const warm = [];
  for (const q of ['q=stålverk', 'q=upphandling&kommun=Luleå', 'kommun=Skövde&tema=skills', 'q=varsel&genre=opinion', 'q=batterifabrik&tema=industry', 'genre=editorial']) warm.push({ q, ...(await timed(app, `/arkiv?${q}&${range}`)) });
  const pages = [];
  for (const p of ['/veckan', `/arkiv?${range}`, `/arkiv?q=elnät&${range}&sida=3`, '/debatt', '/genomslag', '/genomslag/skovde-mote-framtidsfragor', '/installningar']) pages.push({ p, ...(await timed(app, p)) });
  const csv = await timed(app, `/arkiv.csv?q=elnät&${range}`);
  // A statement registered after a month of articles: matched against the stored weeks of its window
  // (what match-statement jobs do in AWS, one week each), page by page.
  const monday = (w: string) => new Date(parseIsoWeek(w).start.getTime() + 12 * 3600_000).toISOString().slice(0, 10);
  const s2 = { id: 'bench-elnat', title: 'Elnätet', keyPhrases: ['etableringen försenas', 'kapacitetsbristen'], people: [], date: monday(weeks.at(-5)!), until: monday(weeks.at(-1)!) };
  await stack.deps.stores.statements.put(s2);
  const tm = performance.now();
  const rssBefore = process.memoryUsage().rss;
  let matchedNow = 0;
  let readNow = 0;
  for (const week of statementWeeks(s2)) {
    const r = await stack.deps.matchStatement({ v: 1, type: 'match-statement', statementId: s2.id, week });
    matchedNow += r.matched;
    readNow += r.read;
  }
  const matchMs = performance.now() - tm;
  const rows: Array<[string, string]> = [
    ['data', `${WEEKS} weeks × ${PER_WEEK} relevant articles (${WEEKS * PER_WEEK})`],
    ['first search ever (builds + stores shards)', `${first.ms.toFixed(0)} ms`],
    ['cold search (52 weeks, fresh app)', `${cold.ms.toFixed(0)} ms, ${cold.hits} hits (target ≤ 1,500 ms)`],
    ...warm.map((w): [string, string] => [`warm: ${w.q}`, `${w.ms.toFixed(0)} ms, ${w.hits} hits`]),
    ['warm, slowest', `${Math.max(...warm.map((w) => w.ms)).toFixed(0)} ms (target ≤ 300 ms)`],
    ...pages.map((p): [string, string] => [`page ${p.p}`, `${(p.bytes / 1024).toFixed(1)} KB (${(p.gzip / 1024).toFixed(1)} KB gzip), ${p.ms.toFixed(0)} ms`]),
    ['arkiv.csv (elnät, 52 weeks)', `${(csv.bytes / 1024).toFixed(1)} KB`],
    ['statement registered late (5 weeks)', `${readNow} stored articles read, ${matchedNow} matched, ${(matchMs / 1000).toFixed(1)} s (RSS ${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(0)} MB more)`],
    ['heap after', `${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB used, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB (incl. the local servers)`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  const ok = cold.ms <= 1500 && warm.every((x) => x.ms <= 300) && pages.every((p) => p.bytes <= 100 * 1024);
  writeFileSync('.bench/web-last.txt', rows.map(([k, v]) => `${k}: ${v}`).join('\n'));
  console.log(ok ? 'bench:web OK' : QUICK ? 'bench:web: targets not checked in quick mode' : 'bench:web: a target is missed');
  process.exitCode = ok || QUICK ? 0 : 1;
} finally {
  await stack.stop();
}

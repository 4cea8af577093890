/**
 * npm run cost — expected monthly AWS cost at the load in issue #6 (500 feeds every 15 minutes,
 * 5,000 new articles a day, 200 subscribers), from durations and item sizes measured here on the
 * local stack, the memory sizes in the topology, and list prices (see PRICES). Writes docs/cost.md.
 */
import { writeFileSync } from 'node:fs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { loadConfigDir } from '../shared/config/config-dir.ts';
import { subscriberId } from '../shared/domain/subscriber.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '../shared/config/env.ts';
import { isoWeekOf } from '../shared/domain/week.ts';
import { createHandler as scheduleHandler } from '../functions/schedule-feeds.ts';
import { createHandler as digestHandler } from '../functions/send-digest.ts';
import { startLocalStack, type SqsFunctionName } from '../infra/local/stack.ts';
import { queueDrainers, sqsConsumers, topology } from '../infra/topology.ts';
import { metricNames } from '../shared/observability.ts';
import type { SqsHandler } from '../infra/local/poller.ts';
import { wireWeb } from '../shared/wiring/web.ts';
import { sessionKeys, signSession } from '../shared/web/session.ts';

/** List prices, USD, as published on the AWS pricing pages (US East list; see the note in docs/cost.md for eu-north-1). */
const PRICES = {
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  dynamoWriteUnitPerMillion: 0.625,
  dynamoReadUnitPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  sqsRequestPerMillion: 0.4,
  schedulerInvocationPerMillion: 1.0,
  sesPerThousand: 0.1,
  cloudwatchMetricMonth: 0.3,
  cloudwatchAlarmMonth: 0.1,
  logsIngestGb: 0.5,
  secretMonth: 0.4,
};
const LOAD = {
  feeds: 500,
  pollMinutes: 15,
  newArticlesPerDay: 5000,
  subscribers: 200,
  changedFeedShare: 0.3,
  itemsPerFeed: 30,
  sourcesPerArticle: 1.3,
  /** Subscribers with Dagens debatt (communicators by default) and weekdays a month. */
  alertReaders: 40,
  weekdays: 22,
  /** Web app: page views a month (200 people, a few visits each) and sign-in mails. */
  webRequests: 10_000,
  signIns: 800,
  /** Teaser-only opinion pieces whose page is read (registry fetchArticle): a guess until outlets are marked. */
  teaserPagesPerDay: 50,
};
/** read-article-page: a run that finds its queue empty (one receive with a 1 s wait), and one page (host turn and fetch). */
const PAGE_RUN_IDLE_MS = 1_300;
const PAGE_MS = 6_000;
/** Added to each measured fetch: a real feed server is not on localhost. */
const NETWORK_MS_PER_FETCH = 250;
const DAYS = 30;
/** The custom metrics (see shared/observability.ts); articles per topic come from the logs. */
const METRIC_COUNT = Object.keys(metricNames).length;
/** One errors alarm per function, one per DLQ, and the pipeline's own (silence, towns without a feed, feed failures, missing digests, web 5xx, the sign-in mail cap). */
// The failing-feeds alarm is metric math over two metrics, and CloudWatch bills such an alarm per metric.
const ALARM_COUNT = Object.keys(topology.functions).length + Object.keys(topology.queues).length + 6 + 1;

const domain = loadConfigDir('config');
const durations: Record<string, number[]> = {};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const timed = (name: string, h: SqsHandler): SqsHandler => async (event, context) => {
  const t = performance.now();
  try {
    return await h(event, context);
  } finally {
    // Per invocation: Powertools processes a batch's records in parallel, and Lambda bills the invocation.
    (durations[name] ??= []).push(performance.now() - t);
  }
};
const stack = await startLocalStack({ domain, outboxDir: '.bench/cost-outbox', retryDelaySeconds: 0 });
for (const s of domain.sampleSubscribers) await stack.deps.stores.subscribers.put({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) });
const handlers = Object.fromEntries(Object.entries(stack.handlers).map(([k, h]) => [k, timed(k, h)])) as Record<SqsFunctionName, SqsHandler>;
let t = performance.now();
await scheduleHandler(() => stack.deps)();
const scheduleMs = performance.now() - t;
await stack.drain({ handlers });
t = performance.now();
await digestHandler(() => stack.deps)({ week: isoWeekOf(new Date()) });
const planMs = performance.now() - t;
await stack.drain({ handlers });
// send-alerts: one run on the sample day (the sample communicator's letter).
t = performance.now();
await stack.deps.sendAlerts({ day: new Date().toISOString().slice(0, 10), force: true });
const alertsMs = performance.now() - t;
// The web app: warm page views and a search over 52 weeks, through the same handler as the function URL.
const web = wireWeb({ config: stack.runtime, domain, overrides: { dynamodb: stack.clients.dynamodb, sqs: stack.clients.sqs } }, { secureCookies: false, clientIp: () => 'cost' });
const webSub = { ...domain.sampleSubscribers[0]!, id: subscriberId(domain.sampleSubscribers[0]!.email, LOCAL_UNSUBSCRIBE_SECRET) };
const cookie = `bevakning_session=${signSession(sessionKeys(LOCAL_UNSUBSCRIBE_SECRET), webSub.id, 0, new Date())}`;
const webPaths = ['/veckan', '/arkiv?q=el', '/debatt', '/genomslag', '/installningar'];
for (const p of webPaths) await web.request(p, { headers: { cookie } });
const webTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  for (const p of webPaths) {
    const t0 = performance.now();
    await (await web.request(p, { headers: { cookie } })).text();
    webTimes.push(performance.now() - t0);
  }
}
const webMs = median(webTimes);
// deliver-digest bills per invocation of up to ten letters.
const deliverMsPerSubscriber = (durations['deliver-digest'] ?? []).reduce((a, b) => a + b, 0) / domain.sampleSubscribers.length;
const { articles } = await stack.deps.stores.articles.byWeek(isoWeekOf(new Date()));
const itemKb = articles.map((a) => Buffer.byteLength(JSON.stringify(marshall({ ...a, sources: new Set(a.sources) }, { removeUndefinedValues: true, convertClassInstanceToMap: true }))) / 1024);
await stack.stop();

const fetchMs = median(durations['fetch-feed'] ?? []) + NETWORK_MS_PER_FETCH;
const classifyMs = median(durations['classify-article'] ?? []);
const articleKb = median(itemKb);

const fetchesPerMonth = LOAD.feeds * (1440 / LOAD.pollMinutes) * DAYS;
const schedulesPerMonth = (1440 / LOAD.pollMinutes) * DAYS;
const articlesPerMonth = LOAD.newArticlesPerDay * DAYS;
const pageRunsPerMonth = 6 * 24 * DAYS;
const gb = (mb: number) => mb / 1024;
const fn = topology.functions;
// Lambda bills per invocation; SQS batches several records into one (batch size from the topology).
const lambda = [
  ['schedule-feeds', schedulesPerMonth, scheduleMs, fn['schedule-feeds'].memoryMb],
  ['fetch-feed', fetchesPerMonth / fn['fetch-feed'].trigger.batchSize, fetchMs, fn['fetch-feed'].memoryMb],
  ['classify-article', articlesPerMonth / fn['classify-article'].trigger.batchSize, classifyMs, fn['classify-article'].memoryMb],
  ['send-digest', 4.35 * 2, planMs, fn['send-digest'].memoryMb],
  ['deliver-digest', (4.35 * LOAD.subscribers) / fn['deliver-digest'].trigger.batchSize, deliverMsPerSubscriber * fn['deliver-digest'].trigger.batchSize, fn['deliver-digest'].memoryMb],
  ['send-alerts', LOAD.weekdays, alertsMs * LOAD.alertReaders, fn['send-alerts'].memoryMb],
  ['web', LOAD.webRequests, webMs, fn.web.memoryMb],
  // Every 10 minutes, pages or not; the pages' time on top.
  ['read-article-page', pageRunsPerMonth, PAGE_RUN_IDLE_MS + (LOAD.teaserPagesPerDay * DAYS * PAGE_MS) / pageRunsPerMonth, fn['read-article-page'].memoryMb],
] as const;
const lambdaRows = lambda.map(([name, invocations, ms, mem]) => ({ name, invocations, ms, mem, gbSeconds: invocations * (ms / 1000) * gb(mem) }));
// Lambda's always-free tier (400,000 GB-seconds and 1 M requests a month) applies to the account as a whole.
const lambdaGbSeconds = lambdaRows.reduce((s, r) => s + r.gbSeconds, 0);
const lambdaRequests = lambdaRows.reduce((s, r) => s + r.invocations, 0);
const lambdaCost = Math.max(0, lambdaGbSeconds - 400_000) * PRICES.lambdaArmGbSecond + (Math.max(0, lambdaRequests - 1e6) / 1e6) * PRICES.lambdaRequestPerMillion;
const lambdaCostNoFreeTier = lambdaGbSeconds * PRICES.lambdaArmGbSecond + (lambdaRequests / 1e6) * PRICES.lambdaRequestPerMillion;
const writeUnits = articlesPerMonth * Math.ceil(articleKb) + fetchesPerMonth * 1 + articlesPerMonth * (LOAD.sourcesPerArticle - 1) + LOAD.subscribers * 4.35 * 2;
const readUnits = fetchesPerMonth * 1 + fetchesPerMonth * LOAD.changedFeedShare * LOAD.itemsPerFeed * 0.5 + schedulesPerMonth * LOAD.feeds * 0.5 + 4.35 * 2 * (LOAD.newArticlesPerDay * 7 * Math.ceil(articleKb / 4) * 0.5);
const storageGb = (articlesPerMonth * 12 * articleKb) / 1024 / 1024;
// SQS: sends in batches of ten, each event source mapping's polling (about 5 pollers per queue with
// 20 s long polls, busy or idle: every SQS-triggered queue, the weekly digests' too), deletes; the
// page reader's own receives (at least one a run) and its jobs' send, receive and delete.
const pageJobs = LOAD.teaserPagesPerDay * DAYS;
const sqsRequests =
  fetchesPerMonth / 10 +
  articlesPerMonth / 10 +
  sqsConsumers().length * 5 * 3 * 60 * 24 * DAYS +
  fetchesPerMonth / fn['fetch-feed'].trigger.batchSize +
  articlesPerMonth / fn['classify-article'].trigger.batchSize +
  queueDrainers().length * pageRunsPerMonth +
  pageJobs * 3;
const logGb = ((fetchesPerMonth + articlesPerMonth) * 400) / 1024 ** 3;
const rows: Array<[string, string, number]> = [
  ...lambdaRows.map((r): [string, string, number] => [`Lambda ${r.name}`, `${Math.round(r.invocations).toLocaleString('en')} invocations × ${r.ms.toFixed(0)} ms × ${r.mem} MB = ${Math.round(r.gbSeconds).toLocaleString('en')} GB-s`, 0]),
  ['Lambda, all functions', `${Math.round(lambdaGbSeconds).toLocaleString('en')} GB-s, ${Math.round(lambdaRequests).toLocaleString('en')} requests (400,000 GB-s and 1 M requests free; ${lambdaCostNoFreeTier.toFixed(2)} USD without)`, lambdaCost],
  ['DynamoDB writes', `${(writeUnits / 1e6).toFixed(2)} M write units (article ${articleKb.toFixed(1)} KB, feed state, sources, digest ledger)`, (writeUnits / 1e6) * PRICES.dynamoWriteUnitPerMillion],
  ['DynamoDB reads', `${(readUnits / 1e6).toFixed(2)} M read units (feed state, seen-check BatchGet, schedule scan of states, weekly Query)`, (readUnits / 1e6) * PRICES.dynamoReadUnitPerMillion],
  ['DynamoDB storage', `${storageGb.toFixed(2)} GB after a year (25 GB free)`, Math.max(0, storageGb - 25) * PRICES.dynamoStorageGbMonth],
  ['SQS', `${(sqsRequests / 1e6).toFixed(2)} M requests (first 1 M free)`, (Math.max(0, sqsRequests - 1e6) / 1e6) * PRICES.sqsRequestPerMillion],
  ['EventBridge Scheduler', `${schedulesPerMonth + pageRunsPerMonth + 9} invocations (14 M free)`, 0],
  ['SES', `${Math.round(LOAD.subscribers * 4.35 + LOAD.alertReaders * LOAD.weekdays + LOAD.signIns)} emails (letters, Dagens debatt, sign-in links)`, ((LOAD.subscribers * 4.35 + LOAD.alertReaders * LOAD.weekdays + LOAD.signIns) / 1000) * PRICES.sesPerThousand],
  ['CloudWatch metrics', `${METRIC_COUNT} custom metrics (10 free)`, Math.max(0, METRIC_COUNT - 10) * PRICES.cloudwatchMetricMonth],
  ['CloudWatch alarms', `${ALARM_COUNT} alarms (10 free)`, Math.max(0, ALARM_COUNT - 10) * PRICES.cloudwatchAlarmMonth],
  ['CloudWatch Logs', `${logGb.toFixed(2)} GB ingested (5 GB free)`, 0],
  ['Secrets Manager', '1 secret, cached for an hour per container', PRICES.secretMonth],
];
const total = rows.reduce((s, r) => s + r[2], 0);
const table = rows.map(([k, d, c]) => `| ${k} | ${d} | ${c.toFixed(2)} |`).join('\n');
const md = `# Expected monthly AWS cost

Load (issue #6): ${LOAD.feeds} feeds polled every ${LOAD.pollMinutes} minutes, ${LOAD.newArticlesPerDay.toLocaleString('en')} new articles a day,
${LOAD.subscribers} subscribers. Generated by \`npm run cost\`, which runs the real handlers on the local stack and measures:

- fetch-feed: ${median(durations['fetch-feed'] ?? []).toFixed(1)} ms per invocation of ${fn['fetch-feed'].trigger.batchSize} feeds fetched in parallel on localhost, plus an assumed ${NETWORK_MS_PER_FETCH} ms of network;
- classify-article: ${classifyMs.toFixed(1)} ms per invocation of up to ${fn['classify-article'].trigger.batchSize} articles (classify + conditional put);
- send-digest: ${planMs.toFixed(1)} ms to build the week's edition and enqueue the jobs (on the sample week; \`npm run bench:digest\` measures 35,000 articles);
- deliver-digest: ${deliverMsPerSubscriber.toFixed(1)} ms per subscriber (cut, render, MIME, ledger);
- send-alerts: ${alertsMs.toFixed(1)} ms for the sample day's one reader, counted ×${LOAD.alertReaders} readers a weekday;
- web: ${webMs.toFixed(1)} ms per warm page view (median over Veckan, Arkiv search, Debatt, Genomslag, Inställningar), ${LOAD.webRequests.toLocaleString('en')} page views and ${LOAD.signIns} sign-ins a month;
- a stored article: ${articleKb.toFixed(1)} KB as a DynamoDB item (median, evidence included).

Assumptions: ${Math.round(LOAD.changedFeedShare * 100)} % of fetches find a changed feed (the rest are 304 or an unchanged body hash and write
nothing but the feed state), ${LOAD.itemsPerFeed} items per changed feed checked by BatchGet, ${LOAD.sourcesPerArticle} sources per article.
The measurements were taken on this 2-core x86 machine, not on Lambda's arm64: treat durations as ±50 %.

| item | volume | USD / month |
| --- | --- | ---: |
${table}
| **total** | | **${total.toFixed(2)}** |

Target: under 5 USD a month. ${total < 5 ? 'Met' : 'Not met'} at this load, with the always-free tiers counted (Lambda's 400,000 GB-s and
1 M requests, DynamoDB's 25 GB, CloudWatch's 10 metrics and 10 alarms, SQS's first million requests, Scheduler's 14 million
invocations, 5 GB of logs). An account that already uses those tiers elsewhere pays about
${(lambdaCostNoFreeTier + METRIC_COUNT * PRICES.cloudwatchMetricMonth + 10 * PRICES.cloudwatchAlarmMonth + (storageGb * PRICES.dynamoStorageGbMonth) + (sqsRequests / 1e6) * PRICES.sqsRequestPerMillion - (Math.max(0, sqsRequests - 1e6) / 1e6) * PRICES.sqsRequestPerMillion).toFixed(2)} USD more.

Prices (USD): Lambda arm64 ${PRICES.lambdaArmGbSecond} per GB-second and ${PRICES.lambdaRequestPerMillion} per million requests;
DynamoDB on-demand ${PRICES.dynamoWriteUnitPerMillion} per million write units, ${PRICES.dynamoReadUnitPerMillion} per million read units,
${PRICES.dynamoStorageGbMonth} per GB-month; SQS ${PRICES.sqsRequestPerMillion} per million requests; SES ${PRICES.sesPerThousand} per 1,000 emails;
CloudWatch ${PRICES.cloudwatchMetricMonth} per metric and ${PRICES.cloudwatchAlarmMonth} per alarm a month; Secrets Manager ${PRICES.secretMonth} per secret a month.
Source: the AWS pricing pages for Lambda, DynamoDB (on-demand), SQS, SES, CloudWatch and Secrets Manager, US East list prices.
eu-north-1 (Stockholm) list prices are the same or within a few per cent for these services, but this machine has no
network to confirm them: check with the AWS Pricing Calculator before budgeting.

The largest lever is the poll interval (context \`pollMinutes\`): fetch-feed and the feed-state reads and writes scale with it.
Each SQS event source mapping polls around the clock, busy or idle (about ${((5 * 3 * 60 * 24 * DAYS) / 1e6 * PRICES.sqsRequestPerMillion).toFixed(2)} USD a month per queue past the free
million): the weekly digests queue, idle all week but Monday morning, could be drained by a scheduled reader of its own, as
read-article-page drains the teaser pages (no event source, one run every 10 minutes).
`;
writeFileSync('docs/cost.md', md);
console.log(md);

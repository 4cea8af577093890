/**
 * The four handlers through the local stack: real dynalite, real fauxqs, the real AWS SDK, the
 * sample feed server. No SDK mocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { ConfigError } from '#shared/config/validate.ts';
import { subscriberId } from '#shared/domain/subscriber.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { encodeJob } from '#shared/messages.ts';
import { createHandler as scheduleHandler } from '#functions/schedule-feeds.ts';
import { createHandler as digestHandler } from '#functions/send-digest.ts';
import type { DigestPlan } from '#shared/use-cases/send-digest.ts';
import { isoWeekOf } from '#shared/domain/week.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { topology } from '#infra/topology.ts';

const domain = loadConfigDir('config');
let stack: LocalStack;
/** As the schedule does: plan (edition + one job per subscriber), then the deliver-digest queue drains. */
const runDigest = async (event: object) => {
  const plan = (await digestHandler(() => stack.deps)(event)) as DigestPlan;
  const drained = await stack.drain();
  return { plan, drained };
};
const emlTimes = () => new Map(readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => [f, statSync(join(outbox, f)).mtimeMs]));
const outbox = mkdtempSync(join(tmpdir(), 'outbox-'));

beforeAll(async () => {
  stack = await startLocalStack({ domain, outboxDir: outbox, retryDelaySeconds: 0 });
  for (const s of domain.sampleSubscribers) await stack.deps.stores.subscribers.put({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) });
});
afterAll(async () => stack?.stop());

describe('the pipeline on the local stack', () => {
  it('polls every sample feed, stores every article once, and a second poll adds nothing', async () => {
    // Act
    const report = await scheduleHandler(() => stack.deps)();
    await stack.drain();
    const first = await stack.deps.stores.articles.countAll();
    // Assess
    expect(report.due).toBe(domain.sampleFeeds.length);
    expect(first).toBe(122);
    const states = await stack.deps.stores.feedStates.all();
    expect(states.every((s) => s.lastStatus === 'ok-200')).toBe(true);

    // Act: the feeds are not due again yet; force them due and poll again
    for (const s of states) await stack.deps.stores.feedStates.put({ ...s, nextFetchAt: new Date(0).toISOString(), version: s.version + 1 }, s.version);
    await scheduleHandler(() => stack.deps)();
    await stack.drain();
    // Assess: conditional GET answered 304 or the body hash matched: nothing new
    expect(await stack.deps.stores.articles.countAll()).toBe(first);
    const again = await stack.deps.stores.feedStates.all();
    expect(again.every((s) => ['not-modified', 'unchanged'].includes(s.lastStatus))).toBe(true);
  });

  it('reads the latin-1 feed with å, ä and ö intact', async () => {
    const { articles } = await stack.deps.stores.articles.byWeek(isoWeekOf(new Date()));
    const latin = articles.filter((a) => a.feedId === 'bergslagen-kuriren');
    expect(latin.length).toBeGreaterThan(0);
    expect(latin.some((a) => /[åäö]/.test(a.title))).toBe(true);
    expect(latin.every((a) => !a.title.includes('\ufffd'))).toBe(true);
    // The dash is outside Latin-1: sent as windows-1252's 0x96, read back as "–", never a control byte.
    expect(latin.some((a) => a.title.includes('–'))).toBe(true);
    expect(latin.every((a) => !/[\u0080-\u009f]/.test(a.title + a.summary))).toBe(true);
  });

  it('a redelivered article message does not duplicate the article', async () => {
    // Prepare
    const { articles } = await stack.deps.stores.articles.byWeek(isoWeekOf(new Date()));
    const a = articles[0]!;
    const { classification, sources, isoWeek, storedAt, ...candidate } = a;
    void classification, void sources, void isoWeek, void storedAt;
    const before = await stack.deps.stores.articles.countAll();
    // Act: the same message twice, and once from another feed
    for (const feedId of [a.feedId, a.feedId, 'ledarsidan']) {
      await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.articles.url, MessageBody: encodeJob({ v: 1, type: 'classify-article', article: { ...candidate, feedId } }) }));
    }
    await stack.drain();
    // Assess
    expect(await stack.deps.stores.articles.countAll()).toBe(before);
    expect((await stack.deps.stores.articles.get(a.id))!.sources).toContain('ledarsidan');
  });

  it('a poison message ends in the DLQ after maxReceiveCount receives', async () => {
    // Act
    await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.articles.url, MessageBody: '{"v":2,"type":"classify-article"}' }));
    const progress = await stack.drain();
    // Assess
    expect(progress.failed['classify-article']).toBe(topology.queues.articles.maxReceiveCount);
    expect((await stack.queueDepth('articles', true)).visible).toBe(1);
  });

  it('writes each subscriber\u2019s digest once per week, unless forced', async () => {
    const week = isoWeekOf(new Date());
    const first = await runDigest({ week });
    expect(first.plan).toMatchObject({ subscribers: 3, enqueued: 3, reusedEdition: false });
    expect(first.drained.received['deliver-digest']).toBe(3);
    expect(await stack.deps.stores.ledger.sentCount(week)).toBe(3);
    const times = emlTimes();
    // A second run reuses the stored edition; every job finds its letter sent and sends nothing.
    const second = await runDigest({ week });
    expect(second.plan.reusedEdition).toBe(true);
    expect(second.drained.received['deliver-digest']).toBe(3);
    expect(emlTimes()).toEqual(times);
    const files = readdirSync(outbox);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(3);
    const eml = readFileSync(join(outbox, files.find((f) => f.includes('member') && f.endsWith('.eml'))!), 'utf8');
    expect(eml).toMatch(/multipart\/alternative/);
    expect(eml).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const html = readFileSync(join(outbox, files.find((f) => f.includes('member') && f.endsWith('.html'))!), 'utf8');
    expect(html).toContain('Er kommun: Oxelösund');
    expect(html).toContain('Veckans läge');
    expect(eml).toMatch(/^Subject: /m);
    expect(html).toContain('display:none;max-height:0');
    await new Promise((r) => setTimeout(r, 20));
    const forced = await runDigest({ week, force: true });
    expect(forced.plan.reusedEdition).toBe(false);
    const after = emlTimes();
    expect([...after.keys()].sort()).toEqual([...times.keys()].sort());
    for (const [f, t] of after) expect(t).toBeGreaterThan(times.get(f)!);
  });

  it('reads the week by index Query: older weeks add no reads', async () => {
    const week = isoWeekOf(new Date());
    const { itemsRead, articles } = await stack.deps.stores.articles.byWeek(week);
    expect(itemsRead).toBe(articles.length);
    expect(itemsRead).toBeLessThan(await stack.deps.stores.articles.countAll());
  });
});

describe('configuration', () => {
  it('rejects an invalid config file naming the file, the entry and the field', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    cpSync('config', dir, { recursive: true });
    const feeds = JSON.parse(readFileSync(join(dir, 'feeds.sample.json'), 'utf8'));
    feeds.feeds[2].url = 'ftp://example.se/feed';
    writeFileSync(join(dir, 'feeds.sample.json'), JSON.stringify(feeds));
    // Act / Assess
    expect(() => loadConfigDir(dir)).toThrow(ConfigError);
    expect(() => loadConfigDir(dir)).toThrow(/feeds\.sample\.json[\s\S]*feeds\[2\] \(vastra-gotaland-tidning\)[\s\S]*field url/);
  });
});

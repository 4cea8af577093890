/**
 * Nothing lost, nothing doubled: the whole pipeline on the local stack over generated feeds
 * (several weeks), with seeded faults at every adapter boundary, against a fault-free run on the
 * same input. CHAOS_SEED picks another schedule of faults (default fixed for CI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ReceiveMessageCommand, SendMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { subscriberId } from '#shared/domain/subscriber.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { isoWeekOf, previousWeek } from '#shared/domain/week.ts';
import { createHttpFeedSource } from '#shared/adapters/http-feed-source.ts';
import { decodeArticleJob, decodeDigestJob, decodeFeedJob } from '#shared/messages.ts';
import type { Article, Subscriber } from '#shared/domain/types.ts';
import type { Mailer } from '#shared/ports.ts';
import { createHandler as scheduleHandler } from '#functions/schedule-feeds.ts';
import { createHandler as digestHandler } from '#functions/send-digest.ts';
import { startLocalStack, type LocalStack, type SqsFunctionName } from '#infra/local/stack.ts';
import { queueNames } from '#infra/topology.ts';
import type { SqsHandler } from '#infra/local/poller.ts';
import { FakeClock } from '../support/fakes.ts';
import { emptyCounts, faultyHandler, generateFeeds, injectDynamoFaults, injectSqsDuplicates, seededRandom, startChaosFeedServer, type FaultCounts } from '../support/chaos.ts';

const SEED = Number(process.env.CHAOS_SEED ?? 20261127);
const NOW = new Date('2026-11-27T10:00:00Z');
const WEEKS = [0, 1, 2, 3, 4].reduce<string[]>((ws, i) => [...ws, i === 0 ? isoWeekOf(NOW) : previousWeek(ws[i - 1]!)], []);
const domain = loadConfigDir('config');
const subscribers: Subscriber[] = Array.from({ length: 12 }, (_, i) => {
  const email = `person${i}@example.se`;
  const role = (['member', 'secretariat', 'communicator'] as const)[i % 3]!;
  return { id: subscriberId(email, LOCAL_UNSUBSCRIBE_SECRET), email, name: `Person ${i}`, role, municipalities: i % 3 === 0 ? ['Luleå'] : [], topics: ['industry', 'energy', 'procurement', 'skills'], active: true };
});

interface RunResult {
  articles: Map<string, Article>;
  stored: number;
  deliveries: Map<string, number>;
  counts: FaultCounts;
  dlq: Array<{ queue: string; body: string; explained: boolean }>;
  unhandled: unknown[];
  feedsOk: number;
}

async function run(faults: boolean): Promise<RunResult> {
  const counts = emptyCounts();
  const random = seededRandom(SEED);
  const clock = new FakeClock(NOW);
  const generated = generateFeeds(8, 40, 4, NOW);
  const server = await startChaosFeedServer(generated, random, faults ? 0.3 : 0, counts);
  const deliveries = new Map<string, number>();
  const failedOnce = new Set<string>();
  const mailer: Mailer = {
    async send(m) {
      const key = `${m.slug}`;
      if (faults && !failedOnce.has(key) && random() < 0.3) {
        failedOnce.add(key);
        counts.mailerFailures++;
        throw new Error(`550 ${m.to}: mailbox temporarily unavailable (injected)`);
      }
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      return { messageId: key };
    },
  };
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const stack: LocalStack = await startLocalStack({
    domain: { ...domain, sampleFeeds: server.feeds },
    serveSamples: false,
    outboxDir: mkdtempSync(join(tmpdir(), 'chaos-')),
    retryDelaySeconds: 0,
    overrides: { clock, mailer, random, feedSource: createHttpFeedSource({ userAgent: 'chaos', allowLoopback: true, totalTimeoutMs: 800, connectTimeoutMs: 500 }) },
    clientMiddleware: faults
      ? (c) => {
          injectDynamoFaults(c.dynamodb, random, 0.05, counts);
          injectSqsDuplicates(c.sqs, random, counts);
        }
      : undefined,
  });
  // Setup and the scheduler's own retries (EventBridge Scheduler retries a failed invocation).
  const retrying = async <T,>(fn: () => Promise<T>, attempts = 6): Promise<T> => {
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (e) {
        if (i >= attempts) throw e;
      }
    }
  };
  const handlers = faults
    ? (Object.fromEntries(Object.entries(stack.handlers).map(([k, h]) => [k, faultyHandler(h, random, 0.2, counts)])) as Record<SqsFunctionName, SqsHandler>)
    : undefined;
  const dlq: RunResult['dlq'] = [];
  try {
    for (const s of subscribers) await retrying(() => stack.deps.stores.subscribers.put(s));
    // Six polling rounds a day apart (every feed due, validators ignored), the last with healthy feed servers.
    for (let round = 0; round < 6; round++) {
      server.faultsOn = faults && round < 5;
      clock.advance(25 * 3600_000);
      await retrying(() => scheduleHandler(() => stack.deps)());
      await stack.drain({ handlers, timeoutMs: 120_000 });
    }
    // What reached a DLQ: each message must decode and be explained by injected faults; then the operator redrives.
    const redrive = async () => {
      for (let pass = 0; pass < 3; pass++) {
        let moved = 0;
        for (const name of queueNames) {
          for (;;) {
            const out = await retrying(() => stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.queues[name].dlqUrl, MaxNumberOfMessages: 10 })));
            if (!out.Messages?.length) break;
            for (const m of out.Messages) {
              let decodes = true;
              try {
                if (name === 'feed-jobs') decodeFeedJob(m.Body!);
                else if (name === 'digests') decodeDigestJob(m.Body!);
                else decodeArticleJob(m.Body!);
              } catch {
                decodes = false;
              }
              dlq.push({ queue: name, body: m.Body!, explained: faults && decodes });
              await retrying(() => stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: stack.queues[name].url, MessageBody: m.Body! })));
              await retrying(() => stack.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: stack.queues[name].dlqUrl, ReceiptHandle: m.ReceiptHandle! })));
              moved++;
            }
          }
        }
        if (!moved) break;
        await stack.drain({ handlers, timeoutMs: 120_000 });
      }
    };
    await redrive();
    // Every week's digest: planned twice (a doubled schedule), each time followed by the
    // deliver-digest queue; what a fault drove to the DLQ is redriven like any other queue.
    for (const week of WEEKS) {
      for (let attempt = 0, ok = 0; attempt < 8 && ok < 2; attempt++) {
        if (await digestHandler(() => stack.deps)({ week }).then(() => true, () => false)) ok++;
        await stack.drain({ handlers, timeoutMs: 120_000 });
      }
    }
    await redrive();
    const articles = new Map<string, Article>();
    for (const week of WEEKS) for (const a of (await retrying(() => stack.deps.stores.articles.byWeek(week))).articles) articles.set(a.id, a);
    const stored = await retrying(() => stack.deps.stores.articles.countAll());
    const states = await retrying(() => stack.deps.stores.feedStates.all());
    for (const name of queueNames) {
      const depth = await retrying(() => stack.queueDepth(name));
      expect(depth.visible + depth.inFlight).toBe(0);
    }
    return { articles, stored, deliveries, counts, dlq, unhandled, feedsOk: states.filter((s) => s.lastSuccessAt).length };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await stack.stop();
    await server.stop();
  }
}

let clean: RunResult;
let chaos: RunResult;
beforeAll(async () => {
  clean = await run(false);
  chaos = await run(true);
  console.log(`chaos seed ${SEED}: faults injected ${JSON.stringify(chaos.counts)}; DLQ messages redriven ${chaos.dlq.length}; articles ${chaos.articles.size}`);
}, 600_000);

describe(`fault injection (seed ${SEED})`, () => {
  it('injected every kind of fault', () => {
    for (const [kind, n] of Object.entries(chaos.counts)) expect(n, kind).toBeGreaterThan(0);
    expect(clean.counts).toEqual(emptyCounts());
  });

  it('stores the same set of articles, each exactly once, with the same labels and sources', () => {
    expect(clean.articles.size).toBe(8 * 32 + 8); // 40 items in each of 8 feeds, one in five a wire story all of them carry
    expect([...chaos.articles.keys()].sort()).toEqual([...clean.articles.keys()].sort());
    expect(chaos.stored).toBe(chaos.articles.size);
    expect(clean.stored).toBe(clean.articles.size);
    for (const [id, a] of clean.articles) {
      const b = chaos.articles.get(id)!;
      expect({ topics: b.classification.topics, municipalities: b.classification.municipalities, genre: b.classification.genre, sources: b.sources }).toEqual({
        topics: a.classification.topics,
        municipalities: a.classification.municipalities,
        genre: a.classification.genre,
        sources: a.sources,
      });
    }
  });

  it('sends each subscriber\u2019s digest exactly once per week', () => {
    expect(clean.deliveries.size).toBe(subscribers.length * WEEKS.length);
    expect(chaos.deliveries.size).toBe(subscribers.length * WEEKS.length);
    expect([...chaos.deliveries.values()].every((n) => n === 1)).toBe(true);
  });

  it('leaves nothing behind but explained DLQ messages, and no unhandled rejection', () => {
    expect(chaos.dlq.every((m) => m.explained)).toBe(true);
    expect(clean.dlq).toEqual([]);
    expect(chaos.unhandled).toEqual([]);
    expect(clean.unhandled).toEqual([]);
    expect(chaos.feedsOk).toBe(8);
  });
});

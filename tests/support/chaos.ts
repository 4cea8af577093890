/**
 * Fault injection for the chaos suite: a seeded random source, generated feeds over several
 * weeks served with faults, AWS SDK middleware for DynamoDB throttling and SQS duplicate sends,
 * and handler wrappers that fail before or after their writes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Feed } from '#shared/domain/types.ts';
import type { SqsHandler } from '#infra/local/poller.ts';
import { escapeHtml } from '#shared/domain/digest/render.ts';
import { loadSampleFiles } from '#infra/local/feed-server.ts';

export { seededRandom } from './random.ts';

export interface FaultCounts {
  feed500: number;
  feedTimeout: number;
  feedTruncated: number;
  sqsDuplicates: number;
  dynamoThrottles: number;
  dynamoConditional: number;
  handlerBefore: number;
  handlerAfter: number;
  handlerCrash: number;
  mailerFailures: number;
}
export const emptyCounts = (): FaultCounts => ({
  feed500: 0,
  feedTimeout: 0,
  feedTruncated: 0,
  sqsDuplicates: 0,
  dynamoThrottles: 0,
  dynamoConditional: 0,
  handlerBefore: 0,
  handlerAfter: 0,
  handlerCrash: 0,
  mailerFailures: 0,
});

/** `feeds` RSS feeds of `perFeed` items each, dated over the `weeks` weeks before `now`; some stories in two feeds. */
export function generateFeeds(count: number, perFeed: number, weeks: number, now: Date) {
  const pool = loadSampleFiles().flatMap((s) => s.items);
  const feeds: Array<{ feed: Feed; xml: string }> = [];
  for (let f = 0; f < count; f++) {
    const items: string[] = [];
    for (let i = 0; i < perFeed; i++) {
      // Every fifth item is a wire story that two feeds carry (same link).
      const shared = i % 5 === 0;
      const n = shared ? i : f * perFeed + i;
      const base = pool[n % pool.length]!;
      const date = new Date(now.getTime() - ((n * 7919) % (weeks * 7 * 24)) * 3600_000 - 60_000);
      const link = shared ? `https://wire.example/${n}` : `https://feed${f}.example${base.path}-${n}`;
      items.push(
        `<item><title>${escapeHtml(`${base.title} (${n})`)}</title><link>${link}</link><pubDate>${date.toUTCString()}</pubDate><description>${escapeHtml(base.summary)}</description></item>`,
      );
    }
    const feed: Feed = { id: `chaos-${f}`, url: '', outlet: `Tidning ${f}`, kind: f % 4 === 3 ? 'opinion' : 'news', municipalities: [], language: 'sv', verified: true };
    feeds.push({ feed, xml: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tidning ${f}</title>${items.join('')}</channel></rss>` });
  }
  return feeds;
}

export interface ChaosFeedServer {
  feeds: Feed[];
  faultsOn: boolean;
  stop(): Promise<void>;
}

/** Serves the generated feeds; while faults are on, a share answers 500, hangs, or sends truncated XML. */
export async function startChaosFeedServer(generated: ReturnType<typeof generateFeeds>, random: () => number, share: number, counts: FaultCounts): Promise<ChaosFeedServer> {
  const byId = new Map(generated.map((g) => [g.feed.id, g.xml]));
  const state = { faultsOn: true };
  const hanging = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const xml = byId.get(req.url?.split('/').pop() ?? '');
    if (!xml) return void res.writeHead(404).end();
    if (state.faultsOn && random() < share) {
      const kind = random();
      if (kind < 1 / 3) {
        counts.feed500++;
        return void res.writeHead(500).end('upstream error');
      }
      if (kind < 2 / 3) {
        counts.feedTimeout++;
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write(xml.slice(0, 100));
        const t = setTimeout(() => res.end(), 5000);
        hanging.add(t);
        res.on('close', () => clearTimeout(t));
        return;
      }
      counts.feedTruncated++;
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return void res.end(xml.slice(0, Math.floor(xml.length * (0.2 + random() * 0.6))));
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(xml);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    feeds: generated.map((g) => ({ ...g.feed, url: `http://127.0.0.1:${port}/feeds/${g.feed.id}` })),
    get faultsOn() {
      return state.faultsOn;
    },
    set faultsOn(v: boolean) {
      state.faultsOn = v;
    },
    stop: () =>
      new Promise<void>((r) => {
        for (const t of hanging) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });

/** DynamoDB faults as the service would send them, inside the SDK's retry loop: throttling, and a concurrent writer on feed state. */
export function injectDynamoFaults(client: DynamoDBClient, random: () => number, share: number, counts: FaultCounts) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input?: { Item?: { pk?: { S?: string } } } }).input;
      if (random() < share) {
        counts.dynamoThrottles++;
        throw awsError(random() < 0.5 ? 'ProvisionedThroughputExceededException' : 'ThrottlingException', 'Rate exceeded (injected)');
      }
      if (context.commandName === 'PutItemCommand' && input?.Item?.pk?.S?.startsWith('FEED#') && random() < share) {
        counts.dynamoConditional++;
        throw awsError('ConditionalCheckFailedException', 'The conditional request failed (injected: a concurrent writer)');
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'chaosDynamo' },
  );
}

/** Every SQS message sent twice, some three times: at-least-once delivery made visible. */
export function injectSqsDuplicates(client: SQSClient, random: () => number, counts: FaultCounts) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'SendMessageBatchCommand') return next(args);
      const input = (args as unknown as { input: { Entries: SendMessageBatchRequestEntry[] } }).input;
      const original = input.Entries;
      // Each call still carries at most ten entries: send the copies in a second call.
      const copies = original.flatMap((e) => Array.from({ length: random() < 0.3 ? 2 : 1 }, (_, k) => ({ ...e, Id: `${e.Id}-dup${k}` })));
      counts.sqsDuplicates += copies.length;
      const result = await next(args);
      for (let i = 0; i < copies.length; i += 10) await next({ ...args, input: { ...input, Entries: copies.slice(i, i + 10) } } as typeof args);
      return result;
    },
    { step: 'initialize', name: 'chaosSqsDuplicates' },
  );
}

/**
 * Wraps a handler: some records fail before the handler sees them, some are processed and then
 * reported failed (as if the visibility timeout ran out), and some batches crash after their writes.
 */
export function faultyHandler(real: SqsHandler, random: () => number, share: number, counts: FaultCounts): SqsHandler {
  return async (event, context) => {
    const before = new Set(event.Records.filter(() => random() < share / 2).map((r) => r.messageId));
    counts.handlerBefore += before.size;
    const rest: SQSEvent = { Records: event.Records.filter((r) => !before.has(r.messageId)) };
    const res = (rest.Records.length ? await real(rest, context) : undefined) as SQSBatchResponse | undefined;
    const failed = new Set([...before, ...(res?.batchItemFailures ?? []).map((f) => f.itemIdentifier)]);
    if (random() < share / 4) {
      counts.handlerCrash++;
      throw new Error('handler crashed after its writes (injected)');
    }
    for (const r of rest.Records) {
      if (!failed.has(r.messageId) && random() < share / 2) {
        counts.handlerAfter++;
        failed.add(r.messageId);
      }
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

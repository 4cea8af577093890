/**
 * The embedded local stack, as a library: dynalite (DynamoDB), fauxqs (SQS), the sample feed
 * server and a file outbox, with the real handlers wired to them through the real AWS SDK. The
 * `monitor` CLI and the integration tests both start it.
 */
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { lockDataDir } from './data-dir-lock.ts';
import { startSqsServer } from './sqs-server.ts';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { envName, readRuntimeConfig, type RuntimeConfig } from '#shared/config/env.ts';
import { createDynamoClient } from '#shared/aws/clients.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildDeps, type Deps, type Overrides } from '#shared/wiring/index.ts';
import { createHandler as fetchFeedHandler } from '#functions/fetch-feed.ts';
import { createHandler as classifyHandler } from '#functions/classify-article.ts';
import { createHandler as readPageHandler } from '#functions/read-article-page.ts';
import { createHandler as deliverDigestHandler } from '#functions/deliver-digest.ts';
import { queueDrainers, sqsConsumers, topology, type QueueName } from '../topology.ts';
import { localDlqAttributes, localQueueAttributes, localTableInput } from './resources.ts';
import { pollOnce, type SqsHandler } from './poller.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';

export interface AwsClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
}

export interface LocalStackOptions {
  domain: DomainConfig;
  /** Keep DynamoDB and SQS state on disk between runs; in memory when absent. */
  dataDir?: string | undefined;
  outboxDir?: string;
  /** 'sample': bundled feeds from the local feed server; 'live': the real registry (needs internet). */
  feeds?: 'sample' | 'live';
  /** Locally a failed message is retried after this delay instead of the full visibility timeout. */
  retryDelaySeconds?: number;
  overrides?: Overrides;
  /** Adds middleware to the SDK clients (fault injection in tests). */
  clientMiddleware?: (clients: AwsClients) => void;
  samplesDir?: string;
  now?: () => Date;
  /** Start the bundled sample feed server (default); off when a test serves `domain.sampleFeeds` itself. */
  serveSamples?: boolean;
  /** Let the live registry point at 127.0.0.1 (`monitor run --feeds … --allow-loopback`: your own feed server). */
  allowLoopback?: boolean;
}

export interface QueueRef {
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
}

/** The functions an SQS queue drives; the local stack has a handler for each. */
export type SqsFunctionName = 'fetch-feed' | 'classify-article' | 'deliver-digest';

export interface LocalStack {
  env: Record<string, string>;
  runtime: RuntimeConfig;
  deps: Deps;
  clients: AwsClients;
  queues: Record<QueueName, QueueRef>;
  feedServer?: FeedServer;
  handlers: Record<SqsFunctionName, SqsHandler>;
  /** Runs the SQS pollers until every queue is empty and nothing is in flight. */
  drain(opts?: { timeoutMs?: number; onProgress?: (p: DrainProgress) => void; handlers?: Partial<Record<SqsFunctionName, SqsHandler>> }): Promise<DrainProgress>;
  queueDepth(name: QueueName, dlq?: boolean): Promise<{ visible: number; inFlight: number }>;
  stop(): Promise<void>;
}

export interface DrainProgress {
  invocations: Record<string, number>;
  received: Record<string, number>;
  failed: Record<string, number>;
  crashes: number;
}

const TABLE_NAME = 'monitor';
/** Where `monitor serve` answers by default: local letters' links point there. */
export const LOCAL_WEB_PORT = 8080;
export const LOCAL_WEB_ORIGIN = `http://127.0.0.1:${LOCAL_WEB_PORT}`;

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const lock = opts.dataDir ? lockDataDir(opts.dataDir, `monitor ${process.argv.slice(2).join(' ')}`.trim()) : undefined;
  try {
    return await startStack(opts, lock);
  } catch (e) {
    lock?.release();
    throw e;
  }
}

async function startStack(opts: LocalStackOptions, lock: { release(): void } | undefined): Promise<LocalStack> {
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(opts.dataDir ? { path: join(opts.dataDir, 'dynamodb') } : {}) });
  await new Promise<void>((resolve, reject) => {
    db.once('error', reject);
    db.listen(0, '127.0.0.1', () => resolve());
  });
  const dbPort = (db.address() as AddressInfo).port;
  const sqsServer = await startSqsServer({ port: 0, host: '127.0.0.1', logger: false, defaultRegion: 'eu-north-1', ...(opts.dataDir ? { dataDir: join(opts.dataDir, 'sqs') } : {}) });
  const feeds = opts.feeds ?? 'sample';
  const feedServer = feeds === 'sample' && opts.serveSamples !== false ? await startFeedServer({ feeds: opts.domain.sampleFeeds, samplesDir: opts.samplesDir, now: opts.now }) : undefined;

  const baseEnv: Record<string, string> = {
    [envName.region]: 'eu-north-1',
    [envName.dynamoEndpoint]: `http://127.0.0.1:${dbPort}`,
    [envName.sqsEndpoint]: sqsServer.address,
    [envName.table]: TABLE_NAME,
    [envName.feedRegistry]: feeds,
    [envName.allowLoopback]: feeds === 'sample' || opts.allowLoopback ? 'true' : 'false',
    [envName.mailer]: 'file',
    [envName.outboxDir]: opts.outboxDir ?? 'out',
    // Local letters link to `monitor serve` on its default address, which answers both.
    [envName.unsubscribeBaseUrl]: `${LOCAL_WEB_ORIGIN}/avregistrera`,
    [envName.archiveUrl]: `${LOCAL_WEB_ORIGIN}/arkiv`,
  };
  const clientConfig = readRuntimeConfig(baseEnv);
  const clients: AwsClients = { dynamodb: createDynamoClient(clientConfig), sqs: createSqsClient(clientConfig) };
  opts.clientMiddleware?.(clients);
  await ensureTable(clients, TABLE_NAME);
  const queues = {} as Record<QueueName, QueueRef>;
  for (const name of Object.keys(topology.queues) as QueueName[]) queues[name] = await ensureQueue(clients.sqs, name);
  const env = { ...baseEnv, ...Object.fromEntries((Object.keys(queues) as QueueName[]).map((q) => [envName.queueUrl(q), queues[q].url])) };
  const runtime = readRuntimeConfig(env);
  // Sample feeds point at the feed server's port, known only now.
  const domain = feedServer ? { ...opts.domain, sampleFeeds: feedServer.feeds } : opts.domain;
  const deps = buildDeps(runtime, domain, { ...opts.overrides, dynamodb: clients.dynamodb, sqs: clients.sqs });
  const handlers = {
    'fetch-feed': fetchFeedHandler(() => deps) as SqsHandler,
    'classify-article': classifyHandler(() => deps) as SqsHandler,
    'deliver-digest': deliverDigestHandler(() => deps) as SqsHandler,
  };

  const drainers = { 'read-article-page': readPageHandler(() => deps) };
  const queueDepth = async (name: QueueName, dlq = false) => {
    const out = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq ? queues[name].dlqUrl : queues[name].url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { visible: Number(out.Attributes?.ApproximateNumberOfMessages ?? 0), inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) };
  };

  return {
    env,
    runtime,
    deps,
    clients,
    queues,
    ...(feedServer ? { feedServer } : {}),
    handlers,
    queueDepth,
    async drain(d = {}) {
      const progress: DrainProgress = { invocations: {}, received: {}, failed: {}, crashes: 0 };
      const deadline = Date.now() + (d.timeoutMs ?? 120_000);
      const record = (name: string, r: { received: number; failed: number; crashed?: boolean }) => {
        progress.invocations[name] = (progress.invocations[name] ?? 0) + 1;
        progress.received[name] = (progress.received[name] ?? 0) + r.received;
        progress.failed[name] = (progress.failed[name] ?? 0) + r.failed;
        if (r.crashed) progress.crashes++;
        d.onProgress?.(progress);
      };
      for (;;) {
        let busy = false;
        for (const { name, timeoutSeconds, trigger } of sqsConsumers()) {
          const q = queues[trigger.queue];
          const handler = d.handlers?.[name as SqsFunctionName] ?? handlers[name as SqsFunctionName];
          const r = await pollOnce({
            sqs: clients.sqs,
            queueUrl: q.url,
            queueArn: q.arn,
            region: runtime.region,
            batchSize: trigger.batchSize,
            functionName: name,
            timeoutSeconds,
            handler,
            retryDelaySeconds: opts.retryDelaySeconds ?? 1,
          });
          if (r.received) {
            busy = true;
            record(name, r);
          }
        }
        // Scheduled readers of their own queue run as their schedule would, while it holds jobs.
        for (const { name, queue } of queueDrainers()) {
          if ((await queueDepth(queue)).visible === 0) continue;
          const r = await drainers[name as keyof typeof drainers]();
          if (r.received) {
            busy = true;
            record(name, { received: r.received, failed: r.left });
          }
        }
        if (!busy) {
          let pending = 0;
          // A job a scheduled reader left (a busy host) is hidden until its next run: not waited for here.
          const drained = new Set(queueDrainers().map((q) => q.queue));
          for (const name of Object.keys(queues) as QueueName[]) {
            const depth = await queueDepth(name);
            pending += depth.visible + (drained.has(name) ? 0 : depth.inFlight);
          }
          if (pending === 0) return progress;
          await new Promise((r) => setTimeout(r, 100));
        }
        if (Date.now() > deadline) throw new Error('the local queues did not drain in time');
      }
    },
    async stop() {
      await feedServer?.stop();
      await sqsServer.stop();
      await new Promise<void>((resolve) => db.close(() => resolve()));
      clients.dynamodb.destroy();
      clients.sqs.destroy();
      lock?.release();
    },
  };
}

async function ensureTable(clients: AwsClients, name: string) {
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
  } catch {
    await clients.dynamodb.send(new CreateTableCommand(localTableInput(name)));
  }
}

async function ensureQueue(sqs: SQSClient, name: QueueName): Promise<QueueRef> {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq`, Attributes: localDlqAttributes(name) }));
  const dlqArn = await arnOf(sqs, dlq.QueueUrl!);
  const q = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: localQueueAttributes(name, dlqArn) }));
  return { url: q.QueueUrl!, arn: await arnOf(sqs, q.QueueUrl!), dlqUrl: dlq.QueueUrl!, dlqArn };
}

async function arnOf(sqs: SQSClient, url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return out.Attributes!.QueueArn!;
}

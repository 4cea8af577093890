/** What every function's wiring shares: the table, the clock, randomness, the feed registry. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RuntimeConfig } from '../config/env.ts';
import type { DomainConfig } from '../config/domain-config.ts';
import type { ArticlePageSource, Clock, FeedSource, JobQueue, Mailer } from '../ports.ts';
import { createDynamoClient } from '../aws/clients.ts';
import { createSqsJobQueue } from '../adapters/sqs-job-queue.ts';
import { encodeJob } from '../messages.ts';
import type { ArticleJob, ArticlePageJob, DigestJob, FeedJob, StatementJob } from '../ports.ts';
import type { QueueName } from '../config/names.ts';

export const APP_NAME = 'Industrikommunernas mediebevakning';

export interface Overrides {
  clock?: Clock;
  feedSource?: FeedSource;
  /** Article pages for teaser-only opinion feeds. */
  pageSource?: ArticlePageSource;
  mailer?: Mailer;
  random?: () => number;
  dynamodb?: DynamoDBClient;
  sqs?: SQSClient;
}

export interface WiringInput {
  config: RuntimeConfig;
  domain: DomainConfig;
  overrides?: Overrides;
}

export function common({ config, domain, overrides = {} }: WiringInput) {
  const dynamodb = overrides.dynamodb ?? createDynamoClient(config);
  return {
    table: { client: dynamodb, tableName: config.tableName },
    clock: overrides.clock ?? { now: () => new Date() },
    random: overrides.random ?? Math.random,
    feeds: config.feedRegistry === 'sample' ? domain.sampleFeeds : domain.liveFeeds,
  };
}

export function jobQueue<T extends FeedJob | ArticleJob | ArticlePageJob | StatementJob | DigestJob>(sqs: SQSClient, config: RuntimeConfig, name: QueueName): JobQueue<T> {
  const url = config.queueUrls[name];
  if (!url) throw new Error(`no queue URL for ${name}: set the queue's environment variable`);
  return createSqsJobQueue<T>({ client: sqs, queueUrl: url, encode: encodeJob });
}

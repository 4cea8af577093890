/**
 * The composition root: builds every adapter from runtime config and hands the use cases their
 * ports. Lambda handlers and the local runtime both call it, so they run the same code.
 */
import type { RuntimeConfig } from './config/env.ts';
import type { DomainConfig } from './config/domain-config.ts';
import { createClients, type AwsClients } from './aws/clients.ts';
import { compileClassifier } from './domain/classify/classifier.ts';
import type { Statement } from './domain/types.ts';
import {
  createDynamoArticleStore,
  createDynamoDigestLedger,
  createDynamoFeedStateStore,
  createDynamoStatementStore,
  createDynamoSubscriberStore,
} from './adapters/dynamo-store.ts';
import { createSqsJobQueue } from './adapters/sqs-job-queue.ts';
import { createHttpFeedSource } from './adapters/http-feed-source.ts';
import { createFileMailer } from './adapters/file-mailer.ts';
import { encodeJob } from './messages.ts';
import type { ArticleJob, Clock, FeedJob, FeedSource, JobQueue, Mailer } from './ports.ts';
import { scheduleFeeds } from './use-cases/schedule-feeds.ts';
import { fetchFeed } from './use-cases/fetch-feed.ts';
import { classifyArticle } from './use-cases/classify-article.ts';
import { sendDigest } from './use-cases/send-digest.ts';

export const APP_NAME = 'Industrikommunernas mediebevakning';

export interface Overrides {
  clock?: Clock;
  feedSource?: FeedSource;
  mailer?: Mailer;
  random?: () => number;
  clients?: AwsClients;
}

const noQueue: JobQueue<never> = {
  sendAll: () => Promise.reject(new Error('this function has no queue bound')),
};

export function buildDeps(config: RuntimeConfig, domain: DomainConfig, overrides: Overrides = {}) {
  const clients = overrides.clients ?? createClients(config);
  const table = { client: clients.dynamodb, tableName: config.tableName };
  const clock = overrides.clock ?? { now: () => new Date() };
  const random = overrides.random ?? Math.random;
  const articles = createDynamoArticleStore(table);
  const feedStates = createDynamoFeedStateStore(table);
  const statements = createDynamoStatementStore(table);
  const subscribers = createDynamoSubscriberStore(table);
  const ledger = createDynamoDigestLedger(table);
  const queue = <T extends FeedJob | ArticleJob>(url: string | undefined): JobQueue<T> =>
    url ? createSqsJobQueue<T>({ client: clients.sqs, queueUrl: url, encode: encodeJob }) : (noQueue as JobQueue<T>);
  const feeds = config.feedRegistry === 'sample' ? domain.sampleFeeds : domain.liveFeeds;
  const feedSource =
    overrides.feedSource ??
    createHttpFeedSource({ userAgent: `IndustrikommunernasMediebevakning/0.1 (+${config.contactUrl})`, allowLoopback: config.allowLoopback });
  const mailer = overrides.mailer ?? createMailer(config);
  const classifier = compileClassifier(domain);
  // Registered statements change rarely: read once per container, with the config's as fallback.
  let statementCache: Promise<Statement[]> | undefined;
  const loadStatements = () =>
    (statementCache ??= statements.list().then((stored) => {
      const byId = new Map([...domain.statements, ...stored].map((s) => [s.id, s]));
      return [...byId.values()];
    }));

  return {
    clients,
    clock,
    feeds,
    stores: { articles, feedStates, statements, subscribers, ledger },
    scheduleFeeds: scheduleFeeds({ feeds, feedStates, feedJobs: queue<FeedJob>(config.queueUrls['feed-jobs']), clock }),
    fetchFeed: fetchFeed({ feeds, feedSource, feedStates, articles, articleJobs: queue<ArticleJob>(config.queueUrls.articles), clock, random }),
    classifyArticle: classifyArticle({ classifier, articles, statements, loadStatements, clock }),
    sendDigest: sendDigest({ articles, subscribers, statements, ledger, mailer, clock, unsubscribe: config.unsubscribe, appName: APP_NAME }),
    unsubscribeSecret: config.unsubscribe.secret,
  };
}

export type Deps = ReturnType<typeof buildDeps>;

function createMailer(config: RuntimeConfig): Mailer {
  if (config.mail.mailer === 'file') return createFileMailer({ dir: config.mail.outboxDir, from: config.mail.from });
  // SES is loaded only where it is used, so the other bundles stay small.
  let ses: Promise<Mailer> | undefined;
  return {
    async send(message) {
      ses ??= Promise.all([import('@aws-sdk/client-sesv2'), import('./adapters/ses-mailer.ts')]).then(([sdk, mod]) =>
        mod.createSesMailer({ client: new sdk.SESv2Client({ region: config.region }), from: config.mail.from, configurationSet: config.mail.configurationSet }),
      );
      return (await ses).send(message);
    },
  };
}

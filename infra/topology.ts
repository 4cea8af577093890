/**
 * The topology: functions, triggers, queues and schedules, as data. The CDK stack and the local
 * runtime both loop over this object, and a parity test checks the synthesized template against
 * it, so local and cloud cannot drift.
 */

import { ARTICLE_PAGES_MAX_RECEIVES, type FunctionName, type QueueName } from '../shared/config/names.ts';
export type { FunctionName, QueueName };

export interface QueueSpec {
  /** Seconds a received message stays hidden; at least 6× the consumer's timeout (AWS guidance). */
  visibilityTimeoutSeconds: number;
  /** Receives before SQS moves the message to the queue's DLQ. */
  maxReceiveCount: number;
  retentionDays: number;
  dlqRetentionDays: number;
  /** Set explicitly: the producers check each message against MAX_MESSAGE_BYTES, well below it. */
  maxMessageBytes: number;
}

export interface FunctionSpec {
  /** Entry file under functions/. */
  entry: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  trigger:
    | { kind: 'sqs'; queue: QueueName; batchSize: number; maxBatchingWindowSeconds: number; maxConcurrency: number }
    | { kind: 'schedule' }
    | { kind: 'url' };
  sendsTo: readonly QueueName[];
  /** 'subscriber-items': GetItem/UpdateItem on subscriber items only (a public URL's function). */
  /** 'web-items': reads everywhere, writes only to the items the web app owns (sign-in, rate, search shards, statements and coverage, subscribers). */
  table: 'read' | 'readwrite' | 'subscriber-items' | 'web-items';
  sendsMail: boolean;
  /** Reserved concurrency: a public endpoint cannot starve the pipeline's functions. */
  reservedConcurrency?: number;
  /**
   * A scheduled function that drains this queue itself (receive, handle, delete), instead of an
   * event source mapping: no idle polling, and exactly as many readers as its reserved concurrency.
   */
  drains?: QueueName;
}

export type ScheduleName = 'poll-feeds' | 'weekly-digest' | 'digest-watchdog' | 'daily-debate' | 'read-article-pages';

export interface ScheduleSpec {
  /** EventBridge Scheduler cron expression (6 fields: min hour dom month dow year). */
  cron: string;
  timeZone: 'Europe/Stockholm';
  description: string;
  target: FunctionName;
  /** The event the function is invoked with. */
  input?: Record<string, unknown>;
}

export const topology = {
  queues: {
    'feed-jobs': { visibilityTimeoutSeconds: 360, maxReceiveCount: 3, retentionDays: 4, dlqRetentionDays: 14, maxMessageBytes: 262_144 },
    articles: { visibilityTimeoutSeconds: 180, maxReceiveCount: 4, retentionDays: 4, dlqRetentionDays: 14, maxMessageBytes: 262_144 },
    // Drained by read-article-page one message at a time: a received job is read at once (≤ 35 s); one
    // left (a busy host, an error) comes back after six minutes, for the next run.
    'article-pages': { visibilityTimeoutSeconds: 360, maxReceiveCount: ARTICLE_PAGES_MAX_RECEIVES, retentionDays: 4, dlqRetentionDays: 14, maxMessageBytes: 262_144 },
    // One message per subscriber and week; a failed send is retried alone, then kept for the operator.
    digests: { visibilityTimeoutSeconds: 360, maxReceiveCount: 4, retentionDays: 4, dlqRetentionDays: 14, maxMessageBytes: 262_144 },
  } satisfies Record<QueueName, QueueSpec>,
  functions: {
    'schedule-feeds': {
      entry: 'functions/schedule-feeds.ts',
      description: 'Enqueues one fetch job per due feed',
      timeoutSeconds: 30,
      memoryMb: 256,
      trigger: { kind: 'schedule' },
      sendsTo: ['feed-jobs'],
      table: 'read',
      sendsMail: false,
    },
    'fetch-feed': {
      entry: 'functions/fetch-feed.ts',
      description: 'Fetches and parses one feed, enqueues each new item',
      timeoutSeconds: 60,
      // I/O bound: the batch's feeds are fetched in parallel; a 10 MB feed parses in about 200 MB.
      memoryMb: 512,
      trigger: { kind: 'sqs', queue: 'feed-jobs', batchSize: 5, maxBatchingWindowSeconds: 0, maxConcurrency: 5 },
      sendsTo: ['articles'],
      table: 'readwrite',
      sendsMail: false,
    },
    'classify-article': {
      entry: 'functions/classify-article.ts',
      description: 'Classifies and stores each article',
      // A batch takes about a second; teaser pages are read by read-article-page. Visibility is six times this.
      timeoutSeconds: 30,
      memoryMb: 256,
      trigger: { kind: 'sqs', queue: 'articles', batchSize: 10, maxBatchingWindowSeconds: 5, maxConcurrency: 4 },
      sendsTo: ['article-pages'],
      table: 'readwrite',
      sendsMail: false,
    },
    'read-article-page': {
      entry: 'functions/read-article-page.ts',
      description: 'Reads teaser-only opinion pieces\u2019 own pages, one at a time, for their thesis and signature',
      // Run every 10 minutes, it drains the article-pages queue: pages one after another (up to 30 s
      // wait for the host's turn, 5 s each), stopping 40 s before this timeout.
      timeoutSeconds: 300,
      // Readability on linkedom's DOM for a page of at most 2 MB.
      memoryMb: 512,
      trigger: { kind: 'schedule' },
      drains: 'article-pages',
      sendsTo: [],
      table: 'readwrite',
      sendsMail: false,
      // One reader for the whole product: one page per host per 10 s holds by construction.
      reservedConcurrency: 1,
    },
    'send-digest': {
      entry: 'functions/send-digest.ts',
      description: 'Groups and ranks the week\u2019s stories once, enqueues one digest job per subscriber',
      // Reads only the sparse index of relevant entries (a few MB at 35,000 articles a week),
      // groups in about a second and enqueues 1,000 jobs: measured by npm run bench:digest.
      timeoutSeconds: 300,
      memoryMb: 1024,
      trigger: { kind: 'schedule' },
      sendsTo: ['digests'],
      table: 'readwrite',
      sendsMail: false,
    },
    'deliver-digest': {
      entry: 'functions/deliver-digest.ts',
      description: 'Cuts one subscriber\u2019s letter from the week\u2019s edition and sends it once',
      // The edition is read once per warm container; each letter is a few ms of rendering and one send.
      timeoutSeconds: 60,
      memoryMb: 512,
      trigger: { kind: 'sqs', queue: 'digests', batchSize: 10, maxBatchingWindowSeconds: 0, maxConcurrency: 4 },
      sendsTo: [],
      table: 'readwrite',
      sendsMail: true,
    },
    'send-alerts': {
      entry: 'functions/send-alerts.ts',
      description: 'Dagens debatt: the day\u2019s opinion pieces with reply-by dates to subscribers with daily alerts',
      // Reads one or two weeks of the sparse index once; one short letter per reader who has
      // something (communicators: tens to a few hundred), sent in-process at SES's rate.
      timeoutSeconds: 300,
      memoryMb: 512,
      trigger: { kind: 'schedule' },
      sendsTo: [],
      table: 'readwrite',
      sendsMail: true,
    },
    unsubscribe: {
      entry: 'functions/unsubscribe.ts',
      description: 'Verifies a signed unsubscribe token and deactivates the subscriber',
      timeoutSeconds: 10,
      memoryMb: 256,
      trigger: { kind: 'url' },
      sendsTo: [],
      table: 'subscriber-items',
      sendsMail: false,
      // Public and unauthenticated: a flood is capped here instead of taking the account's concurrency.
      reservedConcurrency: 5,
    },
    web: {
      entry: 'functions/web.ts',
      description: 'Bevakningen p\u00e5 webben: archive, debates, coverage and settings for signed-in subscribers',
      // Search indexes a week's relevant entries in process: memory for 52 cached weeks.
      timeoutSeconds: 29,
      memoryMb: 1024,
      // A function URL, not API Gateway: one function, no per-request API charge; reserved
      // concurrency caps what a flood can cost or take from the pipeline, and sign-in requests
      // are rate-limited per address and per client in the table.
      trigger: { kind: 'url' },
      // New statements from the secretariat are matched by match-statement jobs.
      sendsTo: ['articles'],
      table: 'web-items',
      sendsMail: true,
      reservedConcurrency: 10,
    },
  } satisfies Record<FunctionName, FunctionSpec>,
  schedules: {
    'poll-feeds': { cron: 'cron(0/15 * * * ? *)', timeZone: 'Europe/Stockholm', description: 'Poll due feeds every 15 minutes', target: 'schedule-feeds' },
    'weekly-digest': { cron: 'cron(0 7 ? * MON *)', timeZone: 'Europe/Stockholm', description: 'Weekly digest, Mondays 07:00', target: 'send-digest' },
    'digest-watchdog': {
      cron: 'cron(0 9 ? * MON *)',
      timeZone: 'Europe/Stockholm',
      description: 'Counts subscribers without a sent digest, Mondays 09:00 (alarm input)',
      target: 'send-digest',
      input: { check: true },
    },
    'daily-debate': { cron: 'cron(0 7 ? * MON-FRI *)', timeZone: 'Europe/Stockholm', description: 'Dagens debatt, weekdays 07:00', target: 'send-alerts' },
    // Every 10 minutes: a teaser's thesis is in within the quarter hour, long before the 07:00 alert.
    'read-article-pages': { cron: 'cron(0/10 * * * ? *)', timeZone: 'Europe/Stockholm', description: 'Reads queued teaser pages, every 10 minutes', target: 'read-article-page' },
  } satisfies Record<ScheduleName, ScheduleSpec>,
} as const;

/** Feed polling every `minutes` instead of the default 15 (CDK context pollMinutes). */
export function pollCron(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 59) throw new Error(`pollMinutes must be a whole number from 1 to 59, not ${minutes}`);
  return `cron(0/${minutes} * * * ? *)`;
}

export const queueNames = Object.keys(topology.queues) as QueueName[];
export const functionNames = Object.keys(topology.functions) as FunctionName[];
export const scheduleNames = Object.keys(topology.schedules) as ScheduleName[];

type SqsTrigger = Extract<FunctionSpec['trigger'], { kind: 'sqs' }>;

/** The scheduled functions that drain a queue of their own (the local runtime runs them while that queue holds jobs). */
export function queueDrainers(): Array<{ name: FunctionName; queue: QueueName }> {
  return functionNames.flatMap((name) => {
    const f: FunctionSpec = topology.functions[name];
    return f.drains ? [{ name, queue: f.drains }] : [];
  });
}

/** The SQS-triggered functions with their triggers: what Lambda event source mappings (or the local poller) drive. */
export function sqsConsumers(): Array<{ name: FunctionName; timeoutSeconds: number; trigger: SqsTrigger }> {
  return functionNames.flatMap((name) => {
    const f: FunctionSpec = topology.functions[name];
    return f.trigger.kind === 'sqs' ? [{ name, timeoutSeconds: f.timeoutSeconds, trigger: f.trigger }] : [];
  });
}

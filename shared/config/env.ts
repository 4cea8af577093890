/**
 * Runtime configuration from the environment: variable names derived in one place (the CDK
 * binds them with the same helpers) and validated once, naming any variable that is wrong.
 */
import * as z from 'zod';
import type { QueueName } from './names.ts';

export const envName = {
  table: 'TABLE_NAME',
  queueUrl: (q: QueueName) => `QUEUE_URL_${q.toUpperCase().replace(/-/g, '_')}`,
  feedRegistry: 'FEED_REGISTRY',
  allowLoopback: 'ALLOW_LOOPBACK_FEEDS',
  mailFrom: 'MAIL_FROM',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  mailer: 'MAILER',
  outboxDir: 'OUTBOX_DIR',
  unsubscribeBaseUrl: 'UNSUBSCRIBE_BASE_URL',
  unsubscribeSecret: 'UNSUBSCRIBE_SECRET',
  unsubscribeSecretArn: 'UNSUBSCRIBE_SECRET_ARN',
  contactUrl: 'MONITOR_CONTACT_URL',
  /** The web archive "och N till" links to; plain text when unset. */
  archiveUrl: 'DIGEST_ARCHIVE_URL',
  webBaseUrl: 'WEB_BASE_URL',
  /** Days an article is kept after publication (DynamoDB TTL). */
  articleRetentionDays: 'ARTICLE_RETENTION_DAYS',
  dynamoEndpoint: 'AWS_ENDPOINT_URL_DYNAMODB',
  sqsEndpoint: 'AWS_ENDPOINT_URL_SQS',
  region: 'AWS_REGION',
} as const;

const schema = z.object({
  [envName.table]: z.string().min(1),
  [envName.queueUrl('feed-jobs')]: z.string().min(1).optional(),
  [envName.queueUrl('articles')]: z.string().min(1).optional(),
  [envName.queueUrl('article-pages')]: z.string().min(1).optional(),
  [envName.queueUrl('digests')]: z.string().min(1).optional(),
  [envName.archiveUrl]: z.string().url().optional(),
  [envName.webBaseUrl]: z.string().url().optional(),
  [envName.articleRetentionDays]: z.coerce.number().int().min(30).max(3650).default(730),
  [envName.feedRegistry]: z.enum(['live', 'sample']).default('live'),
  [envName.allowLoopback]: z.enum(['true', 'false']).default('false'),
  [envName.mailFrom]: z.string().default('Mediebevakningen <bevakning@example.invalid>'),
  [envName.sesConfigurationSet]: z.string().optional(),
  [envName.mailer]: z.enum(['ses', 'file']).default('ses'),
  [envName.outboxDir]: z.string().default('out'),
  [envName.unsubscribeBaseUrl]: z.string().url().default('https://example.invalid/unsubscribe'),
  [envName.unsubscribeSecret]: z.string().min(16).optional(),
  [envName.contactUrl]: z.string().default('https://github.com/industrikommunerna/mediebevakning'),
  [envName.dynamoEndpoint]: z.string().url().optional(),
  [envName.sqsEndpoint]: z.string().url().optional(),
  [envName.region]: z.string().default('eu-north-1'),
});

/** Signs unsubscribe links (and keys subscriber ids) on the local stack only; never accepted in Lambda. */
export const LOCAL_UNSUBSCRIBE_SECRET = 'local-development-secret-only';

export interface RuntimeConfig {
  tableName: string;
  queueUrls: Partial<Record<QueueName, string>>;
  feedRegistry: 'live' | 'sample';
  allowLoopback: boolean;
  mail: { from: string; mailer: 'ses' | 'file'; outboxDir: string; configurationSet?: string | undefined };
  unsubscribe: { baseUrl: string; secret: string };
  contactUrl: string;
  archiveUrl?: string | undefined;
  /** The web app's public address (a custom domain); without it the request's own origin. */
  webBaseUrl?: string | undefined;
  /** Two years by default: a year-on-year comparison of any week stays possible. */
  articleRetentionDays: number;
  endpoints: { dynamodb?: string | undefined; sqs?: string | undefined };
  region: string;
}

export function readRuntimeConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  const r = schema.safeParse(env);
  if (!r.success) throw new Error(`invalid environment: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = r.data as Record<string, string | undefined>;
  // In Lambda the signing key must come from Secrets Manager; the fixed development key is for local runs only.
  const inLambda = !!env.AWS_LAMBDA_FUNCTION_NAME;
  const secret = e[envName.unsubscribeSecret] ?? (inLambda ? undefined : LOCAL_UNSUBSCRIBE_SECRET);
  if (!secret) throw new Error(`invalid environment: ${envName.unsubscribeSecret} is not set (it is read from ${envName.unsubscribeSecretArn} at cold start)`);
  return {
    tableName: e[envName.table]!,
    queueUrls: { 'feed-jobs': e[envName.queueUrl('feed-jobs')], articles: e[envName.queueUrl('articles')], 'article-pages': e[envName.queueUrl('article-pages')], digests: e[envName.queueUrl('digests')] },
    archiveUrl: e[envName.archiveUrl],
    webBaseUrl: e[envName.webBaseUrl],
    articleRetentionDays: Number(e[envName.articleRetentionDays]),
    feedRegistry: e[envName.feedRegistry] as 'live' | 'sample',
    allowLoopback: e[envName.allowLoopback] === 'true',
    mail: { from: e[envName.mailFrom]!, mailer: e[envName.mailer] as 'ses' | 'file', outboxDir: e[envName.outboxDir]!, configurationSet: e[envName.sesConfigurationSet] },
    unsubscribe: { baseUrl: e[envName.unsubscribeBaseUrl]!, secret },
    contactUrl: e[envName.contactUrl]!,
    endpoints: { dynamodb: e[envName.dynamoEndpoint], sqs: e[envName.sqsEndpoint] },
    region: e[envName.region]!,
  };
}

/** Codecs for queue message bodies: versioned, validated, size-checked. */
import * as z from 'zod';
import type { ArticleJob, ArticlePageJob, DigestJob, FeedJob, StatementJob } from './ports.ts';

/** SQS's limit is 256 KiB per message (and per batch); stay well below it. */
export const MAX_MESSAGE_BYTES = 200 * 1024;

const candidate = z.object({
  id: z.string().min(1),
  url: z.string().url(),
  title: z.string(),
  summary: z.string(),
  publishedAt: z.string().datetime(),
  dateEstimated: z.boolean(),
  outlet: z.string(),
  feedId: z.string(),
  feedKind: z.enum(['news', 'opinion', 'press_releases']),
  categories: z.array(z.string()),
  author: z.string().optional(),
  language: z.enum(['sv', 'en', 'other']),
});

export const feedJobSchema = z.object({ v: z.literal(1), type: z.literal('fetch-feed'), feedId: z.string().min(1), scheduledAt: z.string(), forceFull: z.boolean().optional() });
export const articleJobSchema = z.object({ v: z.literal(1), type: z.literal('classify-article'), article: candidate });
export const statementJobSchema = z.object({ v: z.literal(1), type: z.literal('match-statement'), statementId: z.string().regex(/^[a-z0-9-]+$/), week: z.string().regex(/^\d{4}-W\d{2}$/) });
/** A stored teaser-only opinion piece whose page is to be read (by id: the page job re-reads the article). */
export const articlePageJobSchema = z.object({ v: z.literal(1), type: z.literal('read-article-page'), articleId: z.string().min(1).max(200) });
/** The articles queue carries both: new articles, and new statements to match against a stored week. */
const articlesQueueJobSchema = z.discriminatedUnion('type', [articleJobSchema, statementJobSchema]);

export const digestJobSchema = z.object({
  v: z.literal(1),
  type: z.literal('deliver-digest'),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  subscriberId: z.string().min(1),
  editionBuiltAt: z.string().datetime(),
  force: z.boolean().optional(),
});

export class MessageError extends Error {
  override name = 'MessageError';
}

function decode<T>(schema: z.ZodType<T>, body: string, what: string): T {
  if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES) throw new MessageError(`${what}: message of ${Buffer.byteLength(body)} bytes is larger than ${MAX_MESSAGE_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MessageError(`${what}: body is not JSON`);
  }
  const v = (json as { v?: unknown } | null)?.v;
  if (v !== 1) throw new MessageError(`${what}: unsupported message version ${JSON.stringify(v)} (expected 1)`);
  const r = schema.safeParse(json);
  if (!r.success) throw new MessageError(`${what}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export const decodeFeedJob = (body: string): FeedJob => decode(feedJobSchema, body, 'fetch-feed job') as FeedJob;
export const decodeArticleJob = (body: string): ArticleJob => decode(articleJobSchema, body, 'classify-article job') as ArticleJob;
export const decodeArticlesQueueJob = (body: string): ArticleJob | StatementJob => decode(articlesQueueJobSchema, body, 'articles queue job') as ArticleJob | StatementJob;
export const decodeArticlePageJob = (body: string): ArticlePageJob => decode(articlePageJobSchema, body, 'read-article-page job') as ArticlePageJob;
export const decodeDigestJob = (body: string): DigestJob => decode(digestJobSchema, body, 'deliver-digest job') as DigestJob;
export const encodeJob = (job: FeedJob | ArticleJob | ArticlePageJob | StatementJob | DigestJob): string => JSON.stringify(job);

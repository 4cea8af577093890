/** Articles: the week list, the sparse relevant index of compact digest entries, retention. */
import { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isRelevant, toDigestEntry, type DigestEntry } from '../../domain/digest/stories.ts';
import { GENRES, TOPICS, type Article } from '../../domain/types.ts';
import { keys, SCHEMA_VERSION, tableSchema } from '../../storage/table-schema.ts';
import type { ArticleSeen, ArticleStore } from '../../ports.ts';
import * as z from 'zod';
import { type Item, m, V, GSI, conditionally, type TableRef, queryPages, batchGetAll, queryAll, countPages } from './table.ts';

const digestEntrySchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  url: z.string(),
  outlet: z.string(),
  publishedAt: z.string(),
  genre: z.enum(GENRES),
  author: z.string().optional(),
  topics: z.array(z.enum(TOPICS)),
  municipalities: z.array(z.string()),
  summary: z.string(),
  statementIds: z.array(z.string()),
  mentionsNetwork: z.boolean(),
  ownPublication: z.boolean().optional(),
  seenAt: z.string().optional(),
  debate: z.object({ replyBy: z.string(), own: z.boolean(), repliesToNetwork: z.boolean() }).optional(),
  opinion: z
    .object({
      thesis: z.array(z.string()),
      author: z.string().nullable(),
      authorRole: z.string().nullable(),
      repliesTo: z.object({ title: z.string().nullable(), author: z.string().nullable(), url: z.string().nullable() }).nullable(),
      stanceToNetwork: z.object({ stance: z.enum(['stöder', 'kritiserar']), sentence: z.string() }).optional(),
    })
    .optional(),
});

/** Days an article is kept when nothing else is configured (ARTICLE_RETENTION_DAYS). */
export const DEFAULT_ARTICLE_RETENTION_DAYS = 730;

/**
 * The article item: keys for the week list, and for the sparse relevant index when it can appear
 * in a digest; it expires (DynamoDB TTL, epoch seconds) `retentionDays` after publication.
 */
/** The keys in the sparse relevant index and the compact digest entry, when the article can appear in a digest. */
function relevantAttributes(article: Article): Record<string, unknown> | undefined {
  if (!isRelevant(article.classification)) return undefined;
  return { ...keys.relevantWeek(article.isoWeek, article.publishedAt, article.id), digestEntry: toDigestEntry(article) };
}

export function articleItem(article: Article, retentionDays = DEFAULT_ARTICLE_RETENTION_DAYS): Item {
  const { sources, ...rest } = article;
  const published = Date.parse(article.publishedAt);
  const expiresAt = Math.floor((Number.isFinite(published) ? published : Date.now()) / 1000) + retentionDays * 86400;
  return {
    ...m({
      [tableSchema.ttlAttribute]: expiresAt,
      ...keys.article(article.id),
      ...keys.articleWeek(article.isoWeek, article.publishedAt, article.id),
      ...relevantAttributes(article),
      [V]: SCHEMA_VERSION,
      article: rest,
    }),
    sources: { SS: [...new Set(sources)].sort() },
  };
}


function decodeArticle(item: Item): Article | null {
  const o = unmarshall(item);
  if (o[V] !== SCHEMA_VERSION || typeof o.article !== 'object' || !o.article) return null;
  return { ...(o.article as Article), sources: [...((o.sources as Set<string> | undefined) ?? [])].sort() };
}

export function createDynamoArticleStore(ref: TableRef, opts: { retentionDays?: number } = {}): ArticleStore {
  const conditionalPut = async (article: Article, condition: string, names: Record<string, string>, values?: Item): Promise<boolean> => {
    return conditionally(
      ref.client.send(
        new PutItemCommand({
          TableName: ref.tableName,
          Item: articleItem(article, opts.retentionDays),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  };
  return {
    async seen(ids) {
      const out = new Map<string, ArticleSeen>();
      const items = await batchGetAll(
        ref,
        [...new Set(ids)].map((id) => m(keys.article(id))),
        { expression: '#pk, #src, #a.#f', names: { '#pk': tableSchema.partitionKey, '#src': 'sources', '#a': 'article', '#f': 'feedId' } },
      );
      for (const item of items) {
        const o = unmarshall(item);
        const id = String(o[tableSchema.partitionKey]).slice('ARTICLE#'.length);
        out.set(id, { id, sources: [...((o.sources as Set<string> | undefined) ?? [])], primaryFeedId: String((o.article as { feedId?: string } | undefined)?.feedId ?? '') });
      }
      return out;
    },
    async putIfNew(article) {
      return conditionalPut(article, 'attribute_not_exists(#pk)', { '#pk': tableSchema.partitionKey });
    },
    async replacePrimary(article, expectedPrimary) {
      return conditionalPut(article, '#a.#f = :expected', { '#a': 'article', '#f': 'feedId' }, { ':expected': { S: expectedPrimary } });
    },
    async attachPage(article) {
      // An update, not a put: sources added meanwhile by other feeds' copies are kept. The page may
      // show the network or a statement the teaser did not: the classification and, when the piece
      // becomes relevant, its keys in the sparse index and its digest entry go with it.
      const entry = relevantAttributes(article);
      const names: Record<string, string> = { '#pk': tableSchema.partitionKey, '#a': 'article', '#page': 'page', '#op': 'opinion', '#cls': 'classification', '#f': 'feedId' };
      const values: Record<string, unknown> = { ':page': article.page ?? {}, ':op': article.opinion ?? {}, ':cls': article.classification, ':primary': article.feedId };
      const sets = ['#a.#page = :page', '#a.#op = :op', '#a.#cls = :cls'];
      Object.entries(entry ?? {}).forEach(([attr, value], i) => {
        names[`#e${i}`] = attr;
        values[`:e${i}`] = value;
        sets.push(`#e${i} = :e${i}`);
      });
      return conditionally(
        ref.client.send(
          new UpdateItemCommand({
            TableName: ref.tableName,
            Key: m(keys.article(article.id)),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#a.#page) AND #a.#f = :primary',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: m(values),
          }),
        ),
      );
    },
    async addSource(id, feedId) {
      // When the article is not stored yet, its classify job is still queued and records this source too.
      await conditionally(
        ref.client.send(
          new UpdateItemCommand({
            TableName: ref.tableName,
            Key: m(keys.article(id)),
            UpdateExpression: 'ADD sources :s',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#pk': tableSchema.partitionKey },
            ExpressionAttributeValues: { ':s': { SS: [feedId] } },
          }),
        ),
      );
    },
    async byWeek(isoWeek) {
      const items = await queryAll(ref, keys.weekPartition(isoWeek));
      const articles: Article[] = [];
      const undecodable: string[] = [];
      for (const item of items) {
        const a = decodeArticle(item);
        if (a) articles.push(a);
        else undecodable.push(String(unmarshall(item)[tableSchema.partitionKey]));
      }
      return { articles, itemsRead: items.length, undecodable };
    },
    async *byWeekPages(isoWeek) {
      for await (const items of queryPages(ref, keys.weekPartition(isoWeek))) yield items.flatMap((item) => decodeArticle(item) ?? []);
    },
    async relevantByWeek(isoWeek) {
      const items = await queryAll(ref, keys.relevantPartition(isoWeek), tableSchema.indexes.relevant);
      const entries: DigestEntry[] = [];
      const undecodable: string[] = [];
      for (const item of items) {
        const o = unmarshall(item);
        const r = digestEntrySchema.safeParse(o.digestEntry);
        if (r.success) entries.push(r.data as DigestEntry);
        else undecodable.push(String(o[tableSchema.partitionKey]));
      }
      return { entries, itemsRead: items.length, undecodable };
    },
    async getMany(ids) {
      const out = new Map<string, Article>();
      for (const item of await batchGetAll(ref, [...new Set(ids)].map((id) => m(keys.article(id))))) {
        const a = decodeArticle(item);
        if (a) out.set(a.id, a);
      }
      return out;
    },
    async get(id) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.article(id)), ConsistentRead: true }));
      return out.Item ? (decodeArticle(out.Item) ?? undefined) : undefined;
    },
    async countWeek(isoWeek) {
      return countPages((start) =>
        ref.client.send(
          new QueryCommand({
            TableName: ref.tableName,
            IndexName: GSI.name,
            Select: 'COUNT',
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': GSI.partitionKey },
            ExpressionAttributeValues: { ':pk': { S: keys.weekPartition(isoWeek) } },
            ExclusiveStartKey: start,
          }),
        ),
      );
    },
    async countAll() {
      return countPages((start) =>
        ref.client.send(
          new ScanCommand({
            TableName: ref.tableName,
            Select: 'COUNT',
            FilterExpression: '#sk = :sk',
            ExpressionAttributeNames: { '#sk': tableSchema.sortKey },
            ExpressionAttributeValues: { ':sk': { S: 'ARTICLE' } },
            ExclusiveStartKey: start,
          }),
        ),
      );
    },
  };
}


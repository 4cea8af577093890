/**
 * DynamoDB adapters for every store port, on one table. Keys come from the shared key schema;
 * writes that could race are conditional; every item carries a schema version and an item that
 * fails to decode is reported, never silently dropped.
 */
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { isRelevant, toDigestEntry, type DigestEntry } from '../domain/digest/stories.ts';
import { EditionNotReadyError, type WeekEdition } from '../domain/digest/edition.ts';
import { GENRES, TOPICS } from '../domain/types.ts';
import { keys, SCHEMA_VERSION, tableSchema } from '../storage/table-schema.ts';
import type { Article, Statement, Subscriber } from '../domain/types.ts';
import type { FeedState } from '../domain/feed/health.ts';
import type { ArticleSeen, ArticleStore, CoverageLink, DigestLedger, EditionStore, FeedStateStore, SearchShard, SearchShardStore, SignInStore, StatementStore, SubscriberStore } from '../ports.ts';

type Item = Record<string, AttributeValue>;
const m = (o: Record<string, unknown>): Item => marshall(o, { removeUndefinedValues: true, convertClassInstanceToMap: true });
const V = tableSchema.versionAttribute;
const GSI = tableSchema.indexes.byList;

export class ConcurrentUpdateError extends Error {
  override name = 'ConcurrentUpdateError';
}

/** True when the conditional write happened, false when its condition failed; any other error is thrown. */
async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

export interface TableRef {
  client: DynamoDBClient;
  tableName: string;
}

type IndexRef = { name: string; partitionKey: string };

/** A Query's result pages, one at a time (bounded memory for a large partition). */
async function* queryPages(ref: TableRef, partition: string, index: boolean | IndexRef = true, consistent = false): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  const ix: IndexRef | undefined = index === true ? GSI : index === false ? undefined : index;
  do {
    const out = await ref.client.send(
      new QueryCommand({
        TableName: ref.tableName,
        ...(ix ? { IndexName: ix.name } : { ConsistentRead: consistent }),
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': ix ? ix.partitionKey : tableSchema.partitionKey },
        ExpressionAttributeValues: { ':pk': { S: partition } },
        ExclusiveStartKey: start,
      }),
    );
    yield out.Items ?? [];
    start = out.LastEvaluatedKey;
  } while (start);
}

/**
 * BatchGetItem over any number of keys: 100 a call, UnprocessedKeys retried with a short backoff
 * (DynamoDB returns them under load). Items come back in no particular order.
 */
async function batchGetAll(ref: TableRef, itemKeys: readonly Item[], projection?: { expression: string; names: Record<string, string> }): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < itemKeys.length; i += 100) {
    let request: Record<string, { Keys: Item[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> | undefined = {
      [ref.tableName]: { Keys: itemKeys.slice(i, i + 100), ...(projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } : {}) },
    };
    for (let attempt = 0; request && Object.keys(request).length; attempt++) {
      const res = await ref.client.send(new BatchGetItemCommand({ RequestItems: request }));
      items.push(...(res.Responses?.[ref.tableName] ?? []));
      request = res.UnprocessedKeys as typeof request;
      if (request && Object.keys(request).length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
  return items;
}

async function queryAll(ref: TableRef, partition: string, index: boolean | IndexRef = true, consistent = false): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(ref, partition, index, consistent)) items.push(...page);
  return items;
}

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
});

/** Days an article is kept when nothing else is configured (ARTICLE_RETENTION_DAYS). */
export const DEFAULT_ARTICLE_RETENTION_DAYS = 730;

/**
 * The article item: keys for the week list, and for the sparse relevant index when it can appear
 * in a digest; it expires (DynamoDB TTL, epoch seconds) `retentionDays` after publication.
 */
export function articleItem(article: Article, retentionDays = DEFAULT_ARTICLE_RETENTION_DAYS): Item {
  const { sources, ...rest } = article;
  const relevant = isRelevant(article.classification);
  const published = Date.parse(article.publishedAt);
  const expiresAt = Math.floor((Number.isFinite(published) ? published : Date.now()) / 1000) + retentionDays * 86400;
  return {
    ...m({
      [tableSchema.ttlAttribute]: expiresAt,
      ...keys.article(article.id),
      ...keys.articleWeek(article.isoWeek, article.publishedAt, article.id),
      ...(relevant ? { ...keys.relevantWeek(article.isoWeek, article.publishedAt, article.id), digestEntry: toDigestEntry(article) } : {}),
      [V]: SCHEMA_VERSION,
      article: rest,
    }),
    sources: { SS: [...new Set(sources)].sort() },
  };
}

/** Sums Select COUNT pages of a Query or Scan. */
async function countPages(page: (start: Item | undefined) => Promise<{ Count?: number | undefined; LastEvaluatedKey?: Item | undefined }>): Promise<number> {
  let count = 0;
  let start: Item | undefined;
  do {
    const out = await page(start);
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
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

export function createDynamoFeedStateStore(ref: TableRef): FeedStateStore {
  const decode = (item: Item): FeedState => unmarshall(item).state as FeedState;
  return {
    async all() {
      return (await queryAll(ref, keys.feedStatePartition)).map(decode);
    },
    async get(feedId) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.feedState(feedId)), ConsistentRead: true }));
      return out.Item ? decode(out.Item) : undefined;
    },
    async put(state, expectedVersion) {
      const written = await conditionally(
        ref.client.send(
          new PutItemCommand({
            TableName: ref.tableName,
            Item: m({ ...keys.feedState(state.feedId), ...keys.feedStateList(state.feedId), [V]: SCHEMA_VERSION, version: state.version, state }),
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(#pk)' : '#v = :v',
            ExpressionAttributeNames: expectedVersion === 0 ? { '#pk': tableSchema.partitionKey } : { '#v': 'version' },
            ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': { N: String(expectedVersion) } } }),
          }),
        ),
      );
      if (!written) throw new ConcurrentUpdateError(`feed ${state.feedId} was updated concurrently (expected version ${expectedVersion})`);
    },
  };
}

export function createDynamoStatementStore(ref: TableRef): StatementStore {
  return {
    async list() {
      return (await queryAll(ref, keys.statementPartition)).map((i) => unmarshall(i).statement as Statement);
    },
    async get(id) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.statement(id)), ConsistentRead: true }));
      return out.Item ? (unmarshall(out.Item).statement as Statement) : undefined;
    },
    async remove(id) {
      // Its coverage links first: a crash in between leaves a statement to remove again, never orphan links of a live one.
      const links = await queryAll(ref, keys.coveragePartition(id), false);
      for (const item of links) await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: { [tableSchema.partitionKey]: item[tableSchema.partitionKey]!, [tableSchema.sortKey]: item[tableSchema.sortKey]! } }));
      const out = await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.statement(id)), ReturnValues: 'ALL_OLD' }));
      return { removed: !!out.Attributes, links: links.length };
    },
    async put(statement) {
      await ref.client.send(
        new PutItemCommand({ TableName: ref.tableName, Item: m({ ...keys.statement(statement.id), ...keys.statementList(statement.date, statement.id), [V]: SCHEMA_VERSION, statement }) }),
      );
    },
    async linkCoverage(link) {
      await ref.client.send(new PutItemCommand({ TableName: ref.tableName, Item: m({ ...keys.coverage(link.statementId, link.articleId), [V]: SCHEMA_VERSION, link }) }));
    },
    async unlinkCoverage(statementId, articleId) {
      await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.coverage(statementId, articleId)) }));
    },
    async coverage(statementId) {
      const links = (await queryAll(ref, keys.coveragePartition(statementId), false)).map((i) => unmarshall(i).link as CoverageLink);
      return links.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.articleId.localeCompare(b.articleId));
    },
  };
}

/** Days an unsubscribed person's details are kept (for questions, or a change of mind); the suppression stays. */
export const UNSUBSCRIBED_RETENTION_DAYS = 30;

export function createDynamoSubscriberStore(ref: TableRef): SubscriberStore {
  const update = (id: string, expr: string, values?: Item, names: Record<string, string> = {}) =>
    conditionally(
      ref.client.send(
        new UpdateItemCommand({
          TableName: ref.tableName,
          Key: m(keys.subscriber(id)),
          UpdateExpression: expr,
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': tableSchema.partitionKey, ...names },
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  return {
    async list() {
      return (await queryAll(ref, keys.subscriberPartition)).map((i) => {
        const o = unmarshall(i);
        return { ...(o.subscriber as Subscriber), active: o.active as boolean, ...(o.sessionEpoch ? { sessionEpoch: Number(o.sessionEpoch) } : {}) };
      });
    },
    async get(id) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.subscriber(id)), ConsistentRead: true }));
      if (!out.Item) return undefined;
      const o = unmarshall(out.Item);
      return { ...(o.subscriber as Subscriber), active: o.active as boolean, ...(o.sessionEpoch ? { sessionEpoch: Number(o.sessionEpoch) } : {}) };
    },
    async put(subscriber) {
      // An upsert that leaves the session epoch alone: re-adding or editing someone must not bring
      // back sessions they ended by signing out. A leftover expiry (an earlier unsubscribe) goes.
      const { active, sessionEpoch: _epoch, ...rest } = subscriber;
      const list = keys.subscriberList(subscriber.email);
      await ref.client.send(
        new UpdateItemCommand({
          TableName: ref.tableName,
          Key: m(keys.subscriber(subscriber.id)),
          UpdateExpression: 'SET #lpk = :lpk, #lsk = :lsk, #v = :v, #s = :s, #a = :a REMOVE #ttl',
          ExpressionAttributeNames: { '#lpk': GSI.partitionKey, '#lsk': GSI.sortKey, '#v': V, '#s': 'subscriber', '#a': 'active', '#ttl': tableSchema.ttlAttribute },
          ExpressionAttributeValues: m({ ':lpk': list.gsi1pk, ':lsk': list.gsi1sk, ':v': SCHEMA_VERSION, ':s': rest, ':a': active }),
        }),
      );
    },
    async endSessions(id) {
      return update(id, 'ADD #e :one', { ':one': { N: '1' } }, { '#e': 'sessionEpoch' });
    },
    async remove(id) {
      const out = await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.subscriber(id)), ReturnValues: 'ALL_OLD' }));
      // Suppression survives removal: only the id (a hash of the address) is kept, nothing else.
      if (out.Attributes && unmarshall(out.Attributes).active === false) {
        await ref.client.send(new PutItemCommand({ TableName: ref.tableName, Item: m({ ...keys.suppression(id), [V]: SCHEMA_VERSION }) }));
      }
      return !!out.Attributes;
    },
    async isSuppressed(...ids) {
      // One round trip for every id asked (the keyed one and a legacy one).
      const out = await ref.client.send(
        new BatchGetItemCommand({ RequestItems: { [ref.tableName]: { Keys: ids.flatMap((id) => [m(keys.subscriber(id)), m(keys.suppression(id))]), ConsistentRead: true } } }),
      );
      return (out.Responses?.[ref.tableName] ?? []).some((i) => {
        const o = unmarshall(i);
        return o[tableSchema.sortKey] === 'SUPPRESSED' || o.active === false;
      });
    },
    async clearSuppression(...ids) {
      for (const id of ids) await ref.client.send(new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.suppression(id)) }));
    },
    async setActive(id, active) {
      if (active) return update(id, 'SET active = :a REMOVE #ttl', { ':a': { BOOL: true } }, { '#ttl': tableSchema.ttlAttribute });
      // Unsubscribed: the suppression (the id alone) is kept for good; the person's details
      // (address, name, towns) expire UNSUBSCRIBED_RETENTION_DAYS later.
      const expires = Math.floor(Date.now() / 1000) + UNSUBSCRIBED_RETENTION_DAYS * 86400;
      const done = await update(id, 'SET active = :a, #ttl = :exp', { ':a': { BOOL: false }, ':exp': { N: String(expires) } }, { '#ttl': tableSchema.ttlAttribute });
      if (done) {
        await ref.client.send(
          new UpdateItemCommand({ TableName: ref.tableName, Key: m(keys.suppression(id)), UpdateExpression: 'SET #v = :v', ExpressionAttributeNames: { '#v': V }, ExpressionAttributeValues: { ':v': { N: String(SCHEMA_VERSION) } } }),
        );
      }
      return done;
    },
  };
}

/** A claim older than this is a crashed run (Lambda's limit is 15 minutes): it may be taken over. */
const STALE_CLAIM_MS = 20 * 60_000;

export function createDynamoDigestLedger(ref: TableRef): DigestLedger {
  const set = async (week: string, id: string, fields: Record<string, unknown>) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const parts = Object.entries(fields).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    await ref.client.send(
      new UpdateItemCommand({
        TableName: ref.tableName,
        Key: m(keys.digestSend(week, id)),
        UpdateExpression: `SET ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: m(values),
      }),
    );
  };
  return {
    async claim(week, id, now, force) {
      return conditionally(
        ref.client.send(
          new PutItemCommand({
            TableName: ref.tableName,
            Item: m({ ...keys.digestSend(week, id), [V]: SCHEMA_VERSION, status: 'sending', claimedAt: now.toISOString() }),
            ...(force
              ? {}
              : {
                  ConditionExpression: 'attribute_not_exists(#pk) OR #s = :failed OR (#s = :sending AND #c < :stale)',
                  ExpressionAttributeNames: { '#pk': tableSchema.partitionKey, '#s': 'status', '#c': 'claimedAt' },
                  ExpressionAttributeValues: m({ ':failed': 'failed', ':sending': 'sending', ':stale': new Date(now.getTime() - STALE_CLAIM_MS).toISOString() }),
                }),
          }),
        ),
      );
    },
    markSent: (week, id, messageId, now) => set(week, id, { status: 'sent', sentAt: now.toISOString(), messageId }),
    markFailed: (week, id, error, now) => set(week, id, { status: 'failed', failedAt: now.toISOString(), error: error.slice(0, 500) }),
    async sentCount(week) {
      const items = await queryAll(ref, keys.digestPartition(week), false);
      return items.filter((i) => unmarshall(i).status === 'sent').length;
    },
  };
}

/** DynamoDB's item limit is 400 KB: the compressed edition is split into parts well below it. */
const EDITION_PART_BYTES = 300 * 1024;

/**
 * A week's edition as gzip'd JSON in parts under one partition. The head item is written last and
 * names the build, so a reader never mixes parts of two builds (it retries instead).
 */
export function createDynamoEditionStore(ref: TableRef): EditionStore {
  return {
    async get(week) {
      const items = (await queryAll(ref, keys.editionPartition(week), false, true)).map((i) => unmarshall(i));
      const head = items.find((i) => i[tableSchema.sortKey] === 'HEAD');
      if (!head) return undefined;
      const parts = items.filter((i) => String(i[tableSchema.sortKey]).startsWith('PART#')).sort((a, b) => String(a[tableSchema.sortKey]).localeCompare(String(b[tableSchema.sortKey])));
      const mine = parts.slice(0, Number(head.parts));
      if (mine.length !== Number(head.parts) || mine.some((p) => p.builtAt !== head.builtAt)) throw new EditionNotReadyError(`edition ${week} is being rebuilt; try again`);
      const json = gunzipSync(Buffer.concat(mine.map((p) => Buffer.from(p.data as Uint8Array)))).toString('utf8');
      const edition = JSON.parse(json) as WeekEdition;
      if (edition.v !== 1 || edition.week !== week) throw new Error(`edition ${week}: unsupported or foreign item`);
      return edition;
    },
    async put(edition) {
      const data = gzipSync(JSON.stringify(edition));
      const parts = Math.max(1, Math.ceil(data.length / EDITION_PART_BYTES));
      for (let i = 0; i < parts; i++) {
        const chunk = data.subarray(i * EDITION_PART_BYTES, (i + 1) * EDITION_PART_BYTES);
        await ref.client.send(
          new PutItemCommand({
            TableName: ref.tableName,
            Item: { ...m({ ...keys.edition(edition.week, `PART#${String(i).padStart(4, '0')}`), [V]: SCHEMA_VERSION, builtAt: edition.builtAt }), data: { B: chunk } },
          }),
        );
      }
      await ref.client.send(
        new PutItemCommand({
          TableName: ref.tableName,
          Item: m({ ...keys.edition(edition.week, 'HEAD'), [V]: SCHEMA_VERSION, builtAt: edition.builtAt, parts, stories: edition.stories.length, bytes: data.length }),
        }),
      );
    },
  };
}

export function createDynamoSignInStore(ref: TableRef): SignInStore {
  return {
    async putToken(tokenHash, subscriberId, expiresAt) {
      await ref.client.send(
        new PutItemCommand({
          TableName: ref.tableName,
          Item: m({ ...keys.signInToken(tokenHash), [V]: SCHEMA_VERSION, subscriberId, validUntil: expiresAt.toISOString(), [tableSchema.ttlAttribute]: Math.ceil(expiresAt.getTime() / 1000) + 3600 }),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': tableSchema.partitionKey },
        }),
      );
    },
    async consumeToken(tokenHash, now) {
      // Delete-and-return in one conditional call: two clicks race, one wins.
      try {
        const out = await ref.client.send(
          new DeleteItemCommand({ TableName: ref.tableName, Key: m(keys.signInToken(tokenHash)), ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeNames: { '#pk': tableSchema.partitionKey }, ReturnValues: 'ALL_OLD' }),
        );
        const o = out.Attributes ? unmarshall(out.Attributes) : undefined;
        if (!o || typeof o.validUntil !== 'string' || o.validUntil <= now.toISOString()) return undefined;
        return String(o.subscriberId);
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return undefined;
        throw e;
      }
    },
    async hit(key, windowStart, windowSeconds, limit) {
      return conditionally(
        ref.client.send(
          new UpdateItemCommand({
            TableName: ref.tableName,
            Key: m(keys.rateLimit(key, windowStart)),
            UpdateExpression: 'ADD #n :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
            ExpressionAttributeNames: { '#n': 'hits', '#ttl': tableSchema.ttlAttribute },
            ExpressionAttributeValues: m({ ':one': 1, ':limit': limit, ':ttl': windowStart + windowSeconds * 2 }),
          }),
        ),
      );
    },
  };
}

/** DynamoDB's item limit is 400 KB: a shard stays well below it. */
const SHARD_MAX_BYTES = 350 * 1024;

export function createDynamoSearchShardStore(ref: TableRef): SearchShardStore {
  return {
    async bump(isoWeek) {
      await ref.client.send(
        new UpdateItemCommand({ TableName: ref.tableName, Key: m(keys.weekVersion(isoWeek)), UpdateExpression: 'ADD #v :one', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: m({ ':one': 1 }) }),
      );
    },
    async versions(weeks) {
      const out = new Map<string, number>(weeks.map((w) => [w, 0]));
      for (const item of await batchGetAll(ref, [...new Set(weeks)].map((w) => m(keys.weekVersion(w))))) {
        const o = unmarshall(item);
        out.set(String(o[tableSchema.partitionKey]).slice('WEEKVERSION#'.length), Number(o.version ?? 0));
      }
      return out;
    },
    async get(isoWeek) {
      const out = await ref.client.send(new GetItemCommand({ TableName: ref.tableName, Key: m(keys.searchShard(isoWeek)) }));
      if (!out.Item) return undefined;
      const o = unmarshall(out.Item);
      if (o[V] !== SCHEMA_VERSION || !(o.data instanceof Uint8Array)) return undefined;
      const shard = JSON.parse(gunzipSync(Buffer.from(o.data)).toString('utf8')) as SearchShard;
      return shard.week === isoWeek ? shard : undefined;
    },
    async put(shard) {
      const data = gzipSync(JSON.stringify(shard));
      if (data.length > SHARD_MAX_BYTES) return false;
      await ref.client.send(new PutItemCommand({ TableName: ref.tableName, Item: { ...m({ ...keys.searchShard(shard.week), [V]: SCHEMA_VERSION, version: shard.version }), data: { B: data } } }));
      return true;
    },
  };
}

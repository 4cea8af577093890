/**
 * The single-table key schema. The CDK table, the local CreateTable and every repository read
 * this module; no other file spells an attribute name or a key prefix.
 */

export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** Every stored item carries this so an old or foreign item is detected at decode. */
  versionAttribute: 'schemaVersion',
  indexes: {
    /** Lists by kind and time: articles by ISO week, subscribers, feed states, statements. */
    byList: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * Sparse: only articles that can appear in a digest (a topic, a member, the network or a
     * statement) carry these keys, and the index projects only their compact digest entry, so a
     * week's digest reads a few thousand small items, not every stored article with its evidence.
     */
    relevant: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projected: ['digestEntry'] },
  },
} as const;

export const SCHEMA_VERSION = 1;

export type TableKey = { pk: string; sk: string };

/** Key builders: the only place key strings are formed. */
export const keys = {
  article: (articleId: string): TableKey => ({ pk: `ARTICLE#${articleId}`, sk: 'ARTICLE' }),
  /** Articles of one ISO week (Europe/Stockholm), sorted by publication time. */
  articleWeek: (isoWeek: string, publishedAt: string, articleId: string) => ({
    gsi1pk: `WEEK#${isoWeek}`,
    gsi1sk: `${publishedAt}#${articleId}`,
  }),
  weekPartition: (isoWeek: string) => `WEEK#${isoWeek}`,
  /** Relevant articles of one ISO week (the sparse index). */
  relevantWeek: (isoWeek: string, publishedAt: string, articleId: string) => ({
    gsi2pk: `RELEVANT#${isoWeek}`,
    gsi2sk: `${publishedAt}#${articleId}`,
  }),
  relevantPartition: (isoWeek: string) => `RELEVANT#${isoWeek}`,
  /** A week's prepared stories (grouped and ranked once), stored as compressed chunks. */
  edition: (isoWeek: string, part: string): TableKey => ({ pk: `EDITION#${isoWeek}`, sk: part }),
  editionPartition: (isoWeek: string) => `EDITION#${isoWeek}`,
  feedState: (feedId: string): TableKey => ({ pk: `FEED#${feedId}`, sk: 'STATE' }),
  feedStateList: (feedId: string) => ({ gsi1pk: 'FEEDSTATES', gsi1sk: feedId }),
  feedStatePartition: 'FEEDSTATES',
  subscriber: (subscriberId: string): TableKey => ({ pk: `SUBSCRIBER#${subscriberId}`, sk: 'SUBSCRIBER' }),
  subscriberList: (email: string) => ({ gsi1pk: 'SUBSCRIBERS', gsi1sk: email }),
  subscriberPartition: 'SUBSCRIBERS',
  /** What is kept of a removed person who had unsubscribed: the id alone (a hash), so they stay unsubscribed. */
  suppression: (subscriberId: string): TableKey => ({ pk: `SUBSCRIBER#${subscriberId}`, sk: 'SUPPRESSED' }),
  digestSend: (isoWeek: string, subscriberId: string): TableKey => ({
    pk: `DIGEST#${isoWeek}`,
    sk: `SUBSCRIBER#${subscriberId}`,
  }),
  digestPartition: (isoWeek: string) => `DIGEST#${isoWeek}`,
  statement: (statementId: string): TableKey => ({ pk: `STATEMENT#${statementId}`, sk: 'STATEMENT' }),
  statementList: (date: string, statementId: string) => ({ gsi1pk: 'STATEMENTS', gsi1sk: `${date}#${statementId}` }),
  statementPartition: 'STATEMENTS',
  /** One item per (statement, article), whichever copy linked it: coverage is a Query on the statement's partition. */
  coverage: (statementId: string, articleId: string): TableKey => ({
    pk: `COVERAGE#${statementId}`,
    sk: `ARTICLE#${articleId}`,
  }),
  coveragePartition: (statementId: string) => `COVERAGE#${statementId}`,
  /** A week's relevant-entries version: bumped whenever a relevant article of the week is stored or relinked. */
  weekVersion: (isoWeek: string): TableKey => ({ pk: `WEEKVERSION#${isoWeek}`, sk: 'VERSION' }),
  /** A past week's search shard (entries and search index, gzip'd) for the web archive. */
  searchShard: (isoWeek: string): TableKey => ({ pk: `SEARCH#${isoWeek}`, sk: 'SHARD' }),
  /** A mailed sign-in link, by the SHA-256 of its token (the token itself is never stored). */
  signInToken: (tokenHash: string): TableKey => ({ pk: `SIGNIN#${tokenHash}`, sk: 'SIGNIN' }),
  /** A rate-limit counter for one key (a hashed address or client) and one time window. */
  rateLimit: (key: string, window: number): TableKey => ({ pk: `RATE#${key}`, sk: `W#${window}` }),
} as const;

/** Attribute definitions for CreateTable / CDK, derived from the schema. */
export function keyAttributeNames(): string[] {
  const i = tableSchema.indexes.byList;
  const r = tableSchema.indexes.relevant;
  return [tableSchema.partitionKey, tableSchema.sortKey, i.partitionKey, i.sortKey, r.partitionKey, r.sortKey];
}

/**
 * DynamoDB adapters for every store port, on one table: one file per store, the shared codec,
 * pager and conditional-write helpers in table.ts. Keys come from the shared key schema; writes that
 * could race are conditional; every item carries a schema version and an item that fails to decode
 * is reported, never silently dropped.
 */
export { ConcurrentUpdateError, type TableRef } from './table.ts';
export { articleItem, createDynamoArticleStore, DEFAULT_ARTICLE_RETENTION_DAYS } from './articles.ts';
export { createDynamoFeedStateStore } from './feed-states.ts';
export { createDynamoStatementStore } from './statements.ts';
export { createDynamoSubscriberStore, UNSUBSCRIBED_RETENTION_DAYS } from './subscribers.ts';
export { createDynamoDigestLedger } from './ledger.ts';
export { createDynamoEditionStore } from './editions.ts';
export { createDynamoSignInStore } from './sign-in.ts';
export { createDynamoSearchShardStore } from './search-shards.ts';

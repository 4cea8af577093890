/**
 * The stores alone, over one table: what a report or an operator command needs (the CLI's
 * `coverage`, `subscribers`, `statements list` …), without wiring any function.
 */
import { createDynamoArticleStore, createDynamoDigestLedger, createDynamoEditionStore, createDynamoFeedStateStore, createDynamoStatementStore, createDynamoSubscriberStore } from '../adapters/dynamo/index.ts';
import type { TableRef } from '../adapters/dynamo/index.ts';

export function wireStores(table: TableRef) {
  return {
    articles: createDynamoArticleStore(table),
    feedStates: createDynamoFeedStateStore(table),
    statements: createDynamoStatementStore(table),
    subscribers: createDynamoSubscriberStore(table),
    ledger: createDynamoDigestLedger(table),
    editions: createDynamoEditionStore(table),
  };
}

export type Stores = ReturnType<typeof wireStores>;

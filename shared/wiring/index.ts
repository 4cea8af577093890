/**
 * The composition root for the local runtime and the CLI: every function's wiring over one set of
 * clients. Each Lambda calls only its own wiring (shared/wiring/<function>.ts), so its bundle
 * holds only what it uses.
 */
import type { RuntimeConfig } from '../config/env.ts';
import type { DomainConfig } from '../config/domain-config.ts';
import { wireStores } from './stores.ts';
import { createDynamoClient } from '../aws/clients.ts';
import { createSqsClient } from '../aws/sqs.ts';
import { common, type Overrides } from './common.ts';
import { wireScheduleFeeds } from './schedule-feeds.ts';
import { wireFetchFeed } from './fetch-feed.ts';
import { wireClassifyArticle } from './classify-article.ts';
import { wireReadArticlePage } from './read-article-page.ts';
import { wireSendDigest } from './send-digest.ts';
import { wireDeliverDigest } from './deliver-digest.ts';
import { wireUnsubscribe } from './unsubscribe.ts';
import { wireSendAlerts } from './send-alerts.ts';

export { APP_NAME, type Overrides } from './common.ts';

export function buildDeps(config: RuntimeConfig, domain: DomainConfig, overrides: Overrides = {}) {
  const shared = { ...overrides, dynamodb: overrides.dynamodb ?? createDynamoClient(config), sqs: overrides.sqs ?? createSqsClient(config) };
  const input = { config, domain, overrides: shared };
  const c = common(input);
  const digest = wireSendDigest(input);
  return {
    clients: { dynamodb: shared.dynamodb, sqs: shared.sqs },
    clock: c.clock,
    feeds: c.feeds,
    stores: wireStores(c.table),
    ...wireScheduleFeeds(input),
    ...wireFetchFeed(input),
    ...wireClassifyArticle(input),
    ...wireReadArticlePage(input),
    planDigest: digest.planDigest,
    checkDigests: digest.checkDigests,
    ...wireDeliverDigest(input),
    ...wireUnsubscribe(input),
    sendAlerts: wireSendAlerts(input).sendAlerts,
  };
}

export type Deps = ReturnType<typeof buildDeps>;

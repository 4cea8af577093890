/** Wiring for send-alerts: the relevant index, subscribers and the send ledger (DynamoDB), and the mailer. */
import { createDynamoArticleStore, createDynamoDigestLedger, createDynamoSubscriberStore } from '../adapters/dynamo/index.ts';
import { sendAlerts } from '../use-cases/send-alerts.ts';
import { settingsUrlFor } from '../domain/digest/render.ts';
import { APP_NAME, common, type WiringInput } from './common.ts';
import { createMailer } from './deliver-digest.ts';

export function wireSendAlerts(input: WiringInput) {
  const c = common(input);
  return {
    clock: c.clock,
    sendAlerts: sendAlerts({
      articles: createDynamoArticleStore(c.table),
      subscribers: createDynamoSubscriberStore(c.table),
      ledger: createDynamoDigestLedger(c.table),
      mailer: input.overrides?.mailer ?? createMailer(input.config),
      clock: c.clock,
      unsubscribe: input.config.unsubscribe,
      appName: APP_NAME,
      settingsUrl: settingsUrlFor(input.config.archiveUrl),
    }),
  };
}

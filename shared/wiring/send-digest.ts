/** Wiring for send-digest: articles, subscribers, statements and the send ledger (DynamoDB), and the mailer. */
import {
  createDynamoArticleStore,
  createDynamoDigestLedger,
  createDynamoStatementStore,
  createDynamoSubscriberStore,
} from '../adapters/dynamo-store.ts';
import { createFileMailer } from '../adapters/file-mailer.ts';
import type { RuntimeConfig } from '../config/env.ts';
import type { Mailer } from '../ports.ts';
import { checkDigests, sendDigest } from '../use-cases/send-digest.ts';
import { APP_NAME, common, type WiringInput } from './common.ts';

export function wireSendDigest(input: WiringInput) {
  const c = common(input);
  const deps = {
    articles: createDynamoArticleStore(c.table),
    subscribers: createDynamoSubscriberStore(c.table),
    statements: createDynamoStatementStore(c.table),
    ledger: createDynamoDigestLedger(c.table),
    mailer: input.overrides?.mailer ?? createMailer(input.config),
    clock: c.clock,
    unsubscribe: input.config.unsubscribe,
    appName: APP_NAME,
  };
  return { clock: c.clock, sendDigest: sendDigest(deps), checkDigests: checkDigests(deps) };
}

function createMailer(config: RuntimeConfig): Mailer {
  if (config.mail.mailer === 'file') return createFileMailer({ dir: config.mail.outboxDir, from: config.mail.from });
  // Loaded on first send, so nothing of SES is in the local runtime's path.
  let ses: Promise<Mailer> | undefined;
  return {
    async send(message) {
      ses ??= Promise.all([import('@aws-sdk/client-sesv2'), import('../adapters/ses-mailer.ts')]).then(([sdk, mod]) =>
        mod.createSesMailer({ client: new sdk.SESv2Client({ region: config.region }), from: config.mail.from, configurationSet: config.mail.configurationSet }),
      );
      return (await ses).send(message);
    },
  };
}

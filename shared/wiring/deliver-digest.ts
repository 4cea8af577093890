/** Wiring for deliver-digest: subscribers, editions and the send ledger (DynamoDB), and the mailer. */
import { createDynamoDigestLedger, createDynamoEditionStore, createDynamoSubscriberStore } from '../adapters/dynamo/index.ts';
import { createFileMailer } from '../adapters/file-mailer.ts';
import type { RuntimeConfig } from '../config/env.ts';
import type { Mailer } from '../ports.ts';
import { deliverDigest } from '../use-cases/send-digest.ts';
import { APP_NAME, common, type WiringInput } from './common.ts';

export function wireDeliverDigest(input: WiringInput) {
  const c = common(input);
  return {
    deliverDigest: deliverDigest({
      subscribers: createDynamoSubscriberStore(c.table),
      editions: createDynamoEditionStore(c.table),
      ledger: createDynamoDigestLedger(c.table),
      mailer: input.overrides?.mailer ?? createMailer(input.config),
      clock: c.clock,
      unsubscribe: input.config.unsubscribe,
      appName: APP_NAME,
      archiveUrl: input.config.archiveUrl,
    }),
  };
}

export function createMailer(config: RuntimeConfig): Mailer {
  if (config.mail.mailer === 'file') return createFileMailer({ dir: config.mail.outboxDir, from: config.mail.from });
  // Loaded on first send, so nothing of SES is in the local runtime's path.
  let ses: Promise<Mailer> | undefined;
  return {
    async send(message) {
      ses ??= Promise.all([import('@aws-sdk/client-sesv2'), import('../adapters/ses-mailer.ts')]).then(([sdk, mod]) =>
        mod.createSesMailer({ client: new sdk.SESv2Client({ region: config.region }), SendEmailCommand: sdk.SendEmailCommand, from: config.mail.from, configurationSet: config.mail.configurationSet }),
      );
      return (await ses).send(message);
    },
  };
}

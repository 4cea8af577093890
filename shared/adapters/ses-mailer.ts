/** SES v2 mailer: the same MIME as the local outbox, sent as raw content from one identity. */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../ports.ts';
import { buildMime } from './mime.ts';

export function createSesMailer(opts: { client: SESv2Client; from: string; configurationSet?: string | undefined }): Mailer {
  return {
    async send(message) {
      const raw = await buildMime(opts.from, message);
      const out = await opts.client.send(
        new SendEmailCommand({
          FromEmailAddress: opts.from,
          Destination: { ToAddresses: [message.to] },
          Content: { Raw: { Data: raw } },
          ...(opts.configurationSet ? { ConfigurationSetName: opts.configurationSet } : {}),
        }),
      );
      return { messageId: out.MessageId ?? 'unknown' };
    },
  };
}

/** SES v2 mailer: the same MIME as the local outbox, sent as raw content from one identity. */
// Types only: the SDK module itself is loaded by the wiring on the first send. A value import here
// would be hoisted to the top of every bundle that can send mail (the client is external, provided
// by the Lambda runtime) and load the whole SES client at each cold start (npm run bench:bundle).
import type { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../ports.ts';
import { buildMime } from './mime.ts';

export function createSesMailer(opts: { client: SESv2Client; SendEmailCommand: typeof SendEmailCommand; from: string; configurationSet?: string | undefined }): Mailer {
  return {
    async send(message) {
      const raw = await buildMime(opts.from, message);
      const out = await opts.client.send(
        new opts.SendEmailCommand({
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

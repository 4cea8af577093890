/** One MIME builder for the local outbox and SES: nodemailer's MailComposer (multipart/alternative). */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { OutgoingMessage } from '../ports.ts';

export async function buildMime(from: string, message: OutgoingMessage): Promise<Buffer> {
  const mail = new MailComposer({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    textEncoding: 'quoted-printable',
  });
  return mail.compile().build();
}

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
    headers: prepared(message.headers),
    textEncoding: 'quoted-printable',
  });
  return mail.compile().build();
}

/**
 * List-Unsubscribe is written by hand: nodemailer folds a long value right after the colon, which
 * some mail clients do not read as a one-click address (RFC 8058). Its value starts on the header's
 * own line and folds only between its entries (each well under the 998-character line limit).
 */
function prepared(headers: OutgoingMessage['headers']): Record<string, string | { prepared: true; value: string }> {
  const out: Record<string, string | { prepared: true; value: string }> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    out[k] = /^list-unsubscribe$/i.test(k) ? { prepared: true, value: v.replace(/[\r\n]+/g, ' ').replace(/>\s*,\s*</g, '>,\r\n <') } : v;
  }
  return out;
}


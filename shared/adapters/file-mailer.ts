/** The local outbox: each message as an .eml (what SES would send) and its .html for a browser. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer } from '../ports.ts';
import { buildMime } from './mime.ts';

export function createFileMailer(opts: { dir: string; from: string }): Mailer & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    async send(message) {
      await mkdir(opts.dir, { recursive: true });
      const eml = join(opts.dir, `${message.slug}.eml`);
      await writeFile(eml, await buildMime(opts.from, message));
      await writeFile(join(opts.dir, `${message.slug}.html`), message.html);
      written.push(eml);
      return { messageId: `file:${eml}` };
    },
  };
}

/** `monitor digest`: the week's letters written to files, without sending. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { withStores, type StoreOptions, type Write } from './compose.ts';
import { readRuntimeConfig, LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { APP_NAME } from '#shared/wiring/common.ts';
import { normaliseEmail, subscriberId } from '#shared/domain/subscriber.ts';
import { composeDigest, prepareEdition } from '#shared/use-cases/send-digest.ts';
import { buildMime } from '#shared/adapters/mime.ts';
import { isoWeekOf, parseIsoWeek } from '#shared/domain/week.ts';

/** Writes the digest HTML and .eml for a week without sending and without touching the ledger. */
export async function digestPreview(
  domain: DomainConfig,
  opts: StoreOptions & { week?: string; subscriber?: string; out: string; samples?: boolean },
  write: Write,
): Promise<number> {
  const week = opts.week ?? isoWeekOf(new Date());
  parseIsoWeek(week);
  const outDir = resolve(opts.out);
  const written = await withStores(domain, opts, async (d) => {
    let subscribers = await d.stores.subscribers.list();
    if (opts.samples && subscribers.length === 0) subscribers = domain.sampleSubscribers.map((s) => ({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) }));
    if (opts.subscriber) subscribers = subscribers.filter((s) => s.email === normaliseEmail(opts.subscriber!));
    // The preview builds the week's edition the way send-digest does, without storing it.
    const edition = await prepareEdition({ articles: d.stores.articles, statements: d.stores.statements }, week, d.clock.now());
    const runtime = readRuntimeConfig({ ...process.env, TABLE_NAME: process.env.TABLE_NAME ?? 'preview' });
    await mkdir(outDir, { recursive: true });
    const files: string[] = [];
    for (const sub of subscribers) {
      const { message } = composeDigest({ unsubscribe: runtime.unsubscribe, appName: APP_NAME, archiveUrl: runtime.archiveUrl }, { edition, sub, now: d.clock.now() });
      await writeFile(join(outDir, `${message.slug}.html`), message.html);
      await writeFile(join(outDir, `${message.slug}.eml`), await buildMime(runtime.mail.from, message));
      files.push(join(outDir, `${message.slug}.html`));
    }
    return files;
  });
  if (!written.length) {
    write(opts.subscriber ? `Ingen prenumerant med adressen ${opts.subscriber}.` : 'Inga prenumeranter: lägg till med `monitor subscribers add` eller använd --samples.');
    return 1;
  }
  for (const f of written) write(f);
  return 0;
}

/** `monitor alerts`: the day's Dagens debatt mails written to files, without sending. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { ZONE } from '#shared/domain/week.ts';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { plural, withStores, type StoreOptions, type Write } from './compose.ts';
import { readRuntimeConfig, LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { APP_NAME } from '#shared/wiring/common.ts';
import { alertsFor, subscriberId } from '#shared/domain/subscriber.ts';
import { buildMime } from '#shared/adapters/mime.ts';
import { alertWindow, stockholmDay } from '#shared/domain/digest/alert.ts';
import { composeAlert, prepareAlerts } from '#shared/use-cases/send-alerts.ts';
import { UserError } from '#shared/user-error.ts';

/**
 * `monitor alerts --day D --out DIR`: the day's "Dagens debatt" mails as they would go out (HTML and
 * .eml per reader with something to read), without sending and without touching the ledger.
 */
export async function alertsPreview(domain: DomainConfig, opts: StoreOptions & { day?: string; out: string; samples?: boolean }, write: Write): Promise<number> {
  const day = opts.day ?? stockholmDay(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid) throw new UserError(`--day tar ett datum som 2026-11-27, inte "${day}"`);
  const outDir = resolve(opts.out);
  const result = await withStores(domain, opts, async (d) => {
    let subscribers = await d.stores.subscribers.list();
    if (opts.samples && subscribers.length === 0) subscribers = domain.sampleSubscribers.map((s) => ({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) }));
    const readers = subscribers.filter((s) => s.active && alertsFor(s) === 'daily');
    // Reply windows are judged at the alert's send time (07:00 that day), not when the preview runs.
    const prepared = await prepareAlerts({ articles: d.stores.articles, subscribers: d.stores.subscribers }, day, alertWindow(day).to, readers);
    const runtime = readRuntimeConfig({ ...process.env, TABLE_NAME: process.env.TABLE_NAME ?? 'preview' });
    await mkdir(outDir, { recursive: true });
    const files: string[] = [];
    for (const { sub, alert } of prepared.alerts) {
      if (!alert.pieces.length) continue;
      const message = composeAlert({ unsubscribe: runtime.unsubscribe, appName: APP_NAME }, alert, sub);
      await writeFile(join(outDir, `${message.slug}.html`), message.html);
      await writeFile(join(outDir, `${message.slug}.eml`), await buildMime(runtime.mail.from, message));
      files.push(`${join(outDir, `${message.slug}.html`)}  (${plural(alert.pieces.length, 'inlägg', 'inlägg')})`);
    }
    return { readers: readers.length, files, window: prepared.window };
  });
  // The window as a reader says it: "fredag 27 nov. 07:00 – måndag 30 nov. 07:00" (Stockholm time).
  const at = (d: Date) => DateTime.fromJSDate(d).setZone(ZONE).setLocale('sv').toFormat('cccc d MMM HH:mm');
  const span = `${at(result.window.from)} – ${at(result.window.to)}`;
  if (!result.readers) write('Ingen prenumerant har Dagens debatt påslaget (alerts: daily); lägg till med `monitor subscribers add --alerts daily` eller använd --samples.');
  else if (!result.files.length) write(`Inga debattinlägg att svara på för ${plural(result.readers, 'mottagare', 'mottagare')} (${span}): inget skickas den dagen.`);
  for (const f of result.files) write(f);
  return 0;
}

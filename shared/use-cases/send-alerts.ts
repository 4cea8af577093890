/**
 * send-alerts (scheduled, weekdays 07:00 Europe/Stockholm): "Dagens debatt" to every active
 * subscriber whose alerts setting is daily. Reads the relevant index of the window's weeks once,
 * cuts each reader's list, and sends only when there is something. Exactly once per subscriber
 * and day: the same conditional ledger as the weekly digest, under the day's key.
 */
import { alertsFor } from '../domain/subscriber.ts';
import { alertSubject, alertWeeks, alertWindow, buildAlert, isWeekday, renderAlertHtml, renderAlertText, stockholmDay, type DebateAlert } from '../domain/digest/alert.ts';
import { unsubscribeUrl } from '../domain/digest/unsubscribe.ts';
import type { Subscriber } from '../domain/types.ts';
import type { ArticleStore, Clock, DigestLedger, Mailer, OutgoingMessage, SubscriberStore } from '../ports.ts';

export interface SendAlertsDeps {
  articles: ArticleStore;
  subscribers: SubscriberStore;
  ledger: DigestLedger;
  mailer: Mailer;
  clock: Clock;
  unsubscribe: { baseUrl: string; secret: string };
  appName: string;
  settingsUrl?: string | undefined;
}

/** The ledger's key for one day's alert (beside the digest's ISO weeks). */
export const alertLedgerKey = (day: string) => `ALERT-${day}`;

export interface AlertRun {
  day: string;
  skipped?: 'weekend';
  readers: number;
  sent: number;
  alreadySent: number;
  quiet: number;
  failed: number;
  pieces: number;
}

/** The day's alerts as they would be sent: one per reader with something to read (no ledger, no mail). */
export async function prepareAlerts(deps: Pick<SendAlertsDeps, 'articles' | 'subscribers'>, day: string, now: Date, readers?: Subscriber[]) {
  const w = alertWindow(day);
  const entries = (await Promise.all(alertWeeks(w).map((week) => deps.articles.relevantByWeek(week)))).flatMap((r) => r.entries);
  const subs = readers ?? (await deps.subscribers.list()).filter((s) => s.active && alertsFor(s) === 'daily');
  return { window: w, entries, alerts: subs.map((sub) => ({ sub, alert: buildAlert(entries, sub, w, now) })) };
}

export function composeAlert(deps: Pick<SendAlertsDeps, 'unsubscribe' | 'appName' | 'settingsUrl'>, alert: DebateAlert, sub: Subscriber): OutgoingMessage {
  const unsub = unsubscribeUrl(deps.unsubscribe.baseUrl, deps.unsubscribe.secret, sub.id);
  return {
    to: sub.email,
    subject: alertSubject(alert),
    html: renderAlertHtml(alert, { unsubscribeUrl: unsub, appName: deps.appName, settingsUrl: deps.settingsUrl }),
    text: renderAlertText(alert, { unsubscribeUrl: unsub, appName: deps.appName }),
    headers: { 'List-Unsubscribe': `<${unsub}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    slug: `debatt-${alert.window.day}-${sub.role}-${sub.id}`,
  };
}

export const sendAlerts =
  (deps: SendAlertsDeps) =>
  async (opts: { day?: string | undefined; force?: boolean | undefined } = {}): Promise<AlertRun> => {
    const now = deps.clock.now();
    const day = opts.day ?? stockholmDay(now);
    const empty = { day, readers: 0, sent: 0, alreadySent: 0, quiet: 0, failed: 0, pieces: 0 };
    // The schedule runs on weekdays; a weekend day is sent only when an operator names it.
    if (!opts.day && !isWeekday(day)) return { ...empty, skipped: 'weekend' };
    const { alerts } = await prepareAlerts(deps, day, now);
    const run: AlertRun = { ...empty, readers: alerts.length };
    const errors: string[] = [];
    for (const { sub, alert } of alerts) {
      if (!alert.pieces.length) {
        run.quiet++;
        continue;
      }
      const key = alertLedgerKey(day);
      if (!(await deps.ledger.claim(key, sub.id, now, !!opts.force))) {
        run.alreadySent++;
        continue;
      }
      try {
        const sent = await deps.mailer.send(composeAlert(deps, alert, sub));
        await deps.ledger.markSent(key, sub.id, sent.messageId, now);
        run.sent++;
        run.pieces += alert.pieces.length;
      } catch (e) {
        // One failed address never stops the rest; the run fails at the end so the scheduler retries it.
        const error = e instanceof Error ? e.message : String(e);
        await deps.ledger.markFailed(key, sub.id, error, now).catch(() => undefined);
        errors.push(`${sub.id}: ${error}`);
        run.failed++;
      }
    }
    if (errors.length) throw Object.assign(new Error(`${errors.length} debate alerts failed (${errors.slice(0, 3).join('; ')})`), { run });
    return run;
  };

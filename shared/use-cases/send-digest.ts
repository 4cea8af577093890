/**
 * send-digest: builds and sends each active subscriber's digest for one ISO week, exactly once.
 * The ledger claim is a conditional write, so a retried or doubled run skips what went out, and a
 * failed address is retried without resending to the others.
 */
import { buildDigest } from '../domain/digest/build.ts';
import { renderDigestHtml, renderDigestText } from '../domain/digest/render.ts';
import { unsubscribeUrl } from '../domain/digest/unsubscribe.ts';
import { previousWeek } from '../domain/week.ts';
import type { Article, Statement, Subscriber } from '../domain/types.ts';
import type { ArticleStore, Clock, DigestLedger, Mailer, StatementStore, SubscriberStore } from '../ports.ts';

export interface SendDigestDeps {
  articles: ArticleStore;
  subscribers: SubscriberStore;
  statements: StatementStore;
  ledger: DigestLedger;
  mailer: Mailer;
  clock: Clock;
  unsubscribe: { baseUrl: string; secret: string };
  appName: string;
}

export interface SendDigestReport {
  week: string;
  subscribers: number;
  sent: string[];
  skipped: string[];
  failed: Array<{ subscriberId: string; error: string }>;
  empty: string[];
  articlesRead: number;
  undecodable: string[];
}

export function digestSlug(week: string, sub: Subscriber): string {
  const local = sub.email.split('@')[0]!.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `${week}-${sub.role}-${local}`;
}

export const sendDigest =
  (deps: SendDigestDeps) =>
  async (opts: { week: string; force?: boolean; only?: string[] | undefined }): Promise<SendDigestReport> => {
    const now = deps.clock.now();
    const [current, previous, statements, subscribers] = await Promise.all([
      deps.articles.byWeek(opts.week),
      deps.articles.byWeek(previousWeek(opts.week)),
      deps.statements.list(),
      deps.subscribers.list(),
    ]);
    const targets = subscribers.filter((s) => s.active && (!opts.only || opts.only.includes(s.email) || opts.only.includes(s.id)));
    const report: SendDigestReport = {
      week: opts.week,
      subscribers: targets.length,
      sent: [],
      skipped: [],
      failed: [],
      empty: [],
      articlesRead: current.itemsRead + previous.itemsRead,
      undecodable: [...current.undecodable, ...previous.undecodable],
    };
    for (const sub of targets) {
      if (!(await deps.ledger.claim(opts.week, sub.id, now, !!opts.force))) {
        report.skipped.push(sub.id);
        continue;
      }
      let sent: { messageId: string };
      try {
        const message = composeDigest(deps, { week: opts.week, sub, current: current.articles, previous: previous.articles, statements, now });
        if (message.empty) report.empty.push(sub.id);
        sent = await deps.mailer.send(message.message);
      } catch (e) {
        // Not sent: mark failed so the next run sends it, and go on with the others.
        const error = e instanceof Error ? e.message : String(e);
        await deps.ledger.markFailed(opts.week, sub.id, error, now);
        report.failed.push({ subscriberId: sub.id, error });
        continue;
      }
      // Sent. If recording that fails, the claim stays "sending": a retry skips it rather than
      // sending twice (a crashed run's claim is taken over only after it goes stale).
      await deps.ledger.markSent(opts.week, sub.id, sent.messageId, now);
      report.sent.push(sub.id);
    }
    return report;
  };

export function composeDigest(
  deps: Pick<SendDigestDeps, 'unsubscribe' | 'appName'>,
  input: { week: string; sub: Subscriber; current: Article[]; previous: Article[]; statements: Statement[]; now: Date },
) {
  const digest = buildDigest({ week: input.week, subscriber: input.sub, articles: input.current, previousWeek: input.previous, statements: input.statements, now: input.now });
  const unsub = unsubscribeUrl(deps.unsubscribe.baseUrl, deps.unsubscribe.secret, input.sub.id);
  const render = { unsubscribeUrl: unsub, appName: deps.appName };
  return {
    empty: digest.empty,
    digest,
    message: {
      to: input.sub.email,
      subject: digest.empty ? `Veckobrev v. ${input.week.slice(-2)}: inget nytt den här veckan` : `Veckobrev v. ${input.week.slice(-2)}: ${digest.totals.stories} artiklar om industrikommunerna`,
      html: renderDigestHtml(digest, render),
      text: renderDigestText(digest, render),
      headers: { 'List-Unsubscribe': `<${unsub}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      slug: digestSlug(input.week, input.sub),
    },
  };
}

/**
 * The watchdog behind the "no digest by Monday 09:00" alarm: how many active subscribers have no
 * sent digest for the week.
 */
export const checkDigests =
  (deps: Pick<SendDigestDeps, 'subscribers' | 'ledger'>) =>
  async (week: string): Promise<{ week: string; active: number; sent: number; missing: number }> => {
    const active = (await deps.subscribers.list()).filter((s) => s.active).length;
    const sent = await deps.ledger.sentCount(week);
    return { week, active, sent, missing: Math.max(0, active - sent) };
  };

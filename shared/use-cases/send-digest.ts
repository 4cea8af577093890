/**
 * The weekly digest in two steps, so 1,000 subscribers fit whatever one invocation's limit:
 *
 * - planDigest (send-digest, scheduled): reads the week's relevant entries from the sparse index,
 *   groups and ranks the week's stories once (the edition), stores it, and enqueues one delivery
 *   job per active subscriber.
 * - deliverDigest (deliver-digest, SQS): cuts one subscriber's letter from the stored edition and
 *   sends it exactly once. The ledger claim is a conditional write, so a redelivered job or a
 *   doubled run skips what went out; a failed send is marked failed and retried by SQS alone.
 */
import { buildDigest, capsAtLevel, type Digest } from '../domain/digest/build.ts';
import { buildEdition, EditionNotReadyError, type WeekEdition } from '../domain/digest/edition.ts';
import { digestSubject, renderDigestHtml, renderDigestText, settingsUrlFor } from '../domain/digest/render.ts';
import { unsubscribeUrl } from '../domain/digest/unsubscribe.ts';
import { previousWeek } from '../domain/week.ts';
import type { Subscriber } from '../domain/types.ts';
import type { ArticleStore, Clock, DigestJob, DigestLedger, EditionStore, JobQueue, Mailer, OutgoingMessage, StatementStore, SubscriberStore } from '../ports.ts';

/** Gmail clips HTML over ~102 KB (and hides the footer with it): stay well below. */
export const MAX_HTML_BYTES = 80 * 1024;
/** The whole MIME message, both parts and headers. */
export const MAX_MESSAGE_BYTES = 100 * 1024;
const MAX_LEVEL = 8;

export interface PlanDigestDeps {
  articles: ArticleStore;
  subscribers: SubscriberStore;
  statements: StatementStore;
  editions: EditionStore;
  digestJobs: JobQueue<DigestJob>;
  clock: Clock;
}

export interface DigestPlan {
  week: string;
  subscribers: number;
  enqueued: number;
  /** True when a stored edition was reused (a retried or doubled run sends the same letter). */
  reusedEdition: boolean;
  stories: number;
  relevantArticles: number;
  articlesRead: number;
  groupingMs: number;
  undecodable: string[];
}

export const planDigest =
  (deps: PlanDigestDeps) =>
  async (opts: { week: string; force?: boolean | undefined; only?: string[] | undefined }): Promise<DigestPlan> => {
    const now = deps.clock.now();
    // A build cut off half-way (a crash, a throttle) is simply built again.
    let edition = opts.force ? undefined : await deps.editions.get(opts.week).catch((e: unknown) => (e instanceof EditionNotReadyError ? undefined : Promise.reject(e)));
    const reusedEdition = !!edition;
    if (!edition) {
      // A week with no article stored at all is a broken pipeline, not a quiet week: do not tell
      // every subscriber "Inget nytt" (the silent-pipeline alarm has fired); force sends anyway.
      if (!opts.force && (await deps.articles.countWeek(opts.week)) === 0) {
        throw new Error(`ingen artikel alls lagrades vecka ${opts.week}: flödeskedjan ser trasig ut, så inga veckobrev skickas (skicka med {"force": true} om veckan verkligen var tom)`);
      }
      edition = await prepareEdition(deps, opts.week, now);
      await deps.editions.put(edition);
    }
    const subscribers = await deps.subscribers.list();
    const targets = subscribers.filter((s) => s.active && s.digest !== 'off' && (!opts.only || opts.only.includes(s.email) || opts.only.includes(s.id)));
    const jobs: DigestJob[] = targets.map((s) => ({
      v: 1,
      type: 'deliver-digest',
      week: opts.week,
      subscriberId: s.id,
      editionBuiltAt: edition.builtAt,
      ...(opts.force ? { force: true } : {}),
    }));
    const sent = await deps.digestJobs.sendAll(jobs);
    // Not enqueued: fail the run so the scheduler retries; the ledger keeps the rest from going twice.
    if (sent.failed.length) throw new Error(`${sent.failed.length} digest jobs could not be enqueued`);
    return {
      week: opts.week,
      subscribers: targets.length,
      enqueued: sent.sent,
      reusedEdition,
      stories: edition.stories.length,
      relevantArticles: edition.relevantArticles,
      articlesRead: edition.articlesRead,
      groupingMs: edition.grouping.ms,
      undecodable: edition.undecodable,
    };
  };

/** Reads only what can appear (the sparse index of both weeks) and groups it once. */
export async function prepareEdition(deps: Pick<PlanDigestDeps, 'articles' | 'statements'>, week: string, now: Date): Promise<WeekEdition> {
  const [current, previous, statements] = await Promise.all([deps.articles.relevantByWeek(week), deps.articles.relevantByWeek(previousWeek(week)), deps.statements.list()]);
  return buildEdition({
    week,
    current: current.entries,
    previous: previous.entries,
    builtAt: now,
    statements,
    undecodable: [...current.undecodable, ...previous.undecodable],
  });
}

export interface DeliverDigestDeps {
  subscribers: SubscriberStore;
  editions: EditionStore;
  ledger: DigestLedger;
  mailer: Mailer;
  clock: Clock;
  unsubscribe: { baseUrl: string; secret: string };
  appName: string;
  archiveUrl?: string | undefined;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'inactive';

export function deliverDigest(deps: DeliverDigestDeps) {
  // One edition per warm container: a batch of jobs for the same week reads it once.
  let cached: WeekEdition | undefined;
  const editionFor = async (job: DigestJob): Promise<WeekEdition> => {
    if (cached && cached.week === job.week && cached.builtAt >= job.editionBuiltAt) return cached;
    const edition = await deps.editions.get(job.week);
    if (!edition) throw new Error(`no edition stored for ${job.week}`);
    cached = edition;
    return edition;
  };
  return async (job: DigestJob): Promise<DeliveryOutcome> => {
    const sub = await deps.subscribers.get(job.subscriberId);
    // Unsubscribed or removed since the run was planned: nothing to send, nothing to retry.
    if (!sub || !sub.active || sub.digest === 'off') return 'inactive';
    const edition = await editionFor(job);
    const now = deps.clock.now();
    if (!(await deps.ledger.claim(job.week, sub.id, now, !!job.force))) return 'already-sent';
    let sent: { messageId: string };
    try {
      const { message } = composeDigest(deps, { edition, sub, now });
      sent = await deps.mailer.send(message);
    } catch (e) {
      // Not sent: mark failed so the redelivered job sends it, and let the caller report the failure.
      const error = e instanceof Error ? e.message : String(e);
      await deps.ledger.markFailed(job.week, sub.id, error, now);
      throw e;
    }
    // Sent. If recording that fails, the claim stays "sending": a retry skips it rather than
    // sending twice (a crashed run's claim is taken over only after it goes stale).
    await deps.ledger.markSent(job.week, sub.id, sent.messageId, now);
    return 'sent';
  };
}

export function digestSlug(week: string, sub: Pick<Subscriber, 'id' | 'role'>): string {
  // The id (a hash of the address) is unique; the address's local part is not.
  return `${week}-${sub.role}-${sub.id}`;
}

/** UTF-8 bytes of a part once quoted-printable encoded (what MailComposer sends), soft breaks included. */
export function quotedPrintableBytes(s: string): number {
  let n = 0;
  for (const b of Buffer.from(s, 'utf8')) n += b === 0x0a ? 2 : (b >= 0x20 && b < 0x7f && b !== 0x3d) || b === 0x09 ? 1 : 3;
  return Math.ceil(n * (1 + 3 / 73));
}

/**
 * One subscriber's letter, within the size budget: rendered at the full caps, and with smaller
 * caps step by step until the HTML and the whole message fit (the footer is always inside).
 */
export function composeDigest(
  deps: Pick<DeliverDigestDeps, 'unsubscribe' | 'appName' | 'archiveUrl'>,
  input: { edition: WeekEdition; sub: Subscriber; now: Date },
): { digest: Digest; message: OutgoingMessage; empty: boolean; level: number; htmlBytes: number; estimatedBytes: number } {
  const unsub = unsubscribeUrl(deps.unsubscribe.baseUrl, deps.unsubscribe.secret, input.sub.id);
  const render = { unsubscribeUrl: unsub, appName: deps.appName, settingsUrl: settingsUrlFor(deps.archiveUrl) };
  for (let level = 0; ; level++) {
    const digest = buildDigest({ edition: input.edition, subscriber: input.sub, now: input.now, caps: capsAtLevel(level), archiveUrl: deps.archiveUrl });
    const html = renderDigestHtml(digest, render);
    const text = renderDigestText(digest, render);
    const subject = digestSubject(digest);
    const htmlBytes = Buffer.byteLength(html);
    const estimatedBytes = quotedPrintableBytes(html) + quotedPrintableBytes(text) + 2048 + Buffer.byteLength(subject) * 3;
    if ((htmlBytes <= MAX_HTML_BYTES && estimatedBytes <= MAX_MESSAGE_BYTES) || level >= MAX_LEVEL) {
      return {
        digest,
        empty: digest.empty,
        level,
        htmlBytes,
        estimatedBytes,
        message: {
          to: input.sub.email,
          subject,
          html,
          text,
          headers: { 'List-Unsubscribe': `<${unsub}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          slug: digestSlug(input.edition.week, input.sub),
        },
      };
    }
  }
}

/**
 * The watchdog behind the "no digest by Monday 09:00" alarm: how many active subscribers have no
 * sent digest for the week.
 */
export const checkDigests =
  (deps: Pick<PlanDigestDeps, 'subscribers'> & { ledger: DigestLedger }) =>
  async (week: string): Promise<{ week: string; active: number; sent: number; missing: number }> => {
    const active = (await deps.subscribers.list()).filter((s) => s.active && s.digest !== 'off').length;
    const sent = await deps.ledger.sentCount(week);
    return { week, active, sent, missing: Math.max(0, active - sent) };
  };

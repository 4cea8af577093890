/**
 * "Dagens debatt": the daily debate alert for communicators. Weekdays at 07:00 Europe/Stockholm it
 * lists the opinion pieces of the last 24 hours (on Monday: since Friday 07:00) about the reader's
 * towns or themes, with their reply-by dates, replies to the network first. Nothing is sent on a
 * day with nothing. Pure: the use case reads the entries and sends.
 */
import { withoutSectionLabel, writerLabel } from '../labels.ts';
import { DateTime } from 'luxon';
import { offeredForReply, openForReply, storedDebateFacts } from '../debate.ts';
import { GENRE_LABELS, TOPIC_LABELS } from './build.ts';
import { escapeHtml, safeHref } from './render.ts';
import { isOpinion, type DigestEntry } from './stories.ts';
import type { Subscriber } from '../types.ts';
import { formatSwedishDate, isoWeekOf, ZONE } from '../week.ts';

/** The hour (Stockholm) the alert goes out and its window ends. */
export const ALERT_HOUR = 7;

export interface AlertWindow {
  day: string;
  from: Date;
  to: Date;
}

/** The window of the alert sent on `day` (YYYY-MM-DD): the 24 h before 07:00, or from Friday 07:00 on a Monday. */
export function alertWindow(day: string): AlertWindow {
  const to = DateTime.fromISO(day, { zone: ZONE }).set({ hour: ALERT_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (!to.isValid) throw new Error(`not a date: ${day} (expected e.g. 2026-11-27)`);
  const from = to.minus({ days: to.weekday === 1 ? 3 : 1 });
  return { day, from: from.toJSDate(), to: to.toJSDate() };
}

/** The Stockholm date of an instant: the alert's day when it runs at `now`. */
export const stockholmDay = (now: Date) => DateTime.fromJSDate(now).setZone(ZONE).toISODate()!;

export const isWeekday = (day: string) => DateTime.fromISO(day, { zone: ZONE }).weekday <= 5;

/** The ISO weeks the window touches (the relevant index is kept per week). */
export function alertWeeks(w: AlertWindow): string[] {
  return [...new Set([isoWeekOf(w.from), isoWeekOf(new Date(w.to.getTime() - 1))])];
}

export interface AlertPiece {
  entry: DigestEntry;
  replyBy: string;
  repliesToNetwork: boolean;
}

export interface DebateAlert {
  window: AlertWindow;
  pieces: AlertPiece[];
}

/**
 * The reader's pieces: opinion, published in the window, not the network's own and still open for
 * reply at send time, about one of their towns (any member when they follow none), one of their
 * themes, or the network.
 */
export function buildAlert(entries: readonly DigestEntry[], sub: Pick<Subscriber, 'municipalities' | 'topics'>, w: AlertWindow, now: Date): DebateAlert {
  const from = w.from.toISOString();
  const to = w.to.toISOString();
  const seen = new Set<string>();
  const pieces: AlertPiece[] = [];
  for (const e of entries) {
    if (!isOpinion(e.genre) || e.publishedAt < from || e.publishedAt >= to || seen.has(e.id)) continue;
    const facts = storedDebateFacts(e);
    if (!openForReply(facts, now) || !offeredForReply(e)) continue;
    const town = sub.municipalities.length ? e.municipalities.some((m) => sub.municipalities.includes(m)) : e.municipalities.length > 0;
    const theme = e.topics.some((t) => sub.topics.includes(t));
    if (!town && !theme && !e.mentionsNetwork && !facts.repliesToNetwork && !e.statementIds.length) continue;
    seen.add(e.id);
    pieces.push({ entry: e, replyBy: facts.replyBy, repliesToNetwork: facts.repliesToNetwork });
  }
  // Replies to the network first, then the most urgent, then the newest.
  pieces.sort((a, b) => Number(b.repliesToNetwork) - Number(a.repliesToNetwork) || a.replyBy.localeCompare(b.replyBy) || b.entry.publishedAt.localeCompare(a.entry.publishedAt));
  return { window: w, pieces };
}

const longDate = (day: string) => DateTime.fromISO(day, { zone: ZONE }).setLocale('sv').toFormat('cccc d MMMM');
const count = (n: number) => `${n} ${n === 1 ? 'inlägg' : 'inlägg'}`;

export function alertSubject(a: DebateAlert): string {
  const replies = a.pieces.filter((p) => p.repliesToNetwork).length;
  const head = `Dagens debatt ${formatSwedishDate(a.window.to.toISOString())}: ${count(a.pieces.length)} att svara på`;
  return replies ? `${head}, ${replies} svar till nätverket` : head;
}

function labels(e: DigestEntry): string {
  return [...e.municipalities, ...e.topics.map((t) => TOPIC_LABELS[t])].join(' · ');
}

export function renderAlertHtml(a: DebateAlert, opts: { unsubscribeUrl: string; appName: string; settingsUrl?: string | undefined }): string {
  const rows = a.pieces
    .map((p) => {
      const e = p.entry;
      const href = safeHref(e.url);
      const title = href ? `<a href="${escapeHtml(href)}" style="color:#0b5cad">${escapeHtml(e.title)}</a>` : escapeHtml(e.title);
      const flag = p.repliesToNetwork ? '<strong style="color:#a4262c">Svar till nätverket</strong> · ' : '';
      return `<tr><td style="padding:10px 0;border-bottom:1px solid #dfe3ea;overflow-wrap:anywhere">${flag}<span style="color:#5b6476">${escapeHtml(GENRE_LABELS[e.genre])} · ${escapeHtml(e.outlet)}</span><br><span style="font-size:17px">${title}</span>${argued(e) ? `<br><span style="font-size:15px">${escapeHtml(argued(e)!)}</span>` : ''}<br><span style="color:#0a7a3b">Svara senast ${escapeHtml(formatSwedishDate(p.replyBy))}</span>${labels(e) ? `<span style="color:#5b6476"> · ${escapeHtml(labels(e))}</span>` : ''}</td></tr>`;
    })
    .join('');
  const settings = opts.settingsUrl && safeHref(opts.settingsUrl) ? ` · <a href="${escapeHtml(safeHref(opts.settingsUrl)!)}">Inställningar</a>` : '';
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(alertSubject(a))}</title></head><body style="margin:0;background:#f4f6f9;font-family:Arial,sans-serif;color:#1d2433"><table role="presentation" width="100%" style="max-width:640px;margin:0 auto;background:#fff;table-layout:fixed"><tr><td style="padding:16px"><h1 style="font-size:20px;margin:0 0 4px">Dagens debatt</h1><p style="margin:0 0 8px;color:#5b6476">${escapeHtml(longDate(a.window.day))}: debattinlägg sedan ${escapeHtml(DateTime.fromJSDate(a.window.from).setZone(ZONE).setLocale('sv').toFormat('cccc HH:mm'))} om era kommuner och nätverkets teman.</p><table role="presentation" width="100%" style="table-layout:fixed">${rows}</table><p style="font-size:12px;color:#5b6476;margin-top:16px">${escapeHtml(opts.appName)} · <a href="${escapeHtml(opts.unsubscribeUrl)}">Avsluta prenumerationen</a>${settings}</p></td></tr></table></body></html>`;
}

export function renderAlertText(a: DebateAlert, opts: { unsubscribeUrl: string; appName: string }): string {
  const lines = [`Dagens debatt – ${longDate(a.window.day)}`, ''];
  for (const p of a.pieces) {
    const e = p.entry;
    lines.push(`${p.repliesToNetwork ? 'SVAR TILL NÄTVERKET – ' : ''}${GENRE_LABELS[e.genre]}, ${e.outlet}: ${e.title}`, ...(argued(e) ? [`  ${argued(e)}`] : []), `  Svara senast ${formatSwedishDate(p.replyBy)}${labels(e) ? ` · ${labels(e)}` : ''}`, `  ${e.url}`, '');
  }
  lines.push(`${opts.appName}. Avsluta prenumerationen: ${opts.unsubscribeUrl}`);
  return lines.join('\n');
}

/** What the piece argues and who says it: "Namn (roll): ”tes”", when the summariser found them. */
function argued(e: DigestEntry): string | null {
  const o = e.opinion;
  if (!o?.thesis[0]) return null;
  const writer = writerLabel(o);
  const who = writer ? `${writer}: ` : '';
  const thesis = withoutSectionLabel(o.thesis[0]);
  // A thesis that is the title again adds nothing but the author.
  if (thesis === e.title || o.thesis[0] === e.title) return writer;
  return `${who}”${thesis}”`;
}


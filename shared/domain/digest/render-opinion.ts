/**
 * "Veckans opinion" in the letter: per debate its subject, how many pieces in how many outlets, and
 * each voice as `Namn (roll), Medium, genre: ”thesis”`, the network's own voice marked, its stance
 * toward the network with the sentence that shows it, and the reply-by date while it is open; then
 * the open debates. The secretariat's coverage gets each statement's reception in opinion.
 */
import { withoutSectionLabel } from '../labels.ts';
import { formatSwedishDate } from '../week.ts';
import { GENRE_LABELS, TOPIC_LABELS, writerLabel } from '../labels.ts';
import type { Topic } from '../types.ts';
import type { Digest, DigestDebate } from './build.ts';
import type { DebatePiece } from './debates.ts';
import { C, CELL, escapeHtml, link } from './html.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** A thesis as quoted in the letter: verbatim, without the section label the paper put before the headline ("DEBATT:", "Ledare:"). */
export function quoteThesis(s: string): string {
  const bare = withoutSectionLabel(s);
  return `”${bare.replace(/^[”"“]+|[”"“]+$/g, '')}”`;
}
const quote = quoteThesis;

/** "Anna Ek (kommunalråd, S), Norrländska Socialdemokraten, debatt" — who, where, in what form. */
export function voiceLabel(p: DebatePiece): string {
  const writer = writerLabel(p);
  const who = writer ? `${writer}, ` : '';
  return `${who}${p.outlet}, ${GENRE_LABELS[p.genre].toLowerCase()}`;
}

/** Whom a voice answers, when the piece it answers is in the debate: "svar till Anna Ek", "svar till nätverket", else "svar". */
export function replyNote(p: DebatePiece, pieces: readonly DebatePiece[]): string | null {
  if (!p.repliesTo) return null;
  const to = pieces.find((q) => q.url === p.repliesTo);
  if (to?.author) return `svar till ${to.author}`;
  return to?.own ? 'svar till nätverket' : 'svar';
}

function stanceNote(p: DebatePiece): string | null {
  if (!p.stanceToNetwork) return null;
  const sentence = p.stanceSentence && !p.thesis.includes(p.stanceSentence) ? `: ${quote(p.stanceSentence)}` : '';
  return `${p.stanceToNetwork === 'stöder' ? 'stöder nätverket' : 'kritiserar nätverket'}${sentence}`;
}

function debateMeta(d: DigestDebate): string {
  const themes = d.themes.map((t) => TOPIC_LABELS[t as Topic] ?? t);
  return [plural(d.pieces.length, 'inlägg', 'inlägg') + ` i ${plural(d.outlets, 'medium', 'medier')}`, ...d.towns.slice(0, 3), ...themes.slice(0, 2)].join(' · ');
}

/** The quote, unless it only repeats the debate's heading. */
function thesisQuote(p: DebatePiece, subject: string): string | null {
  const t = p.thesis[0] ?? p.title;
  return withoutSectionLabel(t) === subject ? null : quote(t);
}

function voiceHtml(p: DebatePiece, subject: string, pieces: readonly DebatePiece[]): string {
  const answers = replyNote(p, pieces);
  const said = thesisQuote(p, subject);
  const own = p.own ? `<span style="color:${C.open};font-weight:600;">Nätverket: </span>` : '';
  const stance = stanceNote(p);
  const open = p.replyBy ? ` <span style="color:${C.open};font-weight:600;">· svara senast ${escapeHtml(formatSwedishDate(p.replyBy))}</span>` : '';
  return `<tr><td style="padding:3px 0 3px 10px;border-left:3px solid ${p.own ? C.open : C.rule};font-size:14px;line-height:1.45;${CELL}">${own}${link(p.url, voiceLabel(p), `color:${C.accent};text-decoration:none;`)}${answers ? `, ${escapeHtml(answers)}` : ''}${said ? `: ${escapeHtml(said)}` : ''}${stance ? ` <span style="color:${C.muted};">– ${escapeHtml(stance)}</span>` : ''}${open}</td></tr>`;
}

export function debatesHtml(d: Digest, more: (n: number) => string): string {
  const v = d.debates!;
  const rows = v.shown.map((x) => {
    const rest = x.pieces.length - x.voices.length;
    return `<tr><td style="padding:10px 0 2px 0;font-size:15px;font-weight:600;${CELL}">${escapeHtml(x.subject)}</td></tr>
<tr><td style="padding:0 0 4px 0;font-size:13px;color:${C.muted};">${escapeHtml(debateMeta(x))}</td></tr>
${x.voices.map((p) => voiceHtml(p, x.subject, x.pieces)).join('\n')}${rest > 0 ? `<tr><td style="padding:2px 0 0 10px;font-size:13px;color:${C.muted};">och ${plural(rest, 'inlägg', 'inlägg')} till i debatten</td></tr>` : ''}`;
  });
  return rows.join('\n') + openLineHtml(d) + more(v.total - v.shown.length);
}

function openLine(d: Digest): string | null {
  const o = d.debates!.open;
  if (!o.count) return null;
  const about = d.subscriber.municipalities.length ? `${o.aboutTowns} om era kommuner, ` : '';
  const line = `Öppna debatter: ${o.count}${about ? ` (${about.replace(/, $/, '')})` : ''}${o.firstClosing ? `; den första stänger ${formatSwedishDate(o.firstClosing)}` : ''}`;
  return line.endsWith('.') ? line : `${line}.`;
}

function openLineHtml(d: Digest): string {
  const line = openLine(d);
  return line ? `<tr><td style="padding:10px 0 0 0;font-size:14px;font-weight:600;color:${C.open};${CELL}">${escapeHtml(line)}</td></tr>` : '';
}

export function debatesText(d: Digest, more: (n: number) => string[]): string[] {
  const v = d.debates!;
  const lines = ['VECKANS OPINION'];
  for (const x of v.shown) {
    lines.push(`${x.subject} (${debateMeta(x)})`);
    for (const p of x.voices) {
      const stance = stanceNote(p);
      const said = thesisQuote(p, x.subject);
      const answers = replyNote(p, x.pieces);
      lines.push(`  ${p.own ? 'Nätverket: ' : ''}${voiceLabel(p)}${answers ? `, ${answers}` : ''}${said ? `: ${said}` : ''}${stance ? ` – ${stance}` : ''}${p.replyBy ? ` · svara senast ${formatSwedishDate(p.replyBy)}` : ''}`);
      lines.push(`    ${p.url}`);
    }
    if (x.pieces.length > x.voices.length) lines.push(`  och ${plural(x.pieces.length - x.voices.length, 'inlägg', 'inlägg')} till i debatten`);
  }
  const open = openLine(d);
  if (open) lines.push(open);
  return [...lines, ...more(v.total - v.shown.length)];
}

/** Per statement: who backed it and who criticised it in opinion, with the quote. */
function reception(d: Digest, statementId: string): DebatePiece[] {
  return (d.debates?.shown ?? []).flatMap((x) => x.pieces).filter((p) => p.stanceToNetwork && p.statementIds.includes(statementId));
}

export function receptionHtml(d: Digest, statementId: string): string {
  return reception(d, statementId)
    .map((p) => `<tr><td style="padding:2px 0 2px 10px;font-size:13px;line-height:1.4;${CELL}">${escapeHtml(p.stanceToNetwork === 'stöder' ? 'Stöder' : 'Kritiserar')}: ${link(p.url, voiceLabel(p), `color:${C.accent};text-decoration:none;`)} ${escapeHtml(quote(p.stanceSentence ?? p.thesis[0] ?? p.title))}</td></tr>`)
    .join('\n');
}

export function receptionText(d: Digest, statementId: string): string[] {
  return reception(d, statementId).map((p) => `  ${p.stanceToNetwork === 'stöder' ? 'Stöder' : 'Kritiserar'}: ${voiceLabel(p)} ${quote(p.stanceSentence ?? p.thesis[0] ?? p.title)}`);
}

/** The Swedish names of topics and genres, as every reader sees them (letters, web, CSV, evidence). */
import type { Genre, Topic } from './types.ts';

export const TOPIC_LABELS: Record<Topic, string> = {
  industry: 'Industri',
  energy: 'Energi',
  procurement: 'Offentlig upphandling',
  skills: 'Kompetensförsörjning',
};

export const GENRE_LABELS: Record<Genre, string> = {
  news: 'Nyhet',
  editorial: 'Ledare',
  debate: 'Debatt',
  column: 'Krönika',
  letter: 'Insändare',
  analysis: 'Analys',
  press_release: 'Pressmeddelande',
  other: 'Övrigt',
};

/** Words papers put before a headline as its section's label ("DEBATT:", "Insändare.", "Fria ord:"). */
const LABELS = 'ledare|insändare|läsarbrev|debatt|debattartikel|krönika|kolumnen|kommentar|analys|signerat|fria ord|åsikt|opinion';
/** The labels that say the piece is a reply: a reply's header, which the reply reader needs to see. */
const REPLY_LABELS = 'replik|slutreplik|svar';
const labelRun = (words: string) => new RegExp(`^(?:(?:${words})\\s*[:.|–-]\\s*)+`, 'iu');
const ANY_LABELS = labelRun(`${LABELS}|${REPLY_LABELS}`);
const SECTION_LABELS = labelRun(LABELS);
/** The paper's initials before its label: "DN Debatt.", "SvD Ledare:" (case-sensitive: initials are capitals). */
const PAPER_BEFORE_LABEL = /^\p{Lu}[\p{Lu}\p{Ll}]{1,3}\s+(?=(?:[Dd]ebatt|[Ll]edare|[Ii]nsändare|[Rr]eplik|[Kk]rönika)\s*[:.|–-])/u;

/**
 * A title without the labels the paper put before it, reply headers too ("DN Debatt. ", "Replik: "),
 * or with `keepReplyHeader` only the section's ("Insändare. Svar: …" → "Svar: …").
 */
export function withoutLabels(s: string, opts: { keepReplyHeader?: boolean } = {}): string {
  return s.replace(PAPER_BEFORE_LABEL, '').replace(opts.keepReplyHeader ? SECTION_LABELS : ANY_LABELS, '');
}

/**
 * A headline or thesis for display: without its labels and without the quotation marks that then
 * wrap it all (”…”); the words stay verbatim.
 */
export function withoutSectionLabel(s: string): string {
  const bare = withoutLabels(s);
  if (!bare) return s;
  return bare !== s && /^[”"“][^”"“]+[”"“]$/u.test(bare) ? bare.slice(1, -1) : bare;
}

/**
 * Who wrote an opinion piece, as every reader sees it: "Anna Ek (kommunalråd i Luleå)", or the
 * organisation credited when no person is ("Svenska missionsrådet"), or null.
 */
export function writerLabel(o: { author: string | null; authorRole: string | null }): string | null {
  if (o.author) return `${o.author}${o.authorRole ? ` (${o.authorRole})` : ''}`;
  return o.authorRole;
}

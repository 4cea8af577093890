/**
 * The network's statements: the window a statement is matched in, Swedish phrase matching
 * (inflection, compounds with the phrase word as head, small gaps and word-order changes) and the
 * evidence rule that tells "this is the statement" from "this is its theme". Pure.
 *
 * A Swedish stemmer was measured for this and not used: Snowball's Swedish stemmer maps
 * "utbyggnaden" to "utbyggnad" but "utbyggnad" to "utbyggn", and leaves "elnätet" whole, so the
 * issue's own example ("utbyggnaden av elnätet" / "utbyggnad av elnätet") would not match. Words
 * are compared instead by a shared base plus Swedish inflection endings on both sides (the
 * classifier's INFLECTIONS list): utbyggnad|en ~ utbyggnad|, elnät|et ~ elnät|ets.
 */
import { INFLECTIONS } from './inflections.ts';
import type { Statement, StatementMatch } from './types.ts';

/** Days a statement is matched after its date when it names no `until`. */
export const DEFAULT_STATEMENT_DAYS = 30;

/** The statement's window as Stockholm dates, both ends included. */
export function statementWindow(s: Pick<Statement, 'date' | 'until'>): { from: string; until: string } {
  // Calendar days: date-only arithmetic in UTC has no DST to trip over.
  return { from: s.date, until: s.until ?? new Date(Date.parse(`${s.date}T00:00:00Z`) + DEFAULT_STATEMENT_DAYS * 86400_000).toISOString().slice(0, 10) };
}

// Intl, not luxon, made on first use: this is in the classifier's path, whose cold start is budgeted
// (loading the time-zone data costs milliseconds, and only articles matched against statements need it).
let stockholmDay: Intl.DateTimeFormat | undefined;

/** The Stockholm calendar date of an instant (what "published on" means to the secretariat). */
export function stockholmDate(iso: string): string {
  const t = Date.parse(iso);
  stockholmDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
  return Number.isFinite(t) ? stockholmDay.format(t) : iso.slice(0, 10);
}

/** Function words: a phrase matches without them ("utbyggnad av elnätet" ~ "elnätets utbyggnad"). */
const FUNCTION_WORDS = new Set([
  'av', 'och', 'i', 'på', 'för', 'som', 'till', 'med', 'om', 'att', 'en', 'ett', 'den', 'det', 'de', 'vi', 'är', 'var', 'har', 'från', 'ur', 'vid', 'mot', 'efter',
  'under', 'över', 'inom', 'utan', 'samt', 'eller', 'men', 'så', 'där', 'här', 'kan', 'ska', 'måste', 'bör', 'vår', 'våra', 'vårt', 'sin', 'sina', 'sitt',
]);

/** Extra words a phrase may have between or around its words. */
const GAP = 2;
/** A phrase word is also the head of a compound ("stamelnätet") when it is at least this long. */
const HEAD_MIN = 6;

const WORD = /[\p{L}\p{N}]+/gu;

interface PhraseWord {
  /** Bases the word is built from, each with a valid ending removed (longest first). */
  bases: string[];
  /** The shortest base: a text without it cannot contain the word (a cheap prefilter). */
  probe: string;
}

interface CompiledPhrase {
  phrase: string;
  words: PhraseWord[];
  /** Phrase length in words (function words included): the span the words must fall in is this + GAP. */
  span: number;
  /** Two content words or more: specific enough to be the statement, not just its theme. */
  distinctive: boolean;
}

export interface CompiledStatement {
  statement: Statement;
  window: { from: string; until: string };
  phrases: CompiledPhrase[];
  people: Array<{ name: string; lower: string }>;
}

function baseForms(word: string): string[] {
  const out = [word];
  for (let k = 1; k <= 6 && word.length - k >= 3; k++) if (INFLECTIONS.has(word.slice(word.length - k))) out.push(word.slice(0, word.length - k));
  return out;
}

export function compileStatement(s: Statement): CompiledStatement {
  const phrases: CompiledPhrase[] = [];
  for (const phrase of s.keyPhrases) {
    const all = phrase.toLowerCase().match(WORD) ?? [];
    const content = all.filter((w) => !FUNCTION_WORDS.has(w));
    const words = (content.length ? content : all).map((w) => {
      const bases = baseForms(w);
      return { bases, probe: bases.reduce((a, b) => (b.length < a.length ? b : a)) };
    });
    if (words.length) phrases.push({ phrase, words, span: all.length + GAP, distinctive: words.length >= 2 });
  }
  return { statement: s, window: statementWindow(s), phrases, people: s.people.map((name) => ({ name, lower: name.toLowerCase() })) };
}

/** The word `token` is `w` inflected, or a compound with `w` as its head. */
function wordMatches(w: PhraseWord, token: string): boolean {
  for (const base of w.bases) {
    if (token.startsWith(base) && INFLECTIONS.has(token.slice(base.length))) return true;
    if (base.length >= HEAD_MIN && token.length > base.length + 2) {
      const at = token.lastIndexOf(base);
      if (at >= 3 && INFLECTIONS.has(token.slice(at + base.length))) return true;
    }
  }
  return false;
}

/** Where the phrase occurs in the token list: every word within `span` tokens, in any order. */
function findPhrase(p: CompiledPhrase, tokens: readonly string[]): string | null {
  const positions = p.words.map((w) => {
    const at: number[] = [];
    for (let i = 0; i < tokens.length; i++) if (wordMatches(w, tokens[i]!)) at.push(i);
    return at;
  });
  if (positions.some((at) => at.length === 0)) return null;
  if (p.words.length === 1) return tokens[positions[0]![0]!]!;
  // Smallest window holding one position of each word (few positions: a direct scan suffices).
  for (const start of positions[0]!) {
    const chosen = [start];
    let ok = true;
    for (const at of positions.slice(1)) {
      const near = at.filter((i) => Math.abs(i - start) < p.span).sort((a, b) => Math.abs(a - start) - Math.abs(b - start))[0];
      if (near === undefined) {
        ok = false;
        break;
      }
      chosen.push(near);
    }
    const lo = Math.min(...chosen);
    const hi = Math.max(...chosen);
    if (ok && hi - lo < p.span) return tokens.slice(lo, hi + 1).join(' ');
  }
  return null;
}

export interface StatementArticle {
  /** Lower-cased title and text, joined. */
  lower: string;
  /** Stockholm date of publication. */
  day: string | undefined;
  mentionsNetwork: boolean;
  topics: readonly string[];
  /**
   * The words that gave each topic its evidence (the classification's hits). With them, a theme
   * shared with the statement must rest on a word outside the phrase found: the phrase's own word
   * ("elnätet" in "utbyggnaden av elnätet") is not a second piece of evidence.
   */
  topicWords?: Readonly<Record<string, readonly string[]>> | undefined;
}

/** The words each topic's evidence matched, as stored in a classification. */
export const topicWordsOf = (evidence: Record<string, { hits: ReadonlyArray<{ matched: string }> }>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(evidence).map(([t, e]) => [t, e.hits.map((h) => h.matched)]));

/**
 * The evidence rule. An article in the statement's window is the statement's uptake when
 *  (a) it names the network or one of the statement's people, and at least one key phrase; or
 *  (b) it has two key phrases, one of them distinctive (two content words or more); or
 *  (c) it has three key phrases; or
 *  (d) it has one distinctive phrase and shares a theme (topic) with the statement, on a word of
 *      its own beyond that phrase.
 * A single theme word ("kompetensförsörjning") alone is the theme, never the statement.
 */
export function matchStatement(c: CompiledStatement, a: StatementArticle, statementTopics: readonly string[], tokens: () => readonly string[]): StatementMatch | null {
  if (!a.day || a.day < c.window.from || a.day > c.window.until) return null;
  // Prefilter: a phrase whose shortest base is not in the text cannot match.
  const candidates = c.phrases.filter((p) => p.words.every((w) => a.lower.includes(w.probe)));
  const people = c.people.filter((p) => a.lower.includes(p.lower));
  if (!candidates.length) return null;
  const found: Array<{ p: CompiledPhrase; text: string }> = [];
  for (const p of candidates) {
    const text = findPhrase(p, tokens());
    if (text !== null) found.push({ p, text });
  }
  if (!found.length) return null;
  const distinctive = found.some((f) => f.p.distinctive);
  const phraseWords = new Set(found.flatMap((f) => f.text.split(' ')));
  // A topic stored without its evidence (older or hand-made records) counts as before.
  const themeBeyondPhrase = (t: string) => !a.topicWords?.[t]?.length || a.topicWords[t].some((w) => w.split(/\s+/).some((x) => !phraseWords.has(x)));
  const sharedTopics = statementTopics.filter((t) => a.topics.includes(t) && themeBeyondPhrase(t));
  const sharesTheme = sharedTopics.length > 0;
  const named = a.mentionsNetwork || people.length > 0;
  const rule = named ? 'a' : found.length >= 2 && distinctive ? 'b' : found.length >= 3 ? 'c' : distinctive && sharesTheme ? 'd' : null;
  if (!rule) return null;
  const evidence: string[] = [];
  if (a.mentionsNetwork) evidence.push('nämner nätverket');
  for (const p of people) evidence.push(`nämner ${p.name}`);
  for (const f of found) evidence.push(f.text === f.p.phrase.toLowerCase() ? `fras "${f.p.phrase}"` : `fras "${f.p.phrase}" (${f.text})`);
  if (rule === 'd') evidence.push(`samma tema (${sharedTopics.join(', ')})`);
  let score = (a.mentionsNetwork ? 0.4 : 0) + (people.length ? 0.35 : 0);
  for (const f of found) score += f.p.distinctive ? 0.3 : 0.2;
  if (rule === 'd') score += 0.2;
  return { statementId: c.statement.id, score: Math.min(1, Math.round(score * 100) / 100), evidence };
}

export const tokenize = (lower: string): string[] => lower.match(WORD) ?? [];

/** An id made from the title and the month, when none is given: "Ge oss elen" of 2026-11-20 → "ge-oss-elen-2026-11". */
export function statementIdFrom(title: string, date: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  const month = /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : '';
  return [slug || 'utspel', month].filter(Boolean).join('-');
}


/**
 * Compiles lexicon terms into two regular expressions run once per text field, so matching cost
 * does not grow with the number of terms the way a loop over terms would.
 *
 * Term syntax (config files): `stem` matches a word that starts with it (genitive, definite
 * forms, compounds with the stem first); `word$` matches the word alone or with a genitive s;
 * `*stem` matches anywhere inside a word (compounds with the stem last: innovationsupphandling).
 * Diacritics are kept: å, ä and ö are letters of their own in Swedish.
 */

export interface TermEntry<T> {
  /** The term as written in config, for explanations. */
  term: string;
  payload: T;
}

export interface Hit<T> {
  term: string;
  /** The whole word (or phrase) the term matched in the text. */
  matched: string;
  index: number;
  payload: T;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LETTER = '[\\p{L}\\p{N}]';

interface Compiled<T> {
  anchored: RegExp | null;
  infix: RegExp | null;
  byKey: Map<string, TermEntry<T>[]>;
}

type Mode = 'prefix' | 'exact' | 'infix' | 'suffix';

function keyOf(raw: string): { key: string; mode: Mode } {
  let t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let mode: Mode = 'prefix';
  if (t.startsWith('*')) {
    mode = 'infix';
    t = t.slice(1);
  }
  if (t.endsWith('$')) {
    // "*bruk$": the word ends in the stem (pappersbruk), not any word containing it (brukar).
    mode = mode === 'infix' ? 'suffix' : 'exact';
    t = t.slice(0, -1);
  }
  return { key: t, mode };
}

/**
 * What may follow a stem that stands inside a word: Swedish inflection endings, so the stem is the
 * compound's head (fordonsindustrins, pappersmassan) and not a piece of an unrelated word
 * (Massachusetts, kemisk, Linköping, industriell).
 */
export const INFLECTIONS: ReadonlySet<string> = new Set([
  '', 's', 'n', 'ns', 'en', 'ens', 'et', 'ets', 'na', 'nas', 'ar', 'arna', 'arnas', 'er', 'erna', 'ernas', 'or', 'orna', 'ornas', 'a', 'as', 'e', 'es', 't', 'ts', 'r', 'rna', 'rnas',
  'ade', 'at', 'ad', 'ande', 'ning', 'ningen', 'ningens', 'ningar', 'ningarna',
]);

export class TermMatcher<T> {
  private readonly compiled: Compiled<T>;
  private readonly suffixKeys = new Set<string>();

  constructor(entries: TermEntry<T>[]) {
    const byKey = new Map<string, TermEntry<T>[]>();
    const anchored: string[] = [];
    const infix: string[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const { key, mode } = keyOf(entry.term);
      const list = byKey.get(key) ?? [];
      list.push(entry);
      byKey.set(key, list);
      const id = `${mode}:${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const body = key.split(' ').map(escape).join('[\\s\\u00a0]+');
      if (mode === 'suffix') this.suffixKeys.add(key);
      if (mode === 'infix' || mode === 'suffix') infix.push(body);
      else if (mode === 'exact') anchored.push(`${body}(?:s|:s)?(?!${LETTER})`);
      else anchored.push(body);
    }
    // Longest first, so a stop phrase ("timrå ik") wins over the name it contains ("timrå").
    const byLength = (a: string, b: string) => b.length - a.length;
    anchored.sort(byLength);
    infix.sort(byLength);
    this.compiled = {
      anchored: anchored.length ? new RegExp(`(?<!${LETTER})(?:${anchored.join('|')})`, 'gu') : null,
      infix: infix.length ? new RegExp(`(?:${infix.join('|')})`, 'gu') : null,
      byKey,
    };
  }

  /** All hits in `lower` (already lower-cased). */
  match(lower: string): Hit<T>[] {
    const hits: Hit<T>[] = [];
    const { anchored, infix, byKey } = this.compiled;
    if (anchored) {
      for (const m of lower.matchAll(anchored)) {
        const start = m.index;
        const raw = m[0];
        const key = normaliseKey(raw, byKey);
        const entries = byKey.get(key);
        if (!entries) continue;
        const end = wordEnd(lower, start + raw.length);
        for (const e of entries) hits.push({ term: e.term, matched: lower.slice(start, end), index: start, payload: e.payload });
      }
    }
    if (infix) {
      // Where each payload was already found by an anchored term, so a word is not counted twice.
      const anchoredAt = new Map<T, number[]>();
      for (const h of hits) {
        const list = anchoredAt.get(h.payload);
        if (list) list.push(h.index);
        else anchoredAt.set(h.payload, [h.index]);
      }
      for (const m of lower.matchAll(infix)) {
        const start = wordStart(lower, m.index);
        const stemEnd = m.index + m[0].length;
        const end = wordEnd(lower, stemEnd);
        const key = m[0].includes(' ') || m[0].includes('\u00a0') ? m[0].replace(/[\s\u00a0]+/g, ' ') : m[0];
        const entries = byKey.get(key);
        if (!entries) continue;
        // Most infix hits head their word: look at what follows only when needed, without copying it.
        if (end > stemEnd || start !== m.index) {
          if (end - stemEnd >= 3 && (lower.startsWith('ell', stemEnd) || lower.startsWith('isk', stemEnd) || lower.startsWith('iell', stemEnd))) continue;
          if (this.suffixKeys.size !== 0 && this.suffixKeys.has(key)) {
            if (!suffixFits(lower.slice(stemEnd, end))) continue;
          } else if (start !== m.index && key.length < 7 && !INFLECTIONS.has(lower.slice(stemEnd, end))) continue;
        }
        for (const e of entries) {
          if (anchoredAt.get(e.payload)?.some((i) => i >= start && i < end)) continue;
          hits.push({ term: e.term, matched: lower.slice(start, end), index: start, payload: e.payload });
        }
      }
    }
    return hits;
  }
}

/**
 * A stem inside a word counts when it heads the word, when only an inflection ending follows (the
 * compound's head: fordonsindustrins), or when it is long and specific (seven letters or more: a
 * truncated stem like "upphandl" in innovationsupphandling) and not turned into an adjective
 * (industriell, kemisk). Shorter stems inside unrelated words do not count: Linköping, naturbingo,
 * illavarslande; words that start like a stem are declared as false friends (Massachusetts). (Checked
 * inline in match(), without copying the rest of the word.)
 */

const NOUN_FORMS = new Set(['', 's', 'en', 'ens', 'et', 'ets']);
const VERB_FORM = /^(ar|ade|ande|er)$/;

/** "*bruk$": the word ends in the stem, in a noun form (bruket, bruks) or as a compound's first part (stålämnen); not a verb (brukar). */
function suffixFits(rest: string): boolean {
  return NOUN_FORMS.has(rest) || (rest.length >= 4 && !VERB_FORM.test(rest));
}

function normaliseKey<T>(raw: string, byKey: Map<string, TermEntry<T>[]>): string {
  const k = raw.includes(' ') || raw.includes('\u00a0') ? raw.replace(/[\s\u00a0]+/g, ' ') : raw;
  if (byKey.has(k)) return k;
  // Exact terms may have matched with a genitive s.
  const stripped = k.replace(/:?s$/, '');
  return stripped;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** A letter or digit: ASCII and Latin-1 by code, anything else by the Unicode property (rare in Swedish text). */
function isWordCode(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0x100) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
  return WORD_CHAR.test(s[i]!);
}

function wordEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isWordCode(s, j)) j++;
  return j;
}
function wordStart(s: string, i: number): number {
  let j = i;
  while (j > 0 && isWordCode(s, j - 1)) j--;
  return j;
}

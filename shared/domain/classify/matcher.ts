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

function keyOf(raw: string): { key: string; mode: 'prefix' | 'exact' | 'infix' } {
  let t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let mode: 'prefix' | 'exact' | 'infix' = 'prefix';
  if (t.startsWith('*')) {
    mode = 'infix';
    t = t.slice(1);
  }
  if (t.endsWith('$')) {
    mode = mode === 'infix' ? 'infix' : 'exact';
    t = t.slice(0, -1);
  }
  return { key: t, mode };
}

export class TermMatcher<T> {
  private readonly compiled: Compiled<T>;

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
      if (mode === 'infix') infix.push(body);
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
      for (const m of lower.matchAll(infix)) {
        const start = wordStart(lower, m.index);
        const end = wordEnd(lower, m.index + m[0].length);
        const entries = byKey.get(m[0].replace(/[\s\u00a0]+/g, ' '));
        if (!entries) continue;
        // A word already explained by an anchored term of the same entry is not counted twice.
        for (const e of entries) {
          const dup = hits.some((h) => h.payload === e.payload && h.index >= start && h.index < end);
          if (!dup) hits.push({ term: e.term, matched: lower.slice(start, end), index: start, payload: e.payload });
        }
      }
    }
    return hits;
  }
}

function normaliseKey<T>(raw: string, byKey: Map<string, TermEntry<T>[]>): string {
  const k = raw.replace(/[\s\u00a0]+/g, ' ');
  if (byKey.has(k)) return k;
  // Exact terms may have matched with a genitive s.
  const stripped = k.replace(/:?s$/, '');
  return stripped;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function wordEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isWordChar(s[j])) j++;
  return j;
}
function wordStart(s: string, i: number): number {
  let j = i;
  while (j > 0 && isWordChar(s[j - 1])) j--;
  return j;
}

/**
 * Compiles lexicon terms once per container: terms that start a word into a character trie walked
 * from each word start, terms inside words into one regular expression. Matching cost does not
 * grow with the number of terms the way a loop over terms would.
 *
 * Term syntax (config files): `stem` matches a word that starts with it (genitive, definite
 * forms, compounds with the stem first); `word$` matches the word alone or with a genitive s;
 * `*stem` matches anywhere inside a word (compounds with the stem last: innovationsupphandling).
 * Diacritics are kept: å, ä and ö are letters of their own in Swedish.
 */
import { INFLECTIONS } from '../inflections.ts';

export { INFLECTIONS };

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

interface Compiled<T> {
  anchored: TrieNode;
  infix: RegExp | null;
  byKey: Map<string, TermEntry<T>[]>;
  /** Entries of each key in the trie, by family. */
  groups: Map<string, Array<{ family: number; entries: TermEntry<T>[] }>>;
}

/**
 * Terms that start a word, as a character trie walked from each word start: one step per
 * character instead of trying hundreds of alternatives at every position (the classifier's main
 * cost when this was one regular expression). A space in a term stands for any run of white space.
 */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** A prefix term ends here (the word may go on). */
  prefix?: string;
  /** An exact term ends here (the word must end, or take a genitive s). */
  exact?: string;
}
const SPACE = 32;

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


export class TermMatcher<T> {
  private readonly compiled: Compiled<T>;
  private readonly suffixKeys = new Set<string>();
  /** Terms that fit at one word start (reused: no allocation per word). */
  private readonly foundKeys: string[] = [];
  private readonly foundEnds: number[] = [];

  /**
   * @param familyOf Terms compete only within their family: the longest term of a family at a
   * place wins and covers the words it spans ("timrå ik" over "timrå"), but never hides another
   * family's term ("bae systems hägglunds", a site, does not hide "hägglunds", a company of the
   * industry topic).
   */
  constructor(entries: TermEntry<T>[], familyOf: (payload: T) => number = () => 0) {
    const byKey = new Map<string, TermEntry<T>[]>();
    const anchored: TrieNode = { next: new Map() };
    const infix: string[] = [];
    const seen = new Set<string>();
    const anchoredKeys = new Set<string>();
    for (const entry of entries) {
      const { key, mode } = keyOf(entry.term);
      const list = byKey.get(key) ?? [];
      list.push(entry);
      byKey.set(key, list);
      const id = `${mode}:${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (mode === 'suffix') this.suffixKeys.add(key);
      if (mode === 'infix' || mode === 'suffix') infix.push(key.split(' ').map(escape).join('[\\s\\u00a0]+'));
      else {
        anchoredKeys.add(key);
        let node = anchored;
        for (let i = 0; i < key.length; i++) {
          const c = key.charCodeAt(i);
          let child = node.next.get(c);
          if (!child) node.next.set(c, (child = { next: new Map() }));
          node = child;
        }
        if (mode === 'exact') node.exact = key;
        else node.prefix = key;
      }
    }
    // Longest first, so a longer term wins over one it contains.
    infix.sort((a, b) => b.length - a.length);
    const groups = new Map<string, Array<{ family: number; entries: TermEntry<T>[] }>>();
    for (const key of anchoredKeys) {
      const byFamily: Array<{ family: number; entries: TermEntry<T>[] }> = [];
      for (const e of byKey.get(key)!) {
        const family = familyOf(e.payload);
        const g = byFamily.find((x) => x.family === family);
        if (g) g.entries.push(e);
        else byFamily.push({ family, entries: [e] });
      }
      groups.set(key, byFamily);
    }
    this.compiled = {
      groups,
      anchored,
      infix: infix.length ? new RegExp(`(?:${infix.join('|')})`, 'gu') : null,
      byKey,
    };
  }

  /** All hits in `lower` (already lower-cased). */
  match(lower: string): Hit<T>[] {
    const hits: Hit<T>[] = [];
    const { anchored, infix, byKey, groups } = this.compiled;
    if (anchored.next.size) {
      const length = lower.length;
      const foundKeys = this.foundKeys;
      const foundEnds = this.foundEnds;
      // Per family, the end of the last term found: words it spans are covered.
      const coveredUntil: number[] = [];
      for (let p = 0; p < length; p++) {
        // Terms start a word: the character before is not a letter or a digit.
        if (p > 0 && isWordCode(lower, p - 1)) continue;
        // Walk the trie from here, noting every term that fits, shortest first.
        let n = 0;
        let node: TrieNode | undefined = anchored;
        let j = p;
        while (node) {
          if (node.prefix !== undefined) {
            foundKeys[n] = node.prefix;
            foundEnds[n++] = j;
          }
          if (node.exact !== undefined) {
            const e = exactEnd(lower, j);
            if (e >= 0) {
              foundKeys[n] = node.exact;
              foundEnds[n++] = e;
            }
          }
          if (j >= length) break;
          const c = lower.charCodeAt(j);
          if (isSpaceCode(c)) {
            node = node.next.get(SPACE);
            j++;
            while (j < length && isSpaceCode(lower.charCodeAt(j))) j++;
          } else {
            node = node.next.get(c);
            j++;
          }
        }
        // The longest term of each family wins here, unless that family's last term spans this word.
        // A shorter term of another family counts only as whole words of the longer one
        // ("volvo" in "volvo cars body components"), never as the start of a longer word
        // ("sandvik", the company, in "sandviken", the town).
        if (n === 0) continue;
        let taken = 0;
        let longestEnd = -1;
        for (let k = n - 1; k >= 0; k--) {
          const rawEnd = foundEnds[k]!;
          const list = groups.get(foundKeys[k]!);
          if (!list) continue;
          if (rawEnd < longestEnd && wordEnd(lower, rawEnd) >= longestEnd) continue;
          for (const g of list) {
            const bit = 1 << g.family;
            if (taken & bit || p < (coveredUntil[g.family] ?? 0)) continue;
            taken |= bit;
            if (rawEnd > longestEnd) longestEnd = rawEnd;
            coveredUntil[g.family] = rawEnd;
            const end = wordEnd(lower, rawEnd);
            for (const e of g.entries) hits.push({ term: e.term, matched: lower.slice(p, end), index: p, payload: e.payload });
          }
        }
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

/** Where an exact term ending at `i` ends with its genitive ("tik", "tiks", "tik:s"), or -1 when the word goes on. */
function exactEnd(s: string, i: number): number {
  if (i < s.length && s.charCodeAt(i) === 115 /* s */ && !isWordCode(s, i + 1)) return i + 1;
  if (i + 1 < s.length && s.charCodeAt(i) === 58 /* : */ && s.charCodeAt(i + 1) === 115 && !isWordCode(s, i + 2)) return i + 2;
  return isWordCode(s, i) ? -1 : i;
}

/** White space as a regular expression's \s knows it (a term's space matches any run of it). */
function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** A letter or digit: ASCII and Latin-1 by code, anything else by the Unicode property (rare in Swedish text). */
function isWordCode(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c >= 0xc0 && c < 0x100) return c !== 0xd7 && c !== 0xf7;
  return i < s.length && WORD_CHAR.test(s[i]!);
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

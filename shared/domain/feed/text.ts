/** Plain text from feed HTML: tags stripped, entities decoded, whitespace folded. */
import { decodeHTML } from 'entities';

const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'table', 'tr']);
/** Longest HTML read for a text: a feed item's lead is at its start, and work stays bounded. */
export const MAX_HTML_CHARS = 64 * 1024;

/**
 * Plain text from feed HTML: tags stripped, entities decoded, whitespace folded. One pass, linear
 * in its input whatever it holds (a run of "<" with no ">", unclosed scripts, deep nesting): no
 * regular expression here can backtrack.
 */
export function htmlToText(html: string, opts: { oneLine?: boolean } = {}): string {
  if (!html) return '';
  if (html.length > MAX_HTML_CHARS) html = html.slice(0, MAX_HTML_CHARS);
  const fold = opts.oneLine ? oneLine : foldWhitespace;
  const blockBreak = opts.oneLine ? ' ' : '\n';
  // Most titles are plain text: skip the tag and entity passes for them.
  if (!html.includes('<') && !html.includes('&')) return fold(html);
  let out = '';
  let from = 0;
  let noMoreClose = false;
  for (let i = html.indexOf('<'); i >= 0 && !noMoreClose; i = html.indexOf('<', from)) {
    const end = html.indexOf('>', i + 1);
    // No ">" after this "<": nothing after it is a tag, so the rest is text (and no further search).
    if (end < 0) {
      noMoreClose = true;
      break;
    }
    out += html.slice(from, i);
    const name = tagName(html, i + 1, end);
    if (name === 'script' || name === 'style') {
      const close = html.indexOf(`</${name}`, end + 1);
      if (close < 0) {
        from = html.length;
        break;
      }
      const closeEnd = html.indexOf('>', close);
      from = closeEnd < 0 ? html.length : closeEnd + 1;
      out += ' ';
      continue;
    }
    out += BLOCK_TAGS.has(name) ? blockBreak : ' ';
    from = end + 1;
  }
  out += html.slice(from);
  return fold(out.includes('&') ? decodeHTML(out) : out);
}

/** The element name of the tag between `start` and `end` ("/p" gives "p"), lower-case; "" for comments and the like. */
function tagName(html: string, start: number, end: number): string {
  let i = start;
  if (html.charCodeAt(i) === 47) i++;
  let j = i;
  while (j < end && j - i < 12) {
    const c = html.charCodeAt(j) | 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57 && j > i)) j++;
    else break;
  }
  return html.slice(i, j).toLowerCase();
}

/** A title is one line: every run of whitespace, line breaks included, becomes one space. */
export function oneLine(s: string): string {
  s = stripControls(s);
  return /\s\s|[\t\n\r\f\v\u00a0\u2028\u2029]/.test(s) ? s.replace(/\s+/g, ' ').trim() : s.trim();
}

/**
 * C0 and C1 control characters other than tab and newline, and the bidirectional embedding,
 * override and isolate controls (U+202A–202E, U+2066–2069): terminal escape sequences, invisible
 * bytes and text that displays reversed ("gnp.exe") must never reach an operator's terminal, a
 * mail, a CSV cell or a page.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
export function stripControls(s: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s) ? s.replace(CONTROL, '') : s;
}

export function foldWhitespace(s: string): string {
  s = stripControls(s);
  // Most titles have nothing to fold.
  if (!/[\t\r\f\v\u00a0]|\s\s|\n/.test(s)) return s.trim();
  return s
    .replace(/[\u00a0\t\r\f\v ]+/g, ' ')
    .replace(/ *\n[\n ]*/g, '\n')
    .trim();
}


const SV = new Set(['och', 'att', 'det', 'som', 'en', 'är', 'på', 'för', 'med', 'av', 'till', 'inte', 'har', 'om', 'de', 'i', 'ett', 'vi', 'kommun']);
const EN = new Set(['the', 'and', 'of', 'to', 'is', 'in', 'for', 'with', 'that', 'on', 'are', 'this', 'be', 'by', 'it']);

/**
 * A cheap language guess from the first 120 characters: Swedish and English function words, and
 * half a point for each å, ä or ö. A hand tokeniser over char codes: regular expressions with
 * Unicode look-behinds, and tokenising whole texts, were each the normaliser's hot spot.
 */
export function guessLanguage(text: string): 'sv' | 'en' | 'other' {
  const s = text.length > 120 ? text.slice(0, 120).toLowerCase() : text.toLowerCase();
  let sv = 0;
  let en = 0;
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const swedish = c === 0xe5 || c === 0xe4 || c === 0xf6;
    if ((c >= 97 && c <= 122) || swedish || c === 0xe9 || c === 0xfc) {
      if (start < 0) start = i;
      if (swedish) sv += 0.5;
    } else if (start >= 0) {
      // Function words are short: longer words need no lookup.
      if (i - start <= 6) {
        const w = s.slice(start, i);
        if (SV.has(w)) sv++;
        else if (EN.has(w)) en++;
      }
      start = -1;
    }
  }
  if (sv === 0 && en === 0) return 'other';
  return sv >= en ? 'sv' : 'en';
}

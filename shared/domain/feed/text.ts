/** Plain text from feed HTML: tags stripped, entities decoded, whitespace folded. */
import { decodeHTML } from 'entities';

export function htmlToText(html: string): string {
  if (!html) return '';
  // Most titles are plain text: skip the tag and entity passes for them.
  if (!html.includes('<') && !html.includes('&')) return foldWhitespace(html);
  // Source newlines are whitespace in HTML; only block ends become line breaks.
  const noTags = html
    .replace(/\s+/g, ' ')
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return foldWhitespace(decodeHTML(noTags));
}

export function foldWhitespace(s: string): string {
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

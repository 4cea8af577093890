/** Plain text from feed HTML: tags stripped, entities decoded, whitespace folded. */
import { decodeHTML } from 'entities';

export function htmlToText(html: string): string {
  if (!html) return '';
  // Source newlines are whitespace in HTML; only block ends become line breaks.
  const noTags = html
    .replace(/\s+/g, ' ')
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return foldWhitespace(decodeHTML(noTags));
}

export function foldWhitespace(s: string): string {
  return s
    .replace(/[\u00a0\t\r\f\v ]+/g, ' ')
    .replace(/ *\n[\n ]*/g, '\n')
    .trim();
}

const SV = new Set(['och', 'att', 'det', 'som', 'en', 'är', 'på', 'för', 'med', 'av', 'till', 'inte', 'har', 'om', 'de', 'i', 'ett', 'vi', 'kommun']);
const EN = new Set(['the', 'and', 'of', 'to', 'is', 'in', 'for', 'with', 'that', 'on', 'are', 'this', 'be', 'by', 'it']);

/** A cheap language guess: Swedish and English function words, and å/ä/ö. */
export function guessLanguage(text: string): 'sv' | 'en' | 'other' {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let sv = 0;
  let en = 0;
  for (const w of words.slice(0, 200)) {
    if (SV.has(w)) sv++;
    if (EN.has(w)) en++;
    if (/[åäö]/.test(w)) sv += 0.5;
  }
  if (sv === 0 && en === 0) return 'other';
  return sv >= en ? 'sv' : 'en';
}

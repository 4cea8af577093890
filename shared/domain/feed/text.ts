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


const SV_WORDS = /(?<![\p{L}\p{N}])(?:och|att|det|som|en|är|på|för|med|av|till|inte|har|om|de|i|ett|vi|kommun)(?![\p{L}\p{N}])/gu;
const EN_WORDS = /(?<![\p{L}\p{N}])(?:the|and|of|to|is|in|for|with|that|on|are|this|be|by|it)(?![\p{L}\p{N}])/gu;
const SV_LETTERS = /[åäö]/g;

/**
 * A cheap language guess from the first 160 characters: Swedish and English function words, and
 * half a point for each å, ä or ö. Three regular expressions over a short string: this was the
 * normaliser's hot spot when it tokenised whole texts.
 */
export function guessLanguage(text: string): 'sv' | 'en' | 'other' {
  const s = text.slice(0, 160).toLowerCase();
  const sv = (s.match(SV_WORDS)?.length ?? 0) + 0.5 * (s.match(SV_LETTERS)?.length ?? 0);
  const en = s.match(EN_WORDS)?.length ?? 0;
  if (sv === 0 && en === 0) return 'other';
  return sv >= en ? 'sv' : 'en';
}

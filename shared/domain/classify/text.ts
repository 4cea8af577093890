/** Small text and address helpers the classifier's parts share. */

export const round = (n: number) => Math.round(n * 100) / 100;

/** A term's length without its syntax (`*stem`, `word$`). */
export const termLength = (term: string) => term.replace(/^\*|\$$/g, '').length;

export function hostOf(url?: string, outlet?: string): string | null {
  try {
    if (url) return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    /* fall through to the outlet */
  }
  return outlet ? outlet.toLowerCase().replace(/^www\./, '') : null;
}

export function foldAscii(s: string): string {
  // URL paths are mostly ASCII already: no normalisation pass for them.
  return /^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** "Scania, Volvo och SSAB": a comma-or-conjunction list of capitalised names. */
const LIST_BEFORE = /\p{Lu}[\p{L}-]+(?:,|\s+och|\s+eller)\s+$/u;
const LIST_AFTER = /^(?:,|\s+och|\s+eller)\s+\p{Lu}[\p{L}-]+/u;

/** The mention is one of three or more capitalised names: "Karlskoga, Linköping, Örnsköldsvik och Trollhättan". */
export function inList(original: string, index: number, length: number): boolean {
  let items = 1;
  let before = original.slice(Math.max(0, index - 80), index);
  for (let m = LIST_BEFORE.exec(before); m && items < 4; m = LIST_BEFORE.exec(before)) {
    items++;
    before = before.slice(0, m.index);
  }
  let after = original.slice(index + length, index + length + 80).replace(/^s\b/u, '');
  for (let m = LIST_AFTER.exec(after); m && items < 4; m = LIST_AFTER.exec(after)) {
    items++;
    after = after.slice(m[0].length);
  }
  return items >= 3;
}

/** "LULEÅ. …" or "Luleå (TT) –": a place that only says where the reporter was. */
export function isDateline(text: string): boolean {
  return /^[\p{Lu}ÅÄÖ-]{3,}(?:\s*\([^)]{1,20}\))?\s*[.:–—-]\s/u.test(text) || /^\p{L}+\s*\((?:TT|NTB|AFP|Reuters)\)/u.test(text);
}

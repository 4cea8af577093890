/**
 * A person's own watch words, as Google Alerts has them: "SSAB, ljusbågsugn, hamnen" matches a
 * word that starts with one of them in an article's title or lead, diacritics folded (hamnen finds
 * Hamnens, ljusbagsugn finds ljusbågsugnen). Pure.
 */
export const MAX_WATCH_WORDS = 20;

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** The words as typed, comma separated: trimmed, 2–40 characters, at most MAX_WATCH_WORDS, no repeats. */
export function parseWatchWords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const w = raw.trim().replace(/\s+/g, ' ');
    if (w.length < 2 || w.length > 40 || seen.has(fold(w))) continue;
    seen.add(fold(w));
    out.push(w);
    if (out.length >= MAX_WATCH_WORDS) break;
  }
  return out;
}

/** The watch words an article's title or lead has at a word start. */
export function watchWordsIn(a: { title: string; summary: string }, words: readonly string[]): string[] {
  if (!words.length) return [];
  const hay = ` ${fold(`${a.title} ${a.summary}`).replace(NON_WORD, ' ')} `;
  return words.filter((w) => {
    const needle = fold(w).replace(NON_WORD, ' ').trim();
    return needle.length > 0 && hay.includes(` ${needle}`);
  });
}

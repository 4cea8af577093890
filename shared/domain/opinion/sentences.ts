/**
 * Sentences of an opinion piece, verbatim: the thesis is quoted, never rewritten, so every sentence
 * keeps its own characters (only the surrounding space is trimmed). Intl.Segmenter knows Swedish
 * abbreviations well enough for op-eds; a line break also ends a sentence (leads, signatures and
 * reply headers stand on their own lines).
 */
let segmenter: Intl.Segmenter | undefined;

export interface Sentence {
  text: string;
  /** Index in the text where it starts. */
  at: number;
  /** Its position among the text's sentences (0 = first). */
  index: number;
}

export function sentencesOf(text: string, maxChars = 4000): Sentence[] {
  segmenter ??= new Intl.Segmenter('sv', { granularity: 'sentence' });
  const body = text.length > maxChars ? text.slice(0, maxChars) : text;
  const out: Sentence[] = [];
  for (const seg of segmenter.segment(body)) {
    let offset = seg.index;
    for (const line of seg.segment.split('\n')) {
      const trimmed = line.trim();
      if (trimmed) out.push({ text: trimmed, at: offset + line.indexOf(trimmed), index: out.length });
      offset += line.length + 1;
    }
  }
  return out;
}

/** Words of a sentence, lower-cased, letters and digits only. */
export function wordsOf(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+(?:[-:][\p{L}\p{N}]+)*/gu) ?? [];
}

/**
 * JavaScript's \b is an ASCII word boundary even with the u flag: "på", "bör", "hävdar" would never
 * end a word. Every pattern of the opinion rules goes through this, which makes \b a boundary
 * between letters (å, ä, ö and é included) and the rest.
 */
const UNICODE_BOUNDARY = String.raw`(?:(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_]))`;
export function sv(re: RegExp): RegExp {
  return new RegExp(re.source.replaceAll(String.raw`\b`, UNICODE_BOUNDARY), re.flags.includes('u') ? re.flags : `${re.flags}u`);
}

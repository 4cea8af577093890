/** The Swedish names of topics and genres, as every reader sees them (letters, web, CSV, evidence). */
import type { Genre, Topic } from './types.ts';

export const TOPIC_LABELS: Record<Topic, string> = {
  industry: 'Industri',
  energy: 'Energi',
  procurement: 'Offentlig upphandling',
  skills: 'Kompetensförsörjning',
};

export const GENRE_LABELS: Record<Genre, string> = {
  news: 'Nyhet',
  editorial: 'Ledare',
  debate: 'Debatt',
  column: 'Krönika',
  letter: 'Insändare',
  analysis: 'Analys',
  press_release: 'Pressmeddelande',
  other: 'Övrigt',
};

/**
 * A headline or thesis without the section label the paper put before it ("DEBATT:", "Ledare:",
 * "Replik:", with the paper's initials: "DN Debatt.") and without the quotation marks that then
 * wrap it all (”…”): for display, the words stay verbatim.
 */
export function withoutSectionLabel(s: string): string {
  const bare = s.replace(/^(?:\p{Lu}{2,4}\s+(?=(?:ledare|insändare|debatt|replik|krönika)\s*[:.|]))?(?:(?:ledare|insändare|debatt|debattartikel|replik|slutreplik|svar|krönika|kolumnen|kommentar|analys)\s*[:.|]\s*)+/iu, '');
  if (!bare) return s;
  return bare !== s && /^[”"“][^”"“]+[”"“]$/u.test(bare) ? bare.slice(1, -1) : bare;
}

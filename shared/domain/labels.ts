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

/** A headline or thesis without the section label the paper put before it ("DEBATT:", "Ledare:", "Replik:"): for display, the quote stays verbatim. */
export function withoutSectionLabel(s: string): string {
  return s.replace(/^(?:(?:ledare|insändare|debatt|debattartikel|replik|slutreplik|svar|krönika|kolumnen|kommentar|analys)\s*[:.|]\s*)+/i, '') || s;
}

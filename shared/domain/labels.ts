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

/**
 * The words the config files are written in: topics, genres, feeds and statements. Config is the
 * lowest floor: it imports no domain code; the domain re-exports these from domain/types.ts.
 */

export const TOPICS = ['industry', 'energy', 'procurement', 'skills'] as const;
export type Topic = (typeof TOPICS)[number];

export const GENRES = ['news', 'editorial', 'debate', 'column', 'letter', 'analysis', 'press_release', 'other'] as const;
export type Genre = (typeof GENRES)[number];

/** Genres that are opinion: a communicator may answer them with a reply op-ed. */
export const OPINION_GENRES: readonly Genre[] = ['editorial', 'debate', 'column', 'letter', 'analysis'];

export type FeedKind = 'news' | 'opinion' | 'press_releases';

export interface Feed {
  id: string;
  url: string;
  outlet: string;
  kind: FeedKind;
  /** Members this outlet covers: a prior for local papers, never a label on its own. */
  municipalities: string[];
  language: 'sv' | 'en';
  verified: boolean;
  hyperlocal?: boolean;
  /** An aggregator: only its items' <source> element names the outlet (any other feed's is ignored). */
  aggregator?: boolean;
  /** Why the URL is believed right (live registry). */
  evidence?: string;
  /** confirmed: a dated 2023+ probe or config of this URL; pattern: the form confirmed for a sibling; none. */
  evidenceLevel?: 'confirmed' | 'pattern' | 'none';
  evidenceSource?: string;
  /** Days the outlet takes reply op-eds after publication (default 7). */
  replyWindowDays?: number;
  /** Its opinion items are teasers: the page is fetched once for the thesis and signature. */
  fetchArticle?: boolean;
  /** Its own URL sections where they differ from the common names: a genre, or `opinion` (a mixed opinion section). */
  sections?: Record<string, Genre | 'opinion'>;
  /** Encoding the sample server sends (samples only). */
  encoding?: 'utf-8' | 'iso-8859-1' | 'windows-1252';
  format?: 'rss' | 'atom';
}

export interface Statement {
  id: string;
  /** The window it is matched in: from `date` to `until` (default 30 days later), Stockholm dates. */
  date: string;
  until?: string | undefined;
  title: string;
  keyPhrases: string[];
  people: string[];
  url?: string;
}


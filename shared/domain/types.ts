/** Domain types shared by every layer. */

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
  /** Why the URL is believed right (live registry). */
  evidence?: string;
  /** Days the outlet takes reply op-eds after publication (default 7). */
  replyWindowDays?: number;
  /** Encoding the sample server sends (samples only). */
  encoding?: 'utf-8' | 'iso-8859-1' | 'windows-1252';
  format?: 'rss' | 'atom';
}

/** An item as normalised from a feed: what fetch-feed hands to the classifier. */
export interface ArticleCandidate {
  id: string;
  url: string;
  title: string;
  summary: string;
  publishedAt: string;
  /** True when the feed gave no usable date and the fetch time was used. */
  dateEstimated: boolean;
  outlet: string;
  feedId: string;
  feedKind: FeedKind;
  categories: string[];
  author?: string;
  language: 'sv' | 'en' | 'other';
}

export interface Evidence {
  term: string;
  matched: string;
  field: 'title' | 'lead' | 'text' | 'url' | 'outlet' | 'feed';
  weight: number;
}

export interface StatementMatch {
  statementId: string;
  score: number;
  evidence: string[];
}

export interface Classification {
  topics: Topic[];
  municipalities: string[];
  genre: Genre;
  mentionsNetwork: boolean;
  statements: StatementMatch[];
  evidence: {
    topics: Record<string, { score: number; threshold: number; hits: Evidence[] }>;
    municipalities: Record<string, { score: number; hits: Evidence[] }>;
    genre: { genre: Genre; reason: string };
    network: string[];
  };
}

/** A stored article: the candidate, its classification and every feed it was seen in. */
export interface Article extends ArticleCandidate {
  sources: string[];
  isoWeek: string;
  classification: Classification;
  storedAt: string;
  /** Published by the network itself (its site, a spokesperson): listed as own, never as uptake. */
  ownPublication?: boolean | undefined;
  /** For opinion pieces: the reply-by date, the network's own piece, a reply to the network. */
  debate?: { replyBy: string; own: boolean; repliesToNetwork: boolean } | undefined;
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

export type SubscriberRole = 'member' | 'secretariat' | 'communicator';

export interface Subscriber {
  id: string;
  email: string;
  name: string;
  role: SubscriberRole;
  municipalities: string[];
  topics: Topic[];
  active: boolean;
  /** "Dagens debatt": daily or off; absent means the role's default (see alertsFor). */
  alerts?: 'daily' | 'off' | undefined;
  /** The weekly letter; absent means weekly. */
  digest?: 'weekly' | 'off' | undefined;
  /** Raised when the person signs out of the web app: their earlier session cookies stop working. */
  sessionEpoch?: number | undefined;
}

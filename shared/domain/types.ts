/** Domain types shared by every layer. */

export { TOPICS, GENRES, OPINION_GENRES, type Topic, type Genre, type FeedKind, type Feed, type Statement } from '../config/vocabulary.ts';
import type { Topic, Genre, FeedKind } from '../config/vocabulary.ts';

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

/** The piece an opinion piece answers, as far as its text names it (`url` once it is found among stored pieces). */
export interface ReplyTo {
  title: string | null;
  author: string | null;
  url: string | null;
}

export type StanceToNetwork = 'stöder' | 'kritiserar';

/** What an opinion piece argues and by whom (shared/domain/opinion): stored with the article. */
export interface OpinionFacts {
  /** One or two sentences, verbatim from the title or the text. */
  thesis: string[];
  author: string | null;
  authorRole: string | null;
  repliesTo: ReplyTo | null;
  /** Only where the piece engages the network, and only with the sentence that shows it. */
  stanceToNetwork?: { stance: StanceToNetwork; sentence: string } | undefined;
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
  /** For opinion pieces: thesis, author and role, the piece it answers, stance toward the network. */
  opinion?: OpinionFacts | undefined;
  /**
   * A teaser-only opinion piece's page (registry `fetchArticle`): its readable text, at most 8,000
   * characters, for the thesis and signature only (never shown), or why the teaser stayed.
   */
  page?: { text?: string | undefined; teaserReason?: string | undefined } | undefined;
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
  /** The person's own watch words ("SSAB, ljusbågsugn, hamnen"): matched at word starts in title and lead. */
  watchWords?: string[] | undefined;
}

/**
 * A week's stories: the digest entries of relevant articles, near-duplicates (one wire story in
 * many papers) grouped once per week. Pure and deterministic.
 *
 * Grouping never compares every article with every group: candidates come from an inverted index
 * over title and lead tokens (very common tokens are left out of it), so the work grows with the
 * number of shared words, not with the square of the week. Two copies merge only when they are
 * alike (title or lead Jaccard) AND agree on the specific facts: the member towns their text
 * names, the numbers and the proper names in the title, and the numbers in the lead's first
 * sentence. "Batterifabrik startar i Kiruna" and "Batterifabrik startar i Luleå" stay two stories.
 */
import { OPINION_GENRES, type Article, type Classification, type Genre, type OpinionFacts, type Topic } from '../types.ts';
import type { DebateFacts } from '../debate.ts';

/** What an entry and a story both show: the fields of one article (the story's: its first copy's). */
interface StoryFields {
  id: string;
  title: string;
  url: string;
  outlet: string;
  publishedAt: string;
  genre: Genre;
  author?: string | undefined;
  topics: Topic[];
  municipalities: string[];
  summary: string;
  statementIds: string[];
  mentionsNetwork: boolean;
  /** The network's own publication (its site, a spokesperson's piece): not media uptake. */
  ownPublication?: boolean | undefined;
  debate?: DebateFacts | undefined;
  /** Opinion pieces: thesis (each sentence at most 300 characters), author, role, the piece answered, stance toward the network. */
  opinion?: OpinionFacts | undefined;
}

/** What the digest needs of one article: projected into the sparse index, nothing else is read. */
export interface DigestEntry extends StoryFields {
  /** When the monitor first stored it: a copy cannot claim to be first by backdating itself. */
  seenAt?: string | undefined;
}

/** One story: an article, or a wire story published by several outlets (labels are their union). */
export interface Story extends StoryFields {
  outlets: string[];
  /** Stored articles grouped into this story. */
  articles: number;
}

const SUMMARY_CHARS = 300;

/** An article can appear in a digest when it concerns a theme, a member, the network or a statement. */
export function isRelevant(c: Pick<Classification, 'topics' | 'municipalities' | 'mentionsNetwork' | 'statements'>): boolean {
  return c.topics.length > 0 || c.municipalities.length > 0 || c.mentionsNetwork || c.statements.length > 0;
}

export function toDigestEntry(a: Article): DigestEntry {
  const c = a.classification;
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    outlet: a.outlet,
    publishedAt: a.publishedAt,
    genre: c.genre,
    ...(a.author ? { author: a.author } : {}),
    topics: c.topics,
    municipalities: c.municipalities,
    summary: a.summary.length > SUMMARY_CHARS ? a.summary.slice(0, SUMMARY_CHARS) : a.summary,
    statementIds: c.statements.map((s) => s.statementId),
    mentionsNetwork: c.mentionsNetwork,
    ...(a.ownPublication ? { ownPublication: true } : {}),
    seenAt: a.storedAt,
    ...(a.debate ? { debate: a.debate } : {}),
    ...(a.opinion ? { opinion: compactOpinion(a.opinion) } : {}),
  };
}

const THESIS_CHARS = 300;

/** What the letter and the web show of a piece's opinion facts: bounded, whatever the text. */
function compactOpinion(o: OpinionFacts): OpinionFacts {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return {
    thesis: o.thesis.slice(0, 2).map((t) => cut(t, THESIS_CHARS)),
    author: o.author ? cut(o.author, 120) : null,
    authorRole: o.authorRole ? cut(o.authorRole, 120) : null,
    repliesTo: o.repliesTo ? { title: o.repliesTo.title ? cut(o.repliesTo.title, 200) : null, author: o.repliesTo.author ? cut(o.repliesTo.author, 120) : null, url: o.repliesTo.url } : null,
    ...(o.stanceToNetwork ? { stanceToNetwork: { stance: o.stanceToNetwork.stance, sentence: cut(o.stanceToNetwork.sentence, THESIS_CHARS) } } : {}),
  };
}

export const isOpinion = (genre: Genre) => OPINION_GENRES.includes(genre);

const TITLE_SIMILARITY = 0.6;
const LEAD_SIMILARITY = 0.7;
const LEAD_MIN_TOKENS = 8;
/** Tokens carried by more than this many entries are too common to propose candidates. */
const MAX_POSTINGS = 100;

interface Features {
  title: Set<string>;
  lead: Set<string>;
  /** Sorted member towns the text itself names (a feed prior does not count). */
  towns: string;
  titleNumbers: string;
  titleNames: string;
  /** The title's first word after any all-caps prefix ("JUST NU:"): often the subject, a company or a town. */
  titleHead: string;
  leadNumbers: Set<string>;
  leadNames: Set<string>;
}

// Linear tokenisers: one pass of a non-backtracking pattern each.
const WORD = /[\p{L}\p{N}]+/gu;
const words = (s: string) => s.toLowerCase().match(WORD) ?? [];
const tokens = (s: string) => new Set(words(s).filter((w) => w.length >= 3 || /^\d+$/.test(w)));
const numbers = (s: string) => [...new Set(s.replace(/(\d)[\s\u00a0](?=\d{3}\b)/g, '$1').match(/\d+(?:[.,]\d+)?/g) ?? [])].sort();

/** Capitalised words in a title other than its first word or the first after a colon or dash: names. */
function properNames(title: string): string[] {
  const out = new Set<string>();
  let sentenceStart = true;
  for (const m of title.matchAll(/([\p{L}\p{N}][\p{L}\p{N}'’-]*)|([:–—.!?|])/gu)) {
    if (m[2]) {
      sentenceStart = true;
      continue;
    }
    const w = m[1]!;
    if (!sentenceStart && /^\p{Lu}/u.test(w) && !/^\p{Lu}+$/u.test(w)) out.add(w.toLowerCase());
    sentenceStart = false;
  }
  return [...out].sort();
}

function titleHead(title: string): string {
  for (const m of title.matchAll(/[\p{L}\p{N}]+/gu)) if (!/^\p{Lu}{2,}$/u.test(m[0])) return m[0].toLowerCase();
  return '';
}

function features(e: DigestEntry): Features {
  const lead = e.summary.slice(0, SUMMARY_CHARS);
  const text = `${e.title} ${lead}`.toLowerCase();
  // Only a complete first sentence: a lead cut off mid-word by a feed must not look like other facts.
  const end = lead.search(/[.!?](\s|$)/);
  const firstSentence = end >= 0 ? lead.slice(0, end + 1) : '';
  return {
    title: tokens(e.title),
    lead: tokens(lead),
    towns: e.municipalities.filter((m) => text.includes(m.toLowerCase())).sort().join('|'),
    titleNumbers: numbers(e.title).join('|'),
    titleNames: properNames(e.title).join('|'),
    titleHead: titleHead(e.title),
    leadNumbers: new Set(numbers(firstSentence)),
    leadNames: new Set(properNames(firstSentence)),
  };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

const subsetEither = (a: Set<string>, b: Set<string>) => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (!large.has(x)) return false;
  return true;
};

/** Same story: alike in words, and no disagreement on towns, names or numbers. */
export function sameStory(a: Features, b: Features): boolean {
  if (a.towns !== b.towns || a.titleNumbers !== b.titleNumbers || a.titleNames !== b.titleNames) return false;
  if (!subsetEither(a.leadNumbers, b.leadNumbers) || !subsetEither(a.leadNames, b.leadNames)) return false;
  return (a.titleHead === b.titleHead && jaccard(a.title, b.title) >= TITLE_SIMILARITY) || (a.lead.size >= LEAD_MIN_TOKENS && b.lead.size >= LEAD_MIN_TOKENS && jaccard(a.lead, b.lead) >= LEAD_SIMILARITY);
}

export interface GroupingStats {
  entries: number;
  stories: number;
  /** Pairs compared in full: the measure of the work. */
  comparisons: number;
}

/**
 * Groups entries into stories. Entries are taken in publication order; each joins the first
 * compatible group whose first entry it resembles (compared with the group's first entry only, so
 * a chain of small edits cannot drift into another story).
 */
export function groupStories(entries: readonly DigestEntry[]): { stories: Story[]; stats: GroupingStats; members: string[][] } {
  const sorted = [...entries].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  const seenIds = new Set<string>();
  const groups: Array<{ f: Features; members: DigestEntry[] }> = [];
  const postings = new Map<string, number[]>();
  let comparisons = 0;
  for (const e of sorted) {
    if (seenIds.has(e.id)) continue;
    seenIds.add(e.id);
    const f = features(e);
    // Count shared title and lead tokens per earlier group. Jaccard ≥ j needs at least j·|A| shared
    // tokens, so a group sharing fewer cannot match (tokens too common to index are given the benefit).
    const shared = new Map<number, [number, number]>();
    let skippedTitle = 0;
    let skippedLead = 0;
    for (const [k, set] of [f.title, f.lead].entries()) {
      for (const t of set) {
        const list = postings.get(t);
        if (!list) continue;
        if (list.length > MAX_POSTINGS) {
          if (k === 0) skippedTitle++;
          else skippedLead++;
          continue;
        }
        for (const g of list) {
          const c = shared.get(g) ?? [0, 0];
          c[k]!++;
          shared.set(g, c);
        }
      }
    }
    const needTitle = Math.max(1, Math.ceil(TITLE_SIMILARITY * f.title.size) - skippedTitle);
    const needLead = f.lead.size >= LEAD_MIN_TOKENS ? Math.max(1, Math.ceil(LEAD_SIMILARITY * f.lead.size) - skippedLead) : Infinity;
    let joined = -1;
    // Most shared tokens first, then the older group: deterministic.
    const ordered = [...shared.entries()].filter(([, [t, l]]) => t >= needTitle || l >= needLead).sort((a, b) => b[1][0] + b[1][1] - (a[1][0] + a[1][1]) || a[0] - b[0]);
    for (const [g] of ordered) {
      comparisons++;
      if (sameStory(groups[g]!.f, f)) {
        joined = g;
        break;
      }
    }
    if (joined >= 0) {
      groups[joined]!.members.push(e);
      continue;
    }
    const index = groups.length;
    groups.push({ f, members: [e] });
    for (const t of new Set([...f.title, ...f.lead])) {
      const list = postings.get(t);
      if (!list) postings.set(t, [index]);
      else if (list.length <= MAX_POSTINGS) list.push(index);
    }
  }
  const stories = groups.map(({ members }) => toStory(members));
  return { stories, stats: { entries: seenIds.size, stories: stories.length, comparisons }, members: groups.map((g) => g.members.map((e) => e.id)) };
}

function toStory(members: DigestEntry[]): Story {
  // The story shows the copy the monitor saw first, not whichever copy claims the oldest date.
  const first = members.reduce((best, e) => ((e.seenAt ?? e.publishedAt) < (best.seenAt ?? best.publishedAt) ? e : best));
  const union = <T>(pick: (e: DigestEntry) => readonly T[]) => [...new Set(members.flatMap(pick))];
  return {
    id: first.id,
    title: first.title,
    url: first.url,
    outlet: first.outlet,
    outlets: union((e) => [e.outlet]),
    articles: members.length,
    publishedAt: first.publishedAt,
    genre: first.genre,
    ...(first.author ? { author: first.author } : {}),
    topics: union((e) => e.topics),
    municipalities: union((e) => e.municipalities),
    summary: first.summary.slice(0, 280),
    statementIds: union((e) => e.statementIds),
    mentionsNetwork: members.some((e) => e.mentionsNetwork),
    // Own only when every copy is the network's: one outlet carrying it makes it uptake.
    ...(members.every((e) => e.ownPublication) ? { ownPublication: true } : {}),
    ...(first.debate ? { debate: first.debate } : {}),
  };
}

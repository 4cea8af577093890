/**
 * Cuts one subscriber's weekly letter from the week's edition: stories ranked by salience for this
 * reader, every section capped with an honest count of what was left out. Pure: the same edition,
 * subscriber, caps and clock give the same digest.
 *
 * Salience (README, "Veckobrevet"): the reader's own town (+100) > another member town (+40) >
 * one of the reader's themes only (+20); the network named (+25) or one of its statements
 * matched (+25); the number of outlets carrying the story (+12 per doubling); opinion still open
 * for reply (+10); recency within the week (up to +8).
 */
import { TOPICS, type Genre, type Subscriber, type Topic } from '../types.ts';
import type { WeekEdition } from './edition.ts';
import { isOpinion, type Story } from './stories.ts';
import { offeredForReply, openForReply } from '../debate.ts';
import type { Debate, DebatePiece } from './debates.ts';
import { watchWordsIn } from '../watch-words.ts';

export type { Story } from './stories.ts';

import { TOPIC_LABELS } from '../labels.ts';

export { GENRE_LABELS, TOPIC_LABELS } from '../labels.ts';

/** A story as one reader sees it. */
export interface DigestStory extends Story {
  /** Opinion under seven days old at send time: still worth a reply op-ed. */
  openForReply: boolean;
  salience: number;
}

/** A capped list: `stories` shown, `total` that belonged here (so `total - stories.length` more). */
export interface Capped<T = DigestStory> {
  stories: T[];
  total: number;
}

export interface Digest {
  week: string;
  subscriber: Pick<Subscriber, 'id' | 'name' | 'email' | 'role' | 'municipalities' | 'topics'>;
  empty: boolean;
  overview: { perTopic: Array<{ topic: Topic; label: string; count: number; previous: number }>; topStories: DigestStory[] };
  /** The reader's own towns, each with every story up to the cap (`all`: every story about the town). */
  ownTowns: Array<{ name: string; all: number } & Capped>;
  /** Other members, compact: a few lines per town, the busiest towns first. */
  otherTowns: { towns: Array<{ name: string } & Capped>; total: number; townsTotal: number };
  opinion: Capped;
  /** Dina bevakningsord: the week's stories with one of the reader's own watch words (every one, capped). */
  watched: { words: string[] } & Capped;
  /** Veckans opinion: the debates this reader follows (null for an edition built before debates were). */
  debates: DigestDebates | null;
  coverage: Array<{ statementId: string; title: string } & Capped>;
  perTopic: Array<{ topic: Topic; label: string } & Capped>;
  totals: { articles: number; stories: number; own: number; opinion: number; network: number };
  /** Where "och N till" links, when an archive is configured. */
  archiveUrl?: string | undefined;
  summaryChars: number;
}

/** A debate as one reader sees it: a few voices, how many more, where it ran. */
export interface DigestDebate extends Debate {
  voices: DebatePiece[];
  outlets: number;
  ownTown: boolean;
}

export interface DigestDebates {
  shown: DigestDebate[];
  total: number;
  /** Opinion pieces in the debates this reader follows. */
  pieces: number;
  open: { count: number; aboutTowns: number; firstClosing: string | null };
}

/** Voices shown per debate: the one who opened it, the network's own, and the latest. */
const VOICES_PER_DEBATE = 3;

/** The reader's debates: those touching their towns, their themes or the network; their towns first. */
export function readerDebates(all: readonly Debate[], sub: Pick<Subscriber, 'municipalities' | 'topics' | 'role'>, cap: number): DigestDebates {
  const mineTown = (d: Debate) => d.towns.some((t) => sub.municipalities.includes(t));
  const network = (d: Debate) => d.pieces.some((p) => p.own || p.stanceToNetwork !== null);
  // A letter or column with a town but no theme and no tie to the network is not a debate to answer here.
  const follows = (d: Debate) => d.themes.some((t) => sub.topics.includes(t as Topic)) || network(d) || (mineTown(d) && d.themes.length > 0);
  const list = all.filter(follows).sort((a, b) => Number(mineTown(b)) - Number(mineTown(a)) || Number(network(b)) - Number(network(a)) || b.pieces.length - a.pieces.length);
  const shown = list.slice(0, cap).map((d) => ({ ...d, voices: voicesOf(d), outlets: new Set(d.pieces.map((p) => p.outlet)).size, ownTown: mineTown(d) }));
  const open = list.filter((d) => d.open);
  const closing = open.map((d) => d.replyBy).filter((x): x is string => !!x).sort()[0] ?? null;
  return { shown, total: list.length, pieces: list.reduce((n, d) => n + d.pieces.length, 0), open: { count: open.length, aboutTowns: open.filter(mineTown).length, firstClosing: closing } };
}

function voicesOf(d: Debate): DebatePiece[] {
  if (d.pieces.length <= VOICES_PER_DEBATE) return d.pieces;
  const pick = new Set<DebatePiece>([d.pieces[0]!, ...d.pieces.filter((p) => p.own).slice(0, 1), d.pieces.at(-1)!]);
  for (const p of d.pieces) if (pick.size < VOICES_PER_DEBATE) pick.add(p);
  return d.pieces.filter((p) => pick.has(p));
}

export interface DigestCaps {
  top: number;
  own: number;
  perOtherTown: number;
  otherTowns: number;
  opinion: number;
  perStatement: number;
  perTopic: number;
  summaryChars: number;
}

export const DEFAULT_CAPS: DigestCaps = { top: 5, own: 12, perOtherTown: 2, otherTowns: 10, opinion: 8, perStatement: 5, perTopic: 4, summaryChars: 220 };

/** Smaller caps, step by step, for a letter that would not fit its size budget. */
export function capsAtLevel(level: number, base: DigestCaps = DEFAULT_CAPS): DigestCaps {
  if (level <= 0) return base;
  const f = 0.7 ** level;
  const n = (x: number, min: number) => Math.max(min, Math.floor(x * f));
  return {
    top: n(base.top, 3),
    own: n(base.own, 3),
    perOtherTown: n(base.perOtherTown, 1),
    otherTowns: n(base.otherTowns, 3),
    opinion: n(base.opinion, 3),
    perStatement: n(base.perStatement, 2),
    perTopic: n(base.perTopic, 2),
    summaryChars: level >= 3 ? 0 : n(base.summaryChars, 100),
  };
}

export type SectionKey = 'watch' | 'overview' | 'own' | 'opinion' | 'coverage' | 'others' | 'perTopic';

/** Role order: a member reads its own town first, the secretariat coverage, a communicator the debate. */
export const SECTION_ORDER: Record<Subscriber['role'], SectionKey[]> = {
  member: ['own', 'watch', 'opinion', 'overview', 'coverage', 'others', 'perTopic'],
  secretariat: ['coverage', 'watch', 'opinion', 'overview', 'own', 'others', 'perTopic'],
  communicator: ['opinion', 'watch', 'overview', 'own', 'coverage', 'others', 'perTopic'],
};

const REPLY_WINDOW_MS = 7 * 24 * 3600_000;
const WEEK_MS = 7 * 24 * 3600_000;

export function salience(s: Story, sub: Pick<Subscriber, 'municipalities' | 'topics'>, now: Date): number {
  let score = 0;
  // Another member town matters to the network through its themes: the hockey team or a thank-you
  // to the hospital there is local colour, ranked under the themes' stories, above nothing.
  const onTheme = s.topics.length > 0 || s.mentionsNetwork || s.statementIds.length > 0;
  if (s.municipalities.some((m) => sub.municipalities.includes(m))) score += 100;
  else if (s.municipalities.length) score += onTheme ? 40 : 15;
  else if (s.topics.some((t) => sub.topics.includes(t))) score += 20;
  if (s.mentionsNetwork) score += 25;
  if (s.statementIds.length) score += 25;
  score += 12 * Math.log2(Math.max(1, s.outlets.length));
  const age = now.getTime() - Date.parse(s.publishedAt);
  // Answerable opinion gets a lift: the same rule as Debatt and the letter's "svara senast".
  if (isOpinion(s.genre) && age < REPLY_WINDOW_MS && offeredForReply(s)) score += 10;
  score += 8 * Math.min(1, Math.max(0, 1 - age / (2 * WEEK_MS)));
  return Math.round(score * 100) / 100;
}

export function buildDigest(input: {
  edition: WeekEdition;
  subscriber: Subscriber;
  now: Date;
  caps?: DigestCaps;
  archiveUrl?: string | undefined;
}): Digest {
  const { edition, subscriber: sub, now } = input;
  const caps = input.caps ?? DEFAULT_CAPS;
  const own = new Set(sub.municipalities);
  // Stories this reader may see: any member town, a followed theme, the network or a statement.
  const concerns = (s: Story) => s.municipalities.length > 0 || s.topics.some((t) => sub.topics.includes(t)) || s.mentionsNetwork || s.statementIds.length > 0;
  const mine: DigestStory[] = edition.stories
    .filter(concerns)
    .map((s) => ({
      ...s,
      // The outlet's reply window when the article carries it; seven days for older entries. A
      // town-only letter or column is no debate to answer (the same rule as Debatt and Veckans opinion).
      openForReply: offeredForReply(s) && (s.debate ? openForReply(s.debate, now) : isOpinion(s.genre) && now.getTime() - Date.parse(s.publishedAt) < REPLY_WINDOW_MS),
      salience: salience(s, sub, now),
    }))
    .sort((a, b) => b.salience - a.salience || b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
  const used = new Set<string>();
  const cap = (list: DigestStory[], n: number, mark = true): Capped => {
    const stories = list.slice(0, n);
    if (mark) for (const s of stories) used.add(s.id);
    return { stories, total: list.length };
  };
  const unused = (f: (s: DigestStory) => boolean) => mine.filter((s) => !used.has(s.id) && f(s));

  // Sections are cut in the order the reader sees them: a story belongs to the first section that
  // shows it, and the later ones take from what is left.
  let ownTowns: Digest['ownTowns'] = [];
  let topStories: DigestStory[] = [];
  let opinion: Capped = { stories: [], total: 0 };
  let debates: DigestDebates | null = null;
  let watched: Digest['watched'] = { words: sub.watchWords ?? [], stories: [], total: 0 };
  let coverage: Digest['coverage'] = [];
  let otherTowns: Digest['otherTowns'] = { towns: [], total: 0, townsTotal: 0 };
  let perTopic: Digest['perTopic'] = [];
  const sections: Record<SectionKey, () => void> = {
    // The reader's own watch words: every story that has one, whatever section shows it too.
    watch: () => {
      const words = sub.watchWords ?? [];
      if (!words.length) return;
      const hits = edition.stories.filter((s) => watchWordsIn(s, words).length > 0).map((s) => mine.find((m) => m.id === s.id) ?? { ...s, openForReply: false, salience: salience(s, sub, now) });
      watched = { words, ...cap(hits, caps.own, false) };
    },
    own: () => {
      ownTowns = sub.municipalities.map((name) => ({
        name,
        all: mine.filter((s) => s.municipalities.includes(name)).length,
        ...cap(unused((s) => s.municipalities.includes(name)), caps.own),
      }));
      // Those past the cap are counted there ("och N till"), not shown again in other sections.
      for (const s of mine) if (s.municipalities.some((m) => own.has(m))) used.add(s.id);
    },
    // "Mest uppmärksammat": the most salient stories left, three in a quiet week, up to five otherwise.
    overview: () => {
      const rest = unused(() => true);
      topStories = rest.slice(0, rest.length >= 12 ? caps.top : Math.min(3, caps.top));
      for (const s of topStories) used.add(s.id);
    },
    opinion: () => {
      opinion = cap(
        // Replies to the network first, then what can still be answered, then the most salient.
        unused((s) => isOpinion(s.genre)).sort(
          (a, b) => Number(!!b.debate?.repliesToNetwork) - Number(!!a.debate?.repliesToNetwork) || Number(b.openForReply) - Number(a.openForReply) || b.salience - a.salience || a.id.localeCompare(b.id),
        ),
        sub.role === 'communicator' ? Math.ceil(caps.opinion * 1.5) : caps.opinion,
      );
      if (edition.debates) {
        debates = readerDebates(edition.debates, sub, sub.role === 'communicator' ? Math.max(3, Math.ceil(caps.opinion * 0.75)) : Math.max(2, Math.ceil(caps.opinion / 2)));
        // The debates' pieces are this section's: not shown again further down.
        for (const d of debates.shown) for (const p of d.pieces) used.add(p.id);
      }
    },
    // Every story that took up a statement, whatever was shown before: it is the statement's record.
    // The network's own publications are not uptake.
    coverage: () => {
      coverage = edition.statements
        .map((st) => ({ statementId: st.id, title: st.title, ...cap(mine.filter((s) => s.statementIds.includes(st.id) && !s.ownPublication), caps.perStatement) }))
        .filter((c) => c.total > 0);
    },
    // Other members: each story under its first other town; towns ordered by their best story.
    others: () => {
      const byTown = new Map<string, DigestStory[]>();
      for (const s of unused((x) => x.municipalities.some((m) => !own.has(m)))) {
        const town = [...s.municipalities].filter((m) => !own.has(m)).sort((a, b) => a.localeCompare(b, 'sv'))[0]!;
        byTown.set(town, [...(byTown.get(town) ?? []), s]);
      }
      const townList = [...byTown.entries()].sort((a, b) => b[1][0]!.salience - a[1][0]!.salience || b[1].length - a[1].length || a[0].localeCompare(b[0], 'sv'));
      otherTowns = {
        towns: townList.slice(0, caps.otherTowns).map(([name, list]) => ({ name, ...cap(list, caps.perOtherTown) })),
        total: townList.reduce((n, [, l]) => n + l.length, 0),
        townsTotal: townList.length,
      };
    },
    perTopic: () => {
      perTopic = TOPICS.filter((t) => sub.topics.includes(t))
        .map((topic) => ({ topic, label: TOPIC_LABELS[topic], ...cap(unused((s) => s.topics.includes(topic)), caps.perTopic) }))
        .filter((t) => t.total > 0);
    },
  };
  for (const k of SECTION_ORDER[sub.role]) sections[k]();

  const perTopicCounts = TOPICS.filter((t) => sub.topics.includes(t)).map((topic) => ({
    topic,
    label: TOPIC_LABELS[topic],
    count: edition.stories.filter((s) => s.topics.includes(topic)).length,
    previous: edition.previousPerTopic[topic] ?? 0,
  }));

  return {
    week: edition.week,
    subscriber: { id: sub.id, name: sub.name, email: sub.email, role: sub.role, municipalities: sub.municipalities, topics: sub.topics },
    empty: mine.length === 0,
    overview: { perTopic: perTopicCounts, topStories },
    ownTowns,
    otherTowns,
    opinion,
    watched,
    debates,
    coverage,
    perTopic,
    totals: {
      articles: edition.relevantArticles,
      stories: mine.length,
      own: mine.filter((s) => s.municipalities.some((m) => own.has(m))).length,
      opinion: mine.filter((s) => isOpinion(s.genre)).length,
      network: mine.filter((s) => s.mentionsNetwork || s.statementIds.length > 0).length,
    },
    archiveUrl: input.archiveUrl,
    summaryChars: caps.summaryChars,
  };
}

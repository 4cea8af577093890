/**
 * A week's edition: the week's relevant stories, grouped once, with the topic counts of this and
 * the previous week. Built once per week and stored; every subscriber's letter is cut from it.
 */
import { TOPICS, type Topic } from '../types.ts';
import { groupStories, type DigestEntry, type GroupingStats, type Story } from './stories.ts';
import { buildDebates, type Debate } from './debates.ts';

/** A stored edition whose parts belong to different builds (a build was cut off, or is under way). */
export class EditionNotReadyError extends Error {
  override name = 'EditionNotReadyError';
}

export interface WeekEdition {
  v: 1;
  week: string;
  builtAt: string;
  /** Items read from the sparse index, both weeks. */
  articlesRead: number;
  relevantArticles: number;
  stories: Story[];
  /** Stories per topic in the previous week, for the week-on-week delta. */
  previousPerTopic: Record<Topic, number>;
  /** The network's statements when the edition was built, for the coverage section. */
  statements: Array<{ id: string; title: string }>;
  grouping: GroupingStats & { ms: number };
  undecodable: string[];
  /** Veckans opinion: the week's opinion pieces in debates (threads and subjects); absent in editions built before it. */
  debates?: Debate[] | undefined;
  /** Opinion pieces published in the week. */
  opinionPieces?: number | undefined;
}

export function buildEdition(input: {
  week: string;
  current: readonly DigestEntry[];
  previous: readonly DigestEntry[];
  builtAt: Date;
  statements?: Array<{ id: string; title: string }>;
  undecodable?: string[];
  /** For the grouping time in the edition's stats; a clock in tests. */
  timer?: () => number;
}): WeekEdition {
  const timer = input.timer ?? (() => performance.now());
  const t0 = timer();
  const { stories, stats } = groupStories(input.current);
  const ms = timer() - t0;
  const previous = groupStories(input.previous).stories;
  const previousPerTopic = Object.fromEntries(TOPICS.map((t) => [t, previous.filter((s) => s.topics.includes(t)).length])) as Record<Topic, number>;
  return {
    v: 1,
    week: input.week,
    builtAt: input.builtAt.toISOString(),
    articlesRead: input.current.length + input.previous.length,
    relevantArticles: input.current.length,
    stories,
    previousPerTopic,
    statements: (input.statements ?? []).map((s) => ({ id: s.id, title: s.title })),
    grouping: { ...stats, ms: Math.round(ms) },
    undecodable: input.undecodable ?? [],
    ...debatesOf(input),
  };
}

/** The week's debates, with the previous week's pieces as the ones answered. */
function debatesOf(input: { week: string; current: readonly DigestEntry[]; previous: readonly DigestEntry[]; builtAt: Date }) {
  const { pieces, debates } = buildDebates([...input.previous, ...input.current], input.week, input.builtAt);
  return { debates, opinionPieces: pieces };
}

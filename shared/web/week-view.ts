/** Veckan's figures from the entries of its weeks (the last is the week shown): per theme, per town, the most noticed. Pure. */
import type { Subscriber } from '../domain/types.ts';
import { TOPICS } from '../domain/types.ts';
import { groupStories, type DigestEntry } from '../domain/digest/stories.ts';
import type { WeekView } from './pages.ts';

export function weekView(perWeek: DigestEntry[][], sub: Pick<Subscriber, 'municipalities' | 'topics'>, members: readonly string[]): Pick<WeekView, 'perTopic' | 'perTown' | 'top'> {
  const current = perWeek.at(-1)!;
  const previous = perWeek.at(-2) ?? [];
  const perTopic = TOPICS.map((topic) => ({ topic, counts: perWeek.map((list) => list.filter((x) => x.topics.includes(topic)).length) }));
  const count = (list: typeof current, town: string) => list.filter((x) => x.municipalities.includes(town)).length;
  const perTown = members
  .map((name) => ({ name, count: count(current, name), previous: count(previous, name), own: sub.municipalities.includes(name) }))
  .sort((a, b) => Number(b.own) - Number(a.own) || b.count - a.count || a.name.localeCompare(b.name, 'sv'));
  // The most salient: stories in the most outlets, the reader's towns and themes first.
  const { stories } = groupStories(current);
  const score = (s: (typeof stories)[number]) => s.outlets.length * 10 + (s.municipalities.some((m) => sub.municipalities.includes(m)) ? 40 : 0) + (s.topics.some((t) => sub.topics.includes(t)) ? 10 : 0) + (s.statementIds.length ? 10 : 0);
  const top = [...stories].sort((a, b) => score(b) - score(a) || b.publishedAt.localeCompare(a.publishedAt)).slice(0, 8).map((s) => ({ entry: s, outlets: s.outlets.length }));
  return { perTopic, perTown, top };
}

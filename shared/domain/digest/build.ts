/**
 * Builds one subscriber's weekly digest from the week's stored articles. Pure: the same articles,
 * subscriber and clock give the same digest.
 */
import { OPINION_GENRES, TOPICS, type Article, type Genre, type Statement, type Subscriber, type Topic } from '../types.ts';

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

/** One story: an article, or a syndicated wire story published by several outlets. */
export interface Story {
  id: string;
  title: string;
  url: string;
  outlet: string;
  outlets: string[];
  publishedAt: string;
  genre: Genre;
  author?: string | undefined;
  topics: Topic[];
  municipalities: string[];
  summary: string;
  /** Opinion under seven days old: still worth a reply op-ed. */
  openForReply: boolean;
  statementIds: string[];
}

export interface Digest {
  week: string;
  subscriber: Pick<Subscriber, 'id' | 'name' | 'email' | 'role' | 'municipalities' | 'topics'>;
  empty: boolean;
  overview: { perTopic: Array<{ topic: Topic; label: string; count: number; previous: number }>; topStories: Story[] };
  opinion: Story[];
  municipalities: Array<{ name: string; own: boolean; stories: Story[] }>;
  coverage: Array<{ statementId: string; title: string; stories: Story[] }>;
  perTopic: Array<{ topic: Topic; label: string; stories: Story[] }>;
  totals: { articles: number; stories: number };
}

const REPLY_WINDOW_MS = 7 * 24 * 3600_000;
const SIMILARITY = 0.6;

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/\p{L}{3,}|\d+/gu) ?? []);
}
function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Groups near-duplicates (one wire story in many papers) by title and lead similarity. */
export function groupStories(articles: Article[], now: Date): Story[] {
  const groups: Array<{ keyTitle: Set<string>; keyLead: Set<string>; members: Article[] }> = [];
  const sorted = [...articles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  for (const a of sorted) {
    const t = words(a.title);
    const l = words(a.summary.slice(0, 300));
    const g = groups.find((x) => jaccard(x.keyTitle, t) >= SIMILARITY || (l.size >= 8 && jaccard(x.keyLead, l) >= 0.7));
    if (g) g.members.push(a);
    else groups.push({ keyTitle: t, keyLead: l, members: [a] });
  }
  return groups.map(({ members }) => {
    const first = members[0]!;
    const c = first.classification;
    const union = <T,>(pick: (a: Article) => T[]) => [...new Set(members.flatMap(pick))];
    const outlets = union((a) => [a.outlet]);
    return {
      id: first.id,
      title: first.title,
      url: first.url,
      outlet: first.outlet,
      outlets,
      publishedAt: first.publishedAt,
      genre: c.genre,
      author: first.author,
      topics: union((a) => a.classification.topics),
      municipalities: union((a) => a.classification.municipalities),
      summary: first.summary.slice(0, 280),
      openForReply: OPINION_GENRES.includes(c.genre) && now.getTime() - Date.parse(first.publishedAt) < REPLY_WINDOW_MS,
      statementIds: union((a) => a.classification.statements.map((s) => s.statementId)),
    };
  });
}

const relevant = (s: Story) => s.topics.length > 0 || s.municipalities.length > 0;
const byWeight = (a: Story, b: Story) => b.outlets.length - a.outlets.length || b.publishedAt.localeCompare(a.publishedAt);

export function buildDigest(input: {
  week: string;
  subscriber: Subscriber;
  articles: Article[];
  previousWeek: Article[];
  statements: Statement[];
  now: Date;
}): Digest {
  const { subscriber: sub, now } = input;
  const stories = groupStories(input.articles, now).filter(relevant);
  const interested = (s: Story) =>
    s.topics.some((t) => sub.topics.includes(t)) || s.municipalities.some((m) => sub.municipalities.includes(m)) || s.statementIds.length > 0;
  const mine = stories.filter(interested);
  const prevStories = groupStories(input.previousWeek, now).filter(relevant);
  const perTopicCounts = TOPICS.filter((t) => sub.topics.includes(t)).map((topic) => ({
    topic,
    label: TOPIC_LABELS[topic],
    count: stories.filter((s) => s.topics.includes(topic)).length,
    previous: prevStories.filter((s) => s.topics.includes(topic)).length,
  }));
  const used = new Set<string>();
  const take = (list: Story[]) => list.filter((s) => !used.has(s.id)).map((s) => (used.add(s.id), s));

  const topStories = [...mine].sort(byWeight).slice(0, 3);
  const opinion = take(
    mine.filter((s) => OPINION_GENRES.includes(s.genre)).sort((a, b) => Number(b.openForReply) - Number(a.openForReply) || b.publishedAt.localeCompare(a.publishedAt)),
  );
  // A member sees its own town first; others see the towns they follow, then the rest.
  const own = sub.municipalities;
  const towns = [...new Set(mine.flatMap((s) => s.municipalities))].sort((a, b) => Number(own.includes(b)) - Number(own.includes(a)) || a.localeCompare(b, 'sv'));
  const municipalities = towns
    .map((name) => ({ name, own: own.includes(name), stories: mine.filter((s) => s.municipalities.includes(name) && !OPINION_GENRES.includes(s.genre)).sort(byWeight) }))
    .filter((m) => m.stories.length > 0);
  for (const m of municipalities) for (const s of m.stories) used.add(s.id);
  const coverage = input.statements
    .map((st) => ({ statementId: st.id, title: st.title, stories: stories.filter((s) => s.statementIds.includes(st.id)).sort(byWeight) }))
    .filter((c) => c.stories.length > 0);
  const perTopic = TOPICS.filter((t) => sub.topics.includes(t))
    .map((topic) => ({ topic, label: TOPIC_LABELS[topic], stories: take(mine.filter((s) => s.topics.includes(topic)).sort(byWeight)) }))
    .filter((t) => t.stories.length > 0);
  return {
    week: input.week,
    subscriber: { id: sub.id, name: sub.name, email: sub.email, role: sub.role, municipalities: sub.municipalities, topics: sub.topics },
    empty: mine.length === 0 && coverage.length === 0,
    overview: { perTopic: perTopicCounts, topStories },
    opinion,
    municipalities,
    coverage,
    perTopic,
    totals: { articles: input.articles.length, stories: mine.length },
  };
}

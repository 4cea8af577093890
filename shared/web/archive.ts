/**
 * Arkiv: full-text search over every stored relevant article (title, lead, outlet) with filters,
 * without a search cluster. Each ISO week's entries are read once from the sparse relevant index
 * and indexed in process (MiniSearch); past weeks stay cached for the container's life, the
 * current week is read again after a minute. Measured by `npm run bench:web`.
 */
import MiniSearch from 'minisearch';
import { fold } from '../domain/subscriber.ts';
import type { DigestEntry } from '../domain/digest/stories.ts';
import { GENRE_LABELS, TOPIC_LABELS } from '../domain/digest/build.ts';
import { GENRES, OPINION_GENRES, TOPICS, type Genre, type Topic } from '../domain/types.ts';
import { isoWeekOf, parseIsoWeek } from '../domain/week.ts';

export interface ArchiveQuery {
  q?: string | undefined;
  kommun?: string | undefined;
  tema?: Topic | undefined;
  /** A genre, or 'opinion' for every opinion genre. */
  genre?: Genre | 'opinion' | undefined;
  /** Articles that took up this statement. */
  utspel?: string | undefined;
  fran: string;
  till: string;
}

interface WeekShard {
  entries: DigestEntry[];
  byId: Map<string, DigestEntry>;
  index?: MiniSearch<DigestEntry>;
  loadedAt: number;
}

const CURRENT_WEEK_TTL_MS = 60_000;
export const MAX_WEEKS = 104;

/** The weeks from `fran` to `till`, both included, at most MAX_WEEKS (the newest). */
export function weeksBetween(fran: string, till: string): string[] {
  const end = parseIsoWeek(till).start.getTime();
  const weeks: string[] = [];
  for (let t = parseIsoWeek(fran).start.getTime() + 3 * 86400_000; t <= end + 3 * 86400_000; t += 7 * 86400_000) weeks.push(isoWeekOf(new Date(t)));
  return weeks.slice(-MAX_WEEKS);
}

/** A topic or genre as a person may write it in a link: its id or its Swedish label, any case. */
export function parseTopic(v: string | undefined): Topic | undefined {
  if (!v) return undefined;
  const f = fold(v);
  return TOPICS.find((t) => t === f || fold(TOPIC_LABELS[t]) === f);
}
export function parseGenre(v: string | undefined): Genre | 'opinion' | undefined {
  if (!v) return undefined;
  const f = fold(v);
  if (f === 'opinion') return 'opinion';
  return GENRES.find((g) => g === f || fold(GENRE_LABELS[g]) === f);
}

export class ArchiveIndex {
  private readonly shards = new Map<string, Promise<WeekShard>>();

  constructor(
    private readonly load: (week: string) => Promise<DigestEntry[]>,
    private readonly clock: { now(): Date },
  ) {}

  private shard(week: string): Promise<WeekShard> {
    const now = this.clock.now();
    const cached = this.shards.get(week);
    const current = week >= isoWeekOf(now);
    if (cached) {
      // A past week does not change; the current one is read again after a minute.
      if (!current) return cached;
      return cached.then((s) => (now.getTime() - s.loadedAt < CURRENT_WEEK_TTL_MS ? s : this.reload(week, now)));
    }
    return this.reload(week, now);
  }

  private reload(week: string, now: Date): Promise<WeekShard> {
    const p = this.load(week).then((entries) => ({ entries, byId: new Map(entries.map((e) => [e.id, e])), loadedAt: now.getTime() }) as WeekShard);
    p.catch(() => this.shards.delete(week));
    this.shards.set(week, p);
    return p;
  }

  private static indexOf(shard: WeekShard): MiniSearch<DigestEntry> {
    if (!shard.index) {
      const index = new MiniSearch<DigestEntry>({ fields: ['title', 'summary', 'outlet'], storeFields: [], idField: 'id' });
      // An entry seen twice in one week's index (never expected) must not break the page.
      const unique = [...shard.byId.values()];
      index.addAll(unique);
      shard.index = index;
    }
    return shard.index;
  }

  /** One week's entries (cached as for search). */
  async entries(week: string): Promise<DigestEntry[]> {
    return [...(await this.shard(week)).byId.values()];
  }

  async search(query: ArchiveQuery): Promise<{ results: DigestEntry[]; weeks: number }> {
    const weeks = weeksBetween(query.fran, query.till);
    const shards = await Promise.all(weeks.map((w) => this.shard(w)));
    const kommun = query.kommun ? fold(query.kommun) : undefined;
    const keep = (e: DigestEntry) =>
      (!kommun || e.municipalities.some((m) => fold(m) === kommun)) &&
      (!query.tema || e.topics.includes(query.tema)) &&
      (!query.genre || (query.genre === 'opinion' ? OPINION_GENRES.includes(e.genre) : e.genre === query.genre)) &&
      (!query.utspel || e.statementIds.includes(query.utspel));
    const q = query.q?.trim().slice(0, 200);
    const scored: Array<{ e: DigestEntry; score: number }> = [];
    for (const shard of shards) {
      if (!q) {
        for (const e of shard.byId.values()) if (keep(e)) scored.push({ e, score: 0 });
        continue;
      }
      for (const hit of ArchiveIndex.indexOf(shard).search(q, { prefix: true, fuzzy: (term) => (term.length >= 6 ? 0.15 : 0), combineWith: 'AND', boost: { title: 2 } })) {
        const e = shard.byId.get(String(hit.id));
        if (e && keep(e)) scored.push({ e, score: hit.score });
      }
    }
    scored.sort((a, b) => b.score - a.score || b.e.publishedAt.localeCompare(a.e.publishedAt));
    return { results: scored.map((s) => s.e), weeks: weeks.length };
  }
}

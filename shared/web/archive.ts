/**
 * Arkiv: full-text search over every stored relevant article (title, lead, outlet) with filters,
 * without a search cluster. Each ISO week is a shard: its entries from the sparse relevant index. A
 * past week's shard is stored once (gzip'd, one item) and read by every cold container instead of
 * the week's items; it is rebuilt when the week's version (bumped by every relevant write) moves.
 *
 * Search is a scan, not an inverted index: every query word must begin a word of the title, lead or
 * outlet (utbyggnad finds utbyggnaden). Measured (`npm run bench:web`, 52 weeks): MiniSearch's
 * index made the stored shards twice as large and cost ~0.8 s to load or ~0.9 s to build per cold
 * container, while a scan of 60–100k entries answers in tens of milliseconds.
 */
import { fold } from '../domain/subscriber.ts';
import { watchWordsIn } from '../domain/watch-words.ts';
import type { DigestEntry } from '../domain/digest/stories.ts';
import { GENRE_LABELS, TOPIC_LABELS } from '../domain/digest/build.ts';
import { GENRES, OPINION_GENRES, TOPICS, type Genre, type Topic } from '../domain/types.ts';
import { isoWeekOf, parseIsoWeek } from '../domain/week.ts';
import type { SearchShardStore } from '../ports.ts';

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
  /** Only articles with one of these watch words (the person's own, `bevakning=1`). */
  watch?: readonly string[] | undefined;
}

interface WeekShard {
  entries: DigestEntry[];
  byId: Map<string, DigestEntry>;
  /** Lower-cased " title | lead | outlet" per entry, words separated by spaces: made on first search. */
  haystacks?: Array<{ title: string; rest: string }>;
  loadedAt: number;
}

const NON_WORD = /[^\p{L}\p{N}]+/gu;
/** Lower case, diacritics folded ("oxelosund" finds Oxelösund), punctuation as spaces, framed by spaces. */
const foldText = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const haystack = (s: string) => ` ${foldText(s).replace(NON_WORD, ' ')} `;

/**
 * A search as people write it: words (each must begin a word), "a phrase" (its words in a row),
 * OR between alternatives, -word to leave out. Diacritics fold on both sides.
 */
export interface ParsedQuery {
  /** Alternatives (OR); each is terms that must all match: a word, or a phrase as words in a row. */
  any: string[][];
  not: string[];
  /** The query had text but no searchable word ("🙂", "*", "%%%"). */
  empty: boolean;
}

export function parseQuery(q: string): ParsedQuery {
  const text = q.slice(0, 200);
  const tokens = [...text.matchAll(/(-?)"([^"]*)"|(\S+)/g)].map((m) => (m[2] !== undefined ? { neg: m[1] === '-', phrase: true, raw: m[2] } : { neg: m[3]!.startsWith('-') && m[3]!.length > 1, phrase: false, raw: m[3]!.replace(/^-/, '') }));
  const norm = (raw: string) => foldText(raw).split(NON_WORD).filter(Boolean).join(' ');
  const any: string[][] = [[]];
  const not: string[] = [];
  for (const t of tokens) {
    if (!t.phrase && t.raw === 'OR') {
      if (any.at(-1)!.length) any.push([]);
      continue;
    }
    const term = norm(t.raw);
    if (!term) continue;
    if (t.neg) not.push(term);
    else any.at(-1)!.push(term);
  }
  const alternatives = any.filter((a) => a.length).map((a) => [...new Set(a)].slice(0, 12)).slice(0, 6);
  return { any: alternatives, not: not.slice(0, 12), empty: text.trim().length > 0 && alternatives.length === 0 && not.length === 0 };
}
/** Stored shards of another layout are rebuilt. */
const SHARD_FORMAT = 2;

const CURRENT_WEEK_TTL_MS = 60_000;
export const MAX_WEEKS = 104;

/** The archive's query parameters; any other is named as unknown. */
export const ARCHIVE_PARAMS = new Set(['q', 'kommun', 'tema', 'genre', 'fran', 'till', 'utspel', 'sida', 'bevakning']);


/**
 * The weeks from `fran` to `till`, both included, at most MAX_WEEKS (the newest). The walk starts at
 * most MAX_WEEKS before `till`, so a range of centuries (0000-W01 to 9999-W52) costs what two years do.
 */
export function weeksBetween(fran: string, till: string): string[] {
  const end = parseIsoWeek(till).start.getTime();
  const start = Math.max(parseIsoWeek(fran).start.getTime(), end - (MAX_WEEKS - 1) * 7 * 86400_000);
  const weeks: string[] = [];
  for (let t = start + 3 * 86400_000; t <= end + 3 * 86400_000; t += 7 * 86400_000) weeks.push(isoWeekOf(new Date(t)));
  return weeks;
}

/** Weeks kept per warm container: two years of shards, the least recently used going first. */
const MAX_CACHED_WEEKS = MAX_WEEKS + 8;

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

/** Where the archive reads a week: the relevant index, and (optionally) stored shards of past weeks. */
export interface ArchiveSource {
  relevantByWeek(week: string): Promise<DigestEntry[]>;
  shards?: SearchShardStore | undefined;
}

export class ArchiveIndex {
  private readonly cache = new Map<string, { version: number | undefined; shard: Promise<WeekShard> }>();

  constructor(
    private readonly source: ArchiveSource,
    private readonly clock: { now(): Date },
  ) {}

  private static shardOf(entries: DigestEntry[], loadedAt: number): WeekShard {
    // An entry seen twice in one week (never expected) is shown once.
    const byId = new Map(entries.map((e) => [e.id, e]));
    return { entries: [...byId.values()], byId, loadedAt };
  }

  /**
   * The weeks' shards. A past week is valid while its version (bumped by every relevant write) is
   * unchanged: from this container's cache, else from its stored shard, else built from the
   * relevant index and stored for every other container. The current week is read again after a minute.
   */
  private async shards(weeks: readonly string[]): Promise<WeekShard[]> {
    const now = this.clock.now();
    const current = isoWeekOf(now);
    const past = weeks.filter((w) => w < current);
    const versions = this.source.shards && past.length ? await this.source.shards.versions(past) : new Map<string, number>();
    return Promise.all(weeks.map((w) => this.shard(w, w < current ? (versions.get(w) ?? 0) : undefined, now)));
  }

  private shard(week: string, version: number | undefined, now: Date): Promise<WeekShard> {
    const cached = this.cache.get(week);
    // Least recently used last out: a hit moves the week to the end of the Map's order.
    if (cached) (this.cache.delete(week), this.cache.set(week, cached));
    if (cached && version !== undefined && cached.version === version) return cached.shard;
    if (cached && version === undefined) {
      return cached.shard.then((s) => (now.getTime() - s.loadedAt < CURRENT_WEEK_TTL_MS ? s : this.load(week, version, now)));
    }
    return this.load(week, version, now);
  }

  private load(week: string, version: number | undefined, now: Date): Promise<WeekShard> {
    const shards = this.source.shards;
    const p = (async () => {
      if (version === undefined || !shards) return ArchiveIndex.shardOf(await this.source.relevantByWeek(week), now.getTime());
      const stored = await shards.get(week).catch(() => undefined);
      if (stored && stored.version === version && stored.format === SHARD_FORMAT) return ArchiveIndex.shardOf(stored.entries, now.getTime());
      const built = ArchiveIndex.shardOf(await this.source.relevantByWeek(week), now.getTime());
      // Stored for the other containers (a failed write only costs them the same build); an empty
      // week is cheap to read again and leaves no item behind.
      if (built.entries.length) await shards.put({ week, version, format: SHARD_FORMAT, entries: built.entries }).catch(() => false);
      return built;
    })();
    p.catch(() => this.cache.delete(week));
    this.cache.set(week, { version, shard: p });
    while (this.cache.size > MAX_CACHED_WEEKS) this.cache.delete(this.cache.keys().next().value!);
    return p;
  }

  private static haystacksOf(shard: WeekShard) {
    // Authors are searched too: the feed's, and the opinion summariser's.
    return (shard.haystacks ??= shard.entries.map((e) => ({ title: haystack(e.title), rest: haystack(`${e.summary} ${e.outlet} ${e.author ?? ''} ${e.opinion?.author ?? ''}`) })));
  }

  /** One week's entries (cached as for search). */
  async entries(weeks: readonly string[]): Promise<DigestEntry[][]> {
    return (await this.shards(weeks)).map((s) => [...s.byId.values()]);
  }

  async search(query: ArchiveQuery): Promise<{ results: DigestEntry[]; weeks: number; noSearchableWords?: boolean }> {
    const weeks = weeksBetween(query.fran, query.till);
    const shards = await this.shards(weeks);
    const kommun = query.kommun ? fold(query.kommun) : undefined;
    const keep = (e: DigestEntry) =>
      (!kommun || e.municipalities.some((m) => fold(m) === kommun)) &&
      (!query.tema || e.topics.includes(query.tema)) &&
      (!query.genre || (query.genre === 'opinion' ? OPINION_GENRES.includes(e.genre) : e.genre === query.genre)) &&
      (!query.utspel || e.statementIds.includes(query.utspel)) &&
      (!query.watch || watchWordsIn(e, query.watch).length > 0);
    const parsed = parseQuery(query.q ?? '');
    if (parsed.empty) return { results: [], weeks: weeks.length, noSearchableWords: true };
    const searching = parsed.any.length > 0 || parsed.not.length > 0;
    const scored: Array<{ e: DigestEntry; score: number }> = [];
    for (const shard of shards) {
      const hay = searching ? ArchiveIndex.haystacksOf(shard) : undefined;
      shard.entries.forEach((e, i) => {
        if (!keep(e)) return;
        if (!hay) return void scored.push({ e, score: 0 });
        const { title, rest } = hay[i]!;
        if (parsed.not.some((w) => title.includes(` ${w}`) || rest.includes(` ${w}`))) return;
        // Every term of one alternative must begin a word somewhere; a term in the title counts three times.
        let best = parsed.any.length ? -1 : 0;
        for (const terms of parsed.any) {
          let score = 0;
          for (const w of terms) {
            const inTitle = title.includes(` ${w}`);
            if (!inTitle && !rest.includes(` ${w}`)) {
              score = -1;
              break;
            }
            score += inTitle ? 3 : 1;
          }
          best = Math.max(best, score);
        }
        if (best >= 0) scored.push({ e, score: best });
      });
    }
    scored.sort((a, b) => b.score - a.score || b.e.publishedAt.localeCompare(a.e.publishedAt));
    return { results: scored.map((s) => s.e), weeks: weeks.length };
  }
}

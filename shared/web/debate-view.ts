/**
 * Debatt for one person: the open opinion pieces about their towns and themes first, a debate's
 * pieces together (a reply under the piece it answers), the one closing soonest first; filters by
 * town, theme and genre. A letter or column with a town but no theme and no tie to the network is
 * not offered as a debate to answer (it stays in Arkiv). Pure.
 */
import { debateRows, offeredForReply, type DebateRow } from '../domain/debate.ts';
import { linkPieces } from '../domain/digest/debates.ts';
import type { DigestEntry } from '../domain/digest/stories.ts';
import type { Genre, Subscriber, Topic } from '../domain/types.ts';

export interface DebateFilters {
  kommun?: string | undefined;
  tema?: Topic | undefined;
  genre?: Genre | 'opinion' | undefined;
}

export interface DebateViewRow extends DebateRow {
  lead: string;
  /** The piece that opened this one's debate, when it is not this one. */
  inDebateOf?: string | undefined;
  /** Whom this piece answers, as the letter says it: the answered piece's writer, or "nätverket". */
  answers?: string | undefined;
}

export function debateView(entries: readonly DigestEntry[], sub: Pick<Subscriber, 'municipalities' | 'topics'>, now: Date, since: Date, f: DebateFilters): DebateViewRow[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const { opinion, find, answered } = linkPieces(entries);
  const debate = new Map(opinion.map((e) => [e.id, find(e.id)]));
  const answeredWriter = (id: string): string | undefined => {
    const to = byId.get(answered.get(id) ?? '');
    if (!to) return undefined;
    return to.opinion?.author ?? to.author ?? (to.debate?.own || to.ownPublication ? 'nätverket' : undefined);
  };
  const rows = debateRows(entries, { now, since, openOnly: true }).filter((r) => {
    const e = byId.get(r.id)!;
    if (!offeredForReply(e)) return false;
    if (f.kommun && !r.municipalities.includes(f.kommun)) return false;
    if (f.tema && !r.topics.includes(f.tema)) return false;
    if (f.genre && f.genre !== 'opinion' && r.genre !== f.genre) return false;
    return true;
  });
  const mine = (r: DebateRow) => r.municipalities.some((m) => sub.municipalities.includes(m)) || r.topics.some((t) => sub.topics.includes(t as Topic));
  // Debates ordered by: the person's own first, replies to the network, then the soonest to close.
  const groups = new Map<string, DebateRow[]>();
  for (const r of rows) {
    const g = debate.get(r.id) ?? r.id;
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  const key = (list: DebateRow[]) => ({ mine: list.some(mine), network: list.some((r) => r.repliesToNetwork), closes: list.map((r) => r.replyBy).sort()[0]! });
  const ordered = [...groups.entries()].map(([id, list]) => ({ id, list: list.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt)), k: key(list) }));
  ordered.sort((a, b) => Number(b.k.mine) - Number(a.k.mine) || Number(b.k.network) - Number(a.k.network) || a.k.closes.localeCompare(b.k.closes) || a.id.localeCompare(b.id));
  return ordered.flatMap(({ id, list }) =>
    list.map((r) => ({
      ...r,
      lead: (byId.get(r.id)?.summary ?? '').slice(0, 240),
      ...(id !== r.id ? { inDebateOf: byId.get(id)?.title ?? undefined } : {}),
      ...(answeredWriter(r.id) ? { answers: answeredWriter(r.id) } : {}),
    })),
  );
}

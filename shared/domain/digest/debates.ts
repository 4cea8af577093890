/**
 * The week's debates: opinion pieces linked reply to answered piece into threads, and pieces on one
 * subject (a shared theme and shared words in title and thesis) together. A reply is linked to a
 * stored piece when its text names that piece's author or title, within 30 days before it; a reply
 * that names nobody, on a theme of a piece the network published in those 30 days, answers the
 * network's piece (the grid agency's rebuttal of the network's op-ed need not name the network); any
 * other reply naming no one answers the latest earlier piece on its subject.
 * Pure: the same entries and clock give the same debates.
 */
import { withoutSectionLabel } from '../labels.ts';
import type { DigestEntry } from './stories.ts';
import { isoWeekOf } from '../week.ts';
import { OPINION_GENRES, type Genre, type StanceToNetwork } from '../types.ts';
import { offeredForReply, storedDebateFacts } from '../debate.ts';

/** One voice in a debate: the `monitor opinion` contract's piece. */
export interface DebatePiece {
  id: string;
  url: string;
  title: string;
  outlet: string;
  genre: Genre;
  publishedAt: string;
  author: string | null;
  authorRole: string | null;
  thesis: string[];
  /** The URL of the stored piece it answers. */
  repliesTo: string | null;
  own: boolean;
  stanceToNetwork: StanceToNetwork | null;
  /** The sentence that shows the stance. */
  stanceSentence?: string | undefined;
  replyBy: string | null;
  municipalities: string[];
  topics: string[];
  /** The network's statements it matched: the secretariat reads its reception per statement. */
  statementIds: string[];
}

export interface Debate {
  id: string;
  subject: string;
  themes: string[];
  towns: string[];
  open: boolean;
  replyBy: string | null;
  pieces: DebatePiece[];
}

const REPLY_LINK_DAYS = 30;
const DAY = 86400_000;
/** Words too common in op-eds to say two pieces share a subject. */
const COMMON = new Set('att det som och för med den inte till har är ska kan måste behöver sverige svenska regeringen kommunen kommunerna politiken frågan debatt replik insändare ledare krönika'.split(' '));

const isOpinionGenre = (g: Genre) => OPINION_GENRES.includes(g);
const contentWords = (s: string) => new Set((s.toLowerCase().match(/[\p{L}]{5,}/gu) ?? []).filter((w) => !COMMON.has(w)).map((w) => w.slice(0, 6)));
const surnames = (name: string) => name.split(/\s+och\s+|,\s*/).map((n) => n.trim().split(/\s+/).at(-1)!.toLowerCase()).filter((n) => n.length >= 3);

function pieceOf(e: DigestEntry, now: Date): DebatePiece {
  const o = e.opinion;
  // Pieces stored before their debate facts were kept get the default reply window, as everywhere.
  const replyBy = storedDebateFacts(e).replyBy;
  return {
    id: e.id,
    url: e.url,
    title: e.title,
    outlet: e.outlet,
    genre: e.genre,
    publishedAt: e.publishedAt,
    author: o?.author ?? e.author ?? null,
    authorRole: o?.authorRole ?? null,
    thesis: o?.thesis ?? [e.title],
    repliesTo: null,
    own: !!(e.debate?.own || e.ownPublication),
    stanceToNetwork: o?.stanceToNetwork?.stance ?? null,
    ...(o?.stanceToNetwork ? { stanceSentence: o.stanceToNetwork.sentence } : {}),
    // Open only when still within its window and offered as a debate to answer at all.
    replyBy: replyBy && !(e.debate?.own || e.ownPublication) && Date.parse(replyBy) > now.getTime() && offeredForReply(e) ? replyBy : null,
    municipalities: e.municipalities,
    topics: e.topics,
    statementIds: e.statementIds,
  };
}

/** The stored piece a reply answers, or null. */
function answeredPiece(reply: DigestEntry, earlier: readonly DigestEntry[]): DigestEntry | null {
  const to = reply.opinion?.repliesTo;
  if (!to) return null;
  const t = Date.parse(reply.publishedAt);
  const window = earlier.filter((e) => e.id !== reply.id && Date.parse(e.publishedAt) <= t && t - Date.parse(e.publishedAt) <= REPLY_LINK_DAYS * DAY);
  const names = to.author ? surnames(to.author) : [];
  const byAuthor = names.length ? window.filter((e) => surnames(e.opinion?.author ?? e.author ?? '').some((n) => names.includes(n))) : [];
  const titleWords = to.title ? contentWords(to.title) : new Set<string>();
  const byTitle = titleWords.size ? window.filter((e) => [...contentWords(e.title)].filter((w) => titleWords.has(w)).length >= Math.min(3, titleWords.size)) : [];
  const named = [...byTitle, ...byAuthor];
  if (named.length) return named.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0]!;
  if (names.length || titleWords.size) return null;
  // Naming nobody: a rebuttal on the theme of the network's own recent piece answers that piece.
  const own = window.filter((e) => (e.debate?.own || e.ownPublication) && e.topics.some((x) => reply.topics.includes(x)));
  return own.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0] ?? null;
}

/** The week's opinion pieces (published in `week`) and their debates; `entries` may reach back 30 days for the pieces answered. */
/**
 * The opinion pieces among `entries`, each reply linked to the piece it answers, and each piece's
 * debate (the root of its thread or subject). Shared by the letter, `monitor opinion` and Debatt.
 */
export function linkPieces(entries: readonly DigestEntry[]) {
  const opinion = entries.filter((e) => isOpinionGenre(e.genre)).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  const byId = new Map(opinion.map((e) => [e.id, e]));
  const parent = new Map<string, string>(opinion.map((e) => [e.id, e.id]));
  const find = (id: string): string => (parent.get(id) === id ? id : find(parent.get(id)!));
  const join = (a: string, b: string) => parent.set(find(a), find(b));
  const answered = new Map<string, string>();
  for (const e of opinion) {
    const target = answeredPiece(e, opinion);
    if (target) (answered.set(e.id, target.id), join(e.id, target.id));
  }
  // A piece that takes a stance on the network (backs it, criticises it) belongs to the debate of
  // the network's own piece on that theme, the nearest in time within 30 days either way.
  const own = opinion.filter((e) => e.debate?.own || e.ownPublication);
  for (const e of opinion) {
    if (!e.opinion?.stanceToNetwork || answered.has(e.id) || own.includes(e)) continue;
    const t = Date.parse(e.publishedAt);
    const near = own
      .filter((o) => o.topics.some((x) => e.topics.includes(x)) && Math.abs(Date.parse(o.publishedAt) - t) <= REPLY_LINK_DAYS * DAY)
      .sort((a, b) => Math.abs(Date.parse(a.publishedAt) - t) - Math.abs(Date.parse(b.publishedAt) - t))[0];
    if (near) join(e.id, near.id);
  }
  // Pieces on one subject without a reply link: a shared theme and at least two shared words that
  // are rare in the week's opinion (a word in over a fifth of the pieces, like "industrin", says
  // nothing). A piece joins the subject of an earlier piece it resembles; no chaining through a third.
  const words = opinion.map((e) => contentWords(`${e.title} ${e.opinion?.thesis.join(' ') ?? ''}`));
  const df = new Map<string, number>();
  for (const w of words) for (const x of w) df.set(x, (df.get(x) ?? 0) + 1);
  const rare = (x: string) => (df.get(x) ?? 0) <= Math.max(2, opinion.length / 5);
  for (let j = 0; j < opinion.length; j++) {
    const b = opinion[j]!;
    if (find(b.id) !== b.id || answered.has(b.id)) continue;
    // A reply that names no one answers the latest earlier piece on its subject; any other piece
    // joins the subject's first piece.
    const to = b.opinion?.repliesTo;
    const anonymousReply = !!to && !to.author && !to.title;
    const earlier = Array.from({ length: j }, (_, k) => (anonymousReply ? j - 1 - k : k));
    for (const i of earlier) {
      const a = opinion[i]!;
      if (!a.topics.some((t) => b.topics.includes(t))) continue;
      let shared = 0;
      for (const w of words[j]!) if (rare(w) && words[i]!.has(w) && ++shared >= 2) break;
      if (shared >= 2) {
        join(b.id, a.id);
        const age = Date.parse(b.publishedAt) - Date.parse(a.publishedAt);
        if (anonymousReply && age > 0 && age <= REPLY_LINK_DAYS * DAY) answered.set(b.id, a.id);
        break;
      }
    }
  }
  return { opinion, byId, answered, find };
}

export function buildDebates(entries: readonly DigestEntry[], week: string, now: Date): { pieces: number; debates: Debate[] } {
  const { opinion, byId, answered, find } = linkPieces(entries);
  const groups = new Map<string, DigestEntry[]>();
  for (const e of opinion) groups.set(find(e.id), [...(groups.get(find(e.id)) ?? []), e]);
  const inWeek = (e: DigestEntry) => isoWeekOf(new Date(e.publishedAt)) === week;
  const debates: Debate[] = [];
  for (const members of groups.values()) {
    if (!members.some(inWeek)) continue;
    const pieces = members.map((e) => {
      const target = answered.has(e.id) ? byId.get(answered.get(e.id)!)! : undefined;
      const piece = { ...pieceOf(e, now), repliesTo: target?.url ?? null };
      // A reply to the network's own piece criticises the network, quoted by its own thesis.
      if (target && (target.debate?.own || target.ownPublication) && !piece.own && !piece.stanceToNetwork) return { ...piece, stanceToNetwork: 'kritiserar' as const, stanceSentence: piece.thesis[0] };
      return piece;
    });
    const open = pieces.filter((p) => p.replyBy);
    const root = members[0]!;
    debates.push({
      id: root.id,
      subject: withoutSectionLabel(root.title),
      themes: [...new Set(members.flatMap((e) => e.topics))].sort(),
      towns: [...new Set(members.flatMap((e) => e.municipalities))].sort((a, b) => a.localeCompare(b, 'sv')),
      open: open.length > 0,
      // The latest voice is the one to answer: its reply-by date.
      replyBy: open.at(-1)?.replyBy ?? null,
      pieces,
    });
  }
  // The network's debates first, then the longest, then the newest.
  const network = (d: Debate) => Number(d.pieces.some((p) => p.own || p.stanceToNetwork !== null));
  debates.sort((a, b) => network(b) - network(a) || b.pieces.length - a.pieces.length || b.pieces.at(-1)!.publishedAt.localeCompare(a.pieces.at(-1)!.publishedAt) || a.id.localeCompare(b.id));
  return { pieces: opinion.filter(inWeek).length, debates };
}

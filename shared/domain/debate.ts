/**
 * Debates, for communicators: when an opinion piece can still be answered, whether it is the
 * network's own, and whether it answers the network. Pure.
 */
import { OPINION_GENRES, type Genre } from './types.ts';

/** Days an outlet takes replies when its registry entry says nothing (`replyWindowDays`). */
export const DEFAULT_REPLY_WINDOW_DAYS = 7;

export interface DebateFacts {
  /** Publication + the outlet's reply window (ISO). */
  replyBy: string;
  /** The network's own piece (its site, or signed by one of its spokespeople): never open for reply. */
  own: boolean;
  /** Names the network, a statement or a spokesperson, and answers it ("replik", "svar till"). */
  repliesToNetwork: boolean;
}

const REPLY_CUE = /\b(replik|slutreplik|svar till|svarar|svar på)\b/u;

export function debateFacts(input: {
  genre: Genre;
  publishedAt: string;
  replyWindowDays?: number | undefined;
  url: string;
  author?: string | undefined;
  title: string;
  text: string;
  mentionsNetwork: boolean;
  statementIds: readonly string[];
  networkDomains: readonly string[];
  spokespeople: readonly string[];
}): DebateFacts | undefined {
  if (!OPINION_GENRES.includes(input.genre)) return undefined;
  const days = input.replyWindowDays ?? DEFAULT_REPLY_WINDOW_DAYS;
  const replyBy = new Date(Date.parse(input.publishedAt) + days * 86400_000).toISOString();
  const lower = `${input.title}\n${input.text}`.toLowerCase();
  const own = isOwnPublication(input);
  const namesNetwork = input.mentionsNetwork || input.statementIds.length > 0 || input.spokespeople.some((p) => lower.includes(p.toLowerCase()));
  return { replyBy, own, repliesToNetwork: !own && namesNetwork && REPLY_CUE.test(lower) };
}

/**
 * The network's own publication, in any genre: on its own site, or by one of its spokespeople (the
 * author field, or a "Name: headline" byline). Listed as own, never counted as media uptake.
 */
export function isOwnPublication(input: { url: string; author?: string | undefined; title: string; text: string; networkDomains: readonly string[]; spokespeople: readonly string[] }): boolean {
  let host = '';
  try {
    host = new URL(input.url).hostname.replace(/^www\./, '');
  } catch {
    host = '';
  }
  if (input.networkDomains.some((d) => host === d || host.endsWith(`.${d}`))) return true;
  const author = (input.author ?? '').toLowerCase();
  const byline = `${input.title}\n${input.text}`.slice(0, 200).toLowerCase();
  return input.spokespeople.some((p) => author.includes(p.toLowerCase()) || byline.startsWith(`${p.toLowerCase()}:`));
}

/**
 * Offered as a debate to answer: not a letter or column with a town but no theme and no tie to the
 * network (a thank-you to the hospital, a column on the hockey team). Such a piece stays in Arkiv;
 * Debatt, Dagens debatt, Veckans opinion and the letter's "svara senast" read this one rule.
 */
export function offeredForReply(e: { genre: Genre; topics: readonly string[]; mentionsNetwork?: boolean | undefined; statementIds?: readonly string[] | undefined; debate?: DebateFacts | undefined }): boolean {
  if (e.genre !== 'letter' && e.genre !== 'column') return true;
  return e.topics.length > 0 || !!e.mentionsNetwork || (e.statementIds?.length ?? 0) > 0 || !!e.debate?.repliesToNetwork;
}

/** Open for reply: an opinion piece not the network's own, before its reply-by date. */
export const openForReply = (facts: DebateFacts | undefined, now: Date) => !!facts && !facts.own && now.getTime() < Date.parse(facts.replyBy);

/** An opinion piece's stored facts, or for one stored before they were kept: the default reply window, not own, no reply. */
export function storedDebateFacts(e: { publishedAt: string; debate?: DebateFacts | undefined }): DebateFacts {
  return e.debate ?? { replyBy: new Date(Date.parse(e.publishedAt) + DEFAULT_REPLY_WINDOW_DAYS * 86400_000).toISOString(), own: false, repliesToNetwork: false };
}

/** One row of `monitor debates` and the web app's Debatt page (the CLI's JSON contract, in this key order). */
export interface DebateRow {
  id: string;
  title: string;
  url: string;
  outlet: string;
  genre: Genre;
  publishedAt: string;
  replyBy: string;
  open: boolean;
  municipalities: string[];
  topics: string[];
  repliesToNetwork: boolean;
  /** Thesis, author and role (not in the CLI's JSON contract; the web page shows them). */
  opinion?: { thesis: string[]; author: string | null; authorRole: string | null } | undefined;
}

/**
 * Opinion pieces among relevant entries since `since`, each with its reply-by date; replies to the
 * network first, then the open ones, newest first. The network's own pieces are never open.
 */
export function debateRows(
  entries: ReadonlyArray<{ id: string; title: string; url: string; outlet: string; genre: Genre; publishedAt: string; municipalities: string[]; topics: string[]; debate?: DebateFacts | undefined; opinion?: { thesis: string[]; author: string | null; authorRole: string | null } | undefined }>,
  opts: { now: Date; since: Date; openOnly?: boolean | undefined },
): DebateRow[] {
  const since = opts.since.toISOString();
  const seen = new Set<string>();
  const rows: DebateRow[] = [];
  for (const e of entries) {
    if (!OPINION_GENRES.includes(e.genre) || e.publishedAt < since || seen.has(e.id)) continue;
    seen.add(e.id);
    const facts = storedDebateFacts(e);
    const open = openForReply(facts, opts.now);
    if (opts.openOnly && !open) continue;
    rows.push({ id: e.id, title: e.title, url: e.url, outlet: e.outlet, genre: e.genre, publishedAt: e.publishedAt, replyBy: facts.replyBy, open, municipalities: e.municipalities, topics: e.topics, repliesToNetwork: facts.repliesToNetwork, ...(e.opinion ? { opinion: { thesis: e.opinion.thesis, author: e.opinion.author, authorRole: e.opinion.authorRole } } : {}) });
  }
  return rows.sort((a, b) => Number(b.repliesToNetwork) - Number(a.repliesToNetwork) || Number(b.open) - Number(a.open) || b.publishedAt.localeCompare(a.publishedAt));
}

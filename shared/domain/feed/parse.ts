/**
 * Feed bytes to normalised article candidates: decode, neutralise DTDs, parse with rss-parser
 * (a new Parser per feed: a reused one can resolve the next bad feed with stale partial data),
 * validate the parser's output with a schema, normalise every item.
 */
import Parser from 'rss-parser';
import * as z from 'zod';
import type { ArticleCandidate, FeedKind } from '../types.ts';
import { articleId, canonicalUrl } from './canonical-url.ts';
import { parseFeedDate } from './dates.ts';
import { decodeFeed } from './decode.ts';
import { foldWhitespace, guessLanguage, htmlToText } from './text.ts';

export type ParseErrorKind = 'empty' | 'not-a-feed' | 'not-xml' | 'truncated' | 'parse-error';

export interface FeedContext {
  feedId: string;
  feedUrl: string;
  outlet: string;
  kind: FeedKind;
}

export type ParseResult =
  | { ok: true; title: string; items: ArticleCandidate[]; encoding: string; problems: string[] }
  | { ok: false; kind: ParseErrorKind; error: string; encoding: string };

/** Longest summary carried in a queue message; the classifier reads the lead, not the whole text. */
export const MAX_SUMMARY_CHARS = 4000;
const MAX_TITLE_CHARS = 500;

/** xml2js gives objects ({ _: 'text', $: {…} }) or arrays where a string was promised. */
function toText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(toText).filter(Boolean).join(' ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('_' in o) return toText(o._);
    if ('href' in o) return toText(o.href);
    return Object.entries(o)
      .filter(([k]) => k !== '$')
      .map(([, x]) => toText(x))
      .join(' ');
  }
  return '';
}
const text = z.unknown().optional().transform(toText);

const rawItem = z.object({
  title: text,
  link: text,
  guid: text,
  id: text,
  pubDate: text,
  isoDate: text,
  content: text,
  contentSnippet: text,
  summary: text,
  description: text,
  creator: text,
  author: text,
  categories: z.unknown().optional().transform((v) => (Array.isArray(v) ? v.map(toText).filter(Boolean) : v ? [toText(v)] : [])),
});

const rawFeed = z.object({ title: text, items: z.array(z.unknown()).default([]) });

const ITEM_FIELDS = ['title', 'link', 'guid', 'id', 'pubDate', 'isoDate', 'content', 'contentSnippet', 'summary', 'description', 'creator', 'author'] as const;

/** An item's fields as the normaliser reads them: strings, or absent. */
type ItemFields = { [K in (typeof ITEM_FIELDS)[number]]?: string | null } & { categories?: string[] | undefined };

/**
 * The common case, checked by hand: every promised field already a string (or absent) and the
 * categories a list of strings. Anything else goes through the schema, which normalises it.
 */
function plainItem(raw: unknown): { success: true; data: ItemFields } | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<(typeof ITEM_FIELDS)[number] | 'categories', unknown>;
  // Unrolled: static property reads are several times cheaper than keyed ones in this loop.
  const ok = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  if (!(ok(o.title) && ok(o.link) && ok(o.guid) && ok(o.id) && ok(o.pubDate) && ok(o.isoDate) && ok(o.content) && ok(o.contentSnippet) && ok(o.summary) && ok(o.description) && ok(o.creator) && ok(o.author))) return null;
  const c = o.categories;
  if (c !== undefined && !(Array.isArray(c) && c.every((x) => typeof x === 'string'))) return null;
  // Checked in place: no copy of the item.
  return { success: true, data: o as ItemFields };
}

const CHUNK_ITEMS = 200;
const CHUNK_MIN_CHARS = 1_000_000;

/**
 * Splits a large RSS or Atom document into documents of at most `perSlice` items, each with the
 * original header (channel or feed fields) and closing tags. Anything it cannot split safely
 * (no item tags found, an item not closed, an unknown root) is returned whole, for the parser to judge.
 */
export function* documentSlices(xml: string, perSlice: number, minChars: number): Generator<string> {
  if (xml.length < minChars) return yield xml;
  const atom = !/<item[\s>]/.test(xml) && /<entry[\s>]/.test(xml);
  const open = atom ? '<entry' : '<item';
  const close = atom ? '</entry>' : '</item>';
  const first = xml.search(atom ? /<entry[\s>]/ : /<item[\s>]/);
  if (first < 0) return yield xml;
  const header = xml.slice(0, first);
  const ends: number[] = [];
  for (let at = first; at >= 0 && at < xml.length; ) {
    const end = xml.indexOf(close, at);
    if (end < 0) return yield xml;
    ends.push(end + close.length);
    const next = xml.indexOf(open, end + close.length);
    if (next < 0) break;
    at = next;
  }
  // Close the slices as the document closes: RSS 2.0 items sit in the channel, RSS 1.0 items after it.
  const tail = xml.slice(ends[ends.length - 1]!);
  let footer: string;
  if (atom) footer = '</feed>';
  else if (tail.includes('</channel')) footer = '</channel></rss>';
  else if (tail.includes('</rdf:RDF')) footer = '</rdf:RDF>';
  else return yield xml;
  // One slice at a time: a slice is built only when the previous one has been parsed.
  let start = first;
  for (let i = perSlice - 1; ; i += perSlice) {
    const end = ends[Math.min(i, ends.length - 1)]!;
    yield header + xml.slice(start, end) + footer;
    if (i >= ends.length - 1) break;
    start = end;
  }
}

/** DOCTYPEs are where entity bombs and external entities live; a feed never needs one. */
function stripDoctype(xml: string): string {
  // A DOCTYPE can only stand before the root element: look there, and copy the text only if one is found.
  if (!/<!DOCTYPE/i.test(xml.slice(0, 4096))) return xml;
  return xml.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/gi, '');
}

export function classifyParseError(message: string): ParseErrorKind {
  if (/unexpected end|unclosed|end of (input|file)|not properly closed/i.test(message)) return 'truncated';
  if (/feed not recognized|not recognized as rss/i.test(message)) return 'not-a-feed';
  if (/non-whitespace before first tag|text data outside of root|invalid character|attribute without value|unquoted attribute/i.test(message)) return 'not-xml';
  return 'parse-error';
}

export interface ParseOptions {
  httpCharset?: string | undefined;
  now: Date;
  /** Items per slice for large feeds (0: never slice); for tests. */
  chunkItems?: number;
  /** Documents shorter than this are parsed whole. */
  chunkMinChars?: number;
}

/** One slice of a feed's items, or the reason the feed cannot be read (then the stream ends). */
export type ParsedSlice =
  | { ok: true; title: string; items: ArticleCandidate[]; encoding: string; problems: string[] }
  | { ok: false; kind: ParseErrorKind; error: string; encoding: string };

/**
 * The feed's items a slice at a time (large feeds are split into slices of CHUNK_ITEMS items), so
 * a consumer that handles each slice and lets it go never holds a whole large feed in memory.
 * Duplicates within the feed are dropped across slices.
 */
export async function* parseFeedSlices(bytes: Uint8Array, ctx: FeedContext, opts: ParseOptions): AsyncGenerator<ParsedSlice> {
  const decoded = decodeFeed(bytes, opts.httpCharset);
  const encoding = decoded.encoding;
  const xml = stripDoctype(decoded.text);
  if (!/\S/.test(xml)) return yield { ok: false, kind: 'empty', error: 'empty document', encoding };
  if (/^\s*(<!doctype html|<html[\s>])/i.test(xml.slice(0, 200)) || (/<html[\s>]/i.test(xml.slice(0, 1000)) && !/<(rss|feed|rdf:RDF)[\s>]/i.test(xml.slice(0, 2000)))) {
    return yield { ok: false, kind: 'not-a-feed', error: 'an HTML page, not a feed', encoding };
  }
  const seen = new Set<string>();
  let title = '';
  let index = 0;
  for (const part of opts.chunkItems === 0 ? [xml] : documentSlices(xml, opts.chunkItems ?? CHUNK_ITEMS, opts.chunkMinChars ?? CHUNK_MIN_CHARS)) {
    let parsed: unknown;
    try {
      parsed = await new Parser({ defaultRSS: 2 }).parseString(part);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return yield { ok: false, kind: classifyParseError(message), error: message.split('\n')[0]!.slice(0, 300), encoding };
    }
    const feed = rawFeed.safeParse(parsed);
    if (!feed.success) return yield { ok: false, kind: 'not-a-feed', error: 'parser returned no channel', encoding };
    title ||= foldWhitespace(feed.data.title);
    const items: ArticleCandidate[] = [];
    const problems: string[] = [];
    for (const raw of feed.data.items) {
      const i = index++;
      const r = plainItem(raw) ?? rawItem.safeParse(raw ?? {});
      if (!r.success) {
        problems.push(`item ${i}: ${r.error.issues[0]?.message}`);
        continue;
      }
      const item = normaliseItem(r.data, ctx, opts.now);
      if ('problem' in item) {
        problems.push(`item ${i}: ${item.problem}`);
        continue;
      }
      if (item.dateProblem) problems.push(`item ${i}: date ${item.dateProblem}`);
      if (seen.has(item.candidate.id)) continue;
      seen.add(item.candidate.id);
      items.push(item.candidate);
    }
    yield { ok: true, title, items, encoding, problems };
  }
}

/** The whole feed at once: every slice's items, or the first reason it cannot be read. */
export async function parseFeed(bytes: Uint8Array, ctx: FeedContext, opts: ParseOptions): Promise<ParseResult> {
  const items: ArticleCandidate[] = [];
  const problems: string[] = [];
  let title = '';
  let encoding = '';
  for await (const slice of parseFeedSlices(bytes, ctx, opts)) {
    if (!slice.ok) return slice;
    title = slice.title;
    encoding = slice.encoding;
    items.push(...slice.items);
    problems.push(...slice.problems);
  }
  return { ok: true, title, items, encoding, problems };
}

function normaliseItem(
  r: ItemFields,
  ctx: FeedContext,
  now: Date,
): { candidate: ArticleCandidate; dateProblem?: string | undefined } | { problem: string } {
  const link = r.link ? canonicalUrl(r.link, ctx.feedUrl) : null;
  const guid = r.guid || r.id;
  // Without a link the guid identifies the item, scoped to the feed (guids are only unique per feed).
  const identity = link ?? (guid ? `guid:${ctx.feedId}:${guid}` : null);
  if (!identity) return { problem: 'no link and no guid' };
  const title = htmlToText(r.title ?? '').slice(0, MAX_TITLE_CHARS);
  // rss-parser has already stripped and decoded the content into contentSnippet: reuse it. A
  // summary is one paragraph of plain text.
  const text = r.contentSnippet || htmlToText(r.summary || r.description || r.content || '');
  const summary = (/\s\s|[\t\n\r\f\v\u00a0]/.test(text) ? text.replace(/\s+/g, ' ') : text).trim().slice(0, MAX_SUMMARY_CHARS);
  if (!title && !summary) return { problem: 'no title and no text' };
  // rss-parser's isoDate is already ISO when it could read the date; pubDate covers the rest.
  const date = parseFeedDate(r.isoDate || r.pubDate, now);
  const author = foldWhitespace(r.creator || r.author || '') || undefined;
  const candidate: ArticleCandidate = {
    id: articleId(identity),
    url: link ?? (guid ? canonicalUrl(guid) : null) ?? ctx.feedUrl,
    title: title || summary.slice(0, 120),
    summary,
    publishedAt: date.iso,
    dateEstimated: date.estimated,
    outlet: ctx.outlet,
    feedId: ctx.feedId,
    feedKind: ctx.kind,
    categories: r.categories?.length ? r.categories.filter(Boolean).map(foldWhitespace).filter(Boolean).slice(0, 20) : [],
    language: guessLanguage(summary ? `${title} ${summary}` : title),
  };
  if (author) candidate.author = author.slice(0, 200);
  return { candidate, dateProblem: date.problem };
}

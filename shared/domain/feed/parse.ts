/**
 * Feed bytes to normalised article candidates: decode, neutralise DTDs, parse with rss-parser
 * (a new Parser per feed: a reused one can resolve the next bad feed with stale partial data),
 * validate the parser's output with a schema, normalise every item.
 */
import Parser from 'rss-parser';
import rssUtils from 'rss-parser/lib/utils.js';
import * as z from 'zod';
import type { ArticleCandidate, FeedKind } from '../types.ts';
import { articleId, canonicalUrl } from './canonical-url.ts';
import { parseFeedDate } from './dates.ts';
import { decodeFeed } from './decode.ts';
import { guessLanguage, htmlToText, oneLine } from './text.ts';

// rss-parser strips HTML for its snippets with /<(?:.|\n)*?>/, quadratic on a long run of "<"
// (a 200 KB title of them took 84 s). Its module-level helper is replaced by our linear one, so
// the snippets it computes while parsing are ours, bounded and linear.
rssUtils.getSnippet = (html: string) => (typeof html === 'string' ? htmlToText(html, { oneLine: true }) : '');

type CustomField = [string, string] | [string, string, { keepArray: boolean }];
/**
 * What the parser is asked for beyond its defaults (the publisher's categories and other texts),
 * each only when the document has the element at all: every field asked for costs every item.
 */
const CUSTOM_ITEM_FIELDS: Array<{ marker: string; fields: CustomField[] }> = [
  { marker: '<dc:subject', fields: [['dc:subject', 'subjects', { keepArray: true }]] },
  { marker: '<media:', fields: [['media:description', 'mediaDescription'], ['media:group', 'mediaGroup'], ['media:content', 'mediaContent', { keepArray: true }]] },
  { marker: '<source', fields: [['source', 'source']] },
];
/** Atom categories are not mapped by rss-parser (RSS ones are, as `categories`). */
const ATOM_CATEGORY: CustomField = ['category', 'allCategories', { keepArray: true }];

/** Feeds are uniform: what the first items carry, the rest do. Looks at the head only (the first 64 KB). */
function customFieldsFor(xml: string): string[] {
  const head = xml.length > 65_536 ? xml.slice(0, 65_536) : xml;
  const out: CustomField[] = [];
  for (const c of CUSTOM_ITEM_FIELDS) if (head.includes(c.marker)) out.push(...c.fields);
  if (!/<item[\s>]/.test(head) && /<entry[\s>]/.test(head) && head.includes('<category')) out.push(ATOM_CATEGORY);
  return out as unknown as string[];
}

export type ParseErrorKind = 'empty' | 'not-a-feed' | 'not-xml' | 'truncated' | 'parse-error' | 'too-deep';

export interface FeedContext {
  feedId: string;
  feedUrl: string;
  outlet: string;
  kind: FeedKind;
}

export type ParseResult =
  | { ok: true; title: string; items: ArticleCandidate[]; encoding: string; problems: string[]; degraded?: string | undefined; dropped: DropCounts }
  | { ok: false; kind: ParseErrorKind; error: string; encoding: string };

/** Longest summary carried in a queue message; the classifier reads the lead, not the whole text. */
export const MAX_SUMMARY_CHARS = 4000;
/** Per-field caps: no field of one item can make its message undeliverable. */
export const FIELD_LIMITS = { title: 500, summary: MAX_SUMMARY_CHARS, link: 2048, author: 200, category: 100, categories: 20 } as const;
/**
 * Items kept per feed and fetch, in document order (feeds list the newest first). A busy news feed
 * carries 20–100 items; 500 covers a day of the busiest with room to spare, and keeps a 10 MB feed
 * of 100,000 items from flooding the table and the queue.
 */
export const MAX_ITEMS_PER_FEED = 500;

/** Items left out of a feed, by reason, so a feed's health shows what it lost. */
export interface DropCounts {
  nonHttpLink: number;
  linkTooLong: number;
  noText: number;
  pastItemCap: number;
}
const noDrops = (): DropCounts => ({ nonHttpLink: 0, linkTooLong: 0, noText: 0, pastItemCap: 0 });

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
  'content:encoded': text,
  'content:encodedSnippet': text,
  categories: z.unknown().optional().transform((v) => (Array.isArray(v) ? v.map(toText).filter(Boolean) : v ? [toText(v)] : [])),
  subjects: z.unknown().optional(),
  allCategories: z.unknown().optional(),
  mediaDescription: z.unknown().optional(),
  mediaGroup: z.unknown().optional(),
  mediaContent: z.unknown().optional(),
  source: z.unknown().optional(),
});

const rawFeed = z.object({ title: text, link: text, items: z.array(z.unknown()).default([]) });

const ITEM_FIELDS = ['title', 'link', 'guid', 'id', 'pubDate', 'isoDate', 'content', 'contentSnippet', 'summary', 'description', 'creator', 'author', 'content:encoded', 'content:encodedSnippet'] as const;

/** An item's fields as the normaliser reads them: strings, or absent; the extra fields as the XML gave them. */
type ItemFields = { [K in (typeof ITEM_FIELDS)[number]]?: string | null } & {
  categories?: string[] | undefined;
  subjects?: unknown;
  allCategories?: unknown;
  mediaDescription?: unknown;
  mediaGroup?: unknown;
  mediaContent?: unknown;
  source?: unknown;
};

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
  if (!(ok(o['content:encoded']) && ok(o['content:encodedSnippet']))) return null;
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
  /** Items kept per feed (default MAX_ITEMS_PER_FEED). */
  maxItems?: number;
}

/** One slice of a feed's items, or the reason the feed cannot be read (then the stream ends). */
export type ParsedSlice =
  | { ok: true; title: string; items: ArticleCandidate[]; encoding: string; problems: string[]; degraded?: string | undefined; dropped: DropCounts }
  | { ok: false; kind: ParseErrorKind; error: string; encoding: string };

/** Elements nested deeper than this are no feed (a feed item is five or six levels deep). */
export const MAX_DEPTH = 256;

/**
 * The well-formedness slips a careful feed reader forgives, repaired without resolving anything:
 * text before the root, bare "&" (e.g. in enclosure URLs), and a document cut off mid-item (the
 * complete items before the cut are kept and the document closed). Each repair is named.
 * Linear: one bounded-look-ahead replace and two searches.
 */
export function recoverXml(xml: string): { xml: string; repairs: string[] } {
  const repairs: string[] = [];
  let out = xml;
  const root = out.search(/<(\?xml|rss|feed|rdf:RDF)[\s>]/);
  if (root > 0 && /\S/.test(out.slice(0, root).replace(/<!--[\s\S]*?-->/g, ''))) {
    out = out.slice(root);
    repairs.push('text before the root element dropped');
  } else if (root > 0 && out.slice(0, root).trim() === '') {
    out = out.slice(root);
    repairs.push('whitespace before the XML declaration');
  }
  // Characters XML 1.0 forbids (C0 controls but tab and line ends), raw or as references: dropped.
  let controls = 0;
  out = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|&#(?:x0*(?:[0-8bcef]|1[0-9a-f])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));/gi, () => (controls++, ''));
  if (controls) repairs.push(`${controls} control characters removed`);
  let bare = 0;
  out = out.replace(/&(?!(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)/g, () => (bare++, '&amp;'));
  if (bare) repairs.push(`${bare} bare "&" escaped`);
  const atom = !/<item[\s>]/.test(out) && /<entry[\s>]/.test(out);
  const closeRoot = atom ? '</feed>' : /<rdf:RDF[\s>]/.test(out) ? '</rdf:RDF>' : '</rss>';
  if (!out.trimEnd().endsWith('>') || !out.includes(closeRoot)) {
    const lastItem = out.lastIndexOf(atom ? '</entry>' : '</item>');
    if (lastItem >= 0) {
      const cut = lastItem + (atom ? 8 : 7);
      const footer = atom ? '</feed>' : closeRoot === '</rdf:RDF>' ? '</rdf:RDF>' : out.lastIndexOf('<channel', lastItem) >= 0 ? '</channel></rss>' : '</rss>';
      out = out.slice(0, cut) + footer;
      repairs.push('cut off after the last complete item');
    }
  }
  return { xml: out, repairs };
}

/** Items in a document, by their closing tags. */
function countClosingTags(xml: string): number {
  const close = /<item[\s>]/.test(xml) ? '</item>' : '</entry>';
  let n = 0;
  for (let i = xml.indexOf(close); i >= 0; i = xml.indexOf(close, i + close.length)) n++;
  return n;
}

/** The deepest element nesting, counted up to `limit` (then it stops): a linear scan over "<". */
export function nestingDepth(xml: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    const c = xml.charCodeAt(i + 1);
    if (c === 47) depth--; // </x>
    else if (c === 33 || c === 63) continue; // <!-- …, <![CDATA[ …, <?pi
    else {
      const end = xml.indexOf('>', i + 1);
      if (end < 0) break;
      if (xml.charCodeAt(end - 1) !== 47) depth++;
      if (depth > max && (max = depth) > limit) return max;
      i = end;
    }
  }
  return max;
}

/**
 * The feed's items a slice at a time (large feeds are split into slices of CHUNK_ITEMS items), so
 * a consumer that handles each slice and lets it go never holds a whole large feed in memory.
 * Duplicates within the feed are dropped across slices; at most MAX_ITEMS_PER_FEED are kept. A
 * document the strict parser refuses gets one repair pass (recoverXml); if that reads, the feed is
 * `degraded` with the repairs named, not failing.
 */
export async function* parseFeedSlices(bytes: Uint8Array, ctx: FeedContext, opts: ParseOptions): AsyncGenerator<ParsedSlice> {
  const decoded = decodeFeed(bytes, opts.httpCharset);
  const encoding = decoded.encoding;
  let xml = stripDoctype(decoded.text);
  if (!/\S/.test(xml)) return yield { ok: false, kind: 'empty', error: 'empty document', encoding };
  if (/^\s*(<!doctype html|<html[\s>])/i.test(xml.slice(0, 200)) || (/<html[\s>]/i.test(xml.slice(0, 1000)) && !/<(rss|feed|rdf:RDF)[\s>]/i.test(xml.slice(0, 2000)))) {
    return yield { ok: false, kind: 'not-a-feed', error: 'an HTML page, not a feed', encoding };
  }
  const seen = new Set<string>();
  let title = '';
  let index = 0;
  let degraded: string | undefined;
  let base: FeedContext | undefined;
  const maxItems = opts.maxItems ?? MAX_ITEMS_PER_FEED;
  const customFields = customFieldsFor(xml);
  for (let attempt = 0; attempt < 2; attempt++) {
    let failure: { kind: ParseErrorKind; error: string } | undefined;
    for (const part of opts.chunkItems === 0 ? [xml] : documentSlices(xml, opts.chunkItems ?? CHUNK_ITEMS, opts.chunkMinChars ?? CHUNK_MIN_CHARS)) {
      if (seen.size >= maxItems) {
        // The rest is not parsed: its items are counted by their closing tags (one linear pass).
        const rest = Math.max(0, countClosingTags(xml) - index);
        yield { ok: true, title, items: [], encoding, problems: [`more than ${maxItems} items: the first ${maxItems} kept`], degraded, dropped: { ...noDrops(), pastItemCap: rest } };
        return;
      }
      let parsed: unknown;
      try {
        if (nestingDepth(part, MAX_DEPTH) > MAX_DEPTH) return yield { ok: false, kind: 'too-deep', error: `elements nested more than ${MAX_DEPTH} deep`, encoding };
        parsed = await new Parser({ defaultRSS: 2, ...(customFields.length ? { customFields: { item: customFields } } : {}) }).parseString(part);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        failure = { kind: classifyParseError(message), error: message.split('\n')[0]!.slice(0, 300) };
        break;
      }
      const feed = rawFeed.safeParse(parsed);
      if (!feed.success) return yield { ok: false, kind: 'not-a-feed', error: 'parser returned no channel', encoding };
      title ||= oneLine(feed.data.title);
      // Relative item links resolve against the site the channel names (RSS has no xml:base), else the feed's URL.
      base ??= isHttp(feed.data.link) ? { ...ctx, feedUrl: feed.data.link.trim() } : ctx;
      const items: ArticleCandidate[] = [];
      const problems: string[] = [];
      const dropped = noDrops();
      for (const raw of feed.data.items) {
        const i = index++;
        const r = plainItem(raw) ?? rawItem.safeParse(raw ?? {});
        if (!r.success) {
          problems.push(`item ${i}: ${r.error.issues[0]?.message}`);
          continue;
        }
        const item = normaliseItem(r.data, base, opts.now);
        if ('drop' in item) {
          dropped[item.drop]++;
          continue;
        }
        if (item.dateProblem) problems.push(`item ${i}: date ${item.dateProblem}`);
        if (seen.has(item.candidate.id)) continue;
        if (seen.size >= maxItems) {
          dropped.pastItemCap++;
          continue;
        }
        seen.add(item.candidate.id);
        items.push(item.candidate);
      }
      if (dropped.pastItemCap) problems.push(`more than ${maxItems} items: the first ${maxItems} kept`);
      yield { ok: true, title, items, encoding, problems, degraded, dropped };
    }
    if (!failure) return;
    // Not-a-feed stays refused; anything else gets one repair pass (items already given are not repeated).
    const repaired = failure.kind === 'not-a-feed' || attempt > 0 ? null : recoverXml(xml);
    if (!repaired || !repaired.repairs.length) return yield { ok: false, ...failure, encoding };
    xml = repaired.xml;
    degraded = `${failure.kind}: ${failure.error} — recovered: ${repaired.repairs.join('; ')}`;
  }
}

/** The whole feed at once: every slice's items, or the first reason it cannot be read. */
export async function parseFeed(bytes: Uint8Array, ctx: FeedContext, opts: ParseOptions): Promise<ParseResult> {
  const items: ArticleCandidate[] = [];
  const problems: string[] = [];
  const dropped = noDrops();
  let title = '';
  let encoding = '';
  let degraded: string | undefined;
  for await (const slice of parseFeedSlices(bytes, ctx, opts)) {
    if (!slice.ok) return slice;
    title = slice.title;
    encoding = slice.encoding;
    degraded = slice.degraded;
    items.push(...slice.items);
    problems.push(...slice.problems);
    for (const k of Object.keys(dropped) as Array<keyof DropCounts>) dropped[k] += slice.dropped[k];
  }
  return { ok: true, title, items, encoding, problems, dropped, ...(degraded ? { degraded } : {}) };
}

/** A category as the XML gave it: a string, { _: text }, or Atom's { $: { term, label } }. */
function categoryText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as { _?: unknown; $?: { term?: unknown; label?: unknown } };
    if (typeof o._ === 'string') return o._;
    if (o.$ && typeof o.$.label === 'string') return o.$.label;
    if (o.$ && typeof o.$.term === 'string') return o.$.term;
  }
  return '';
}

function categoriesOf(r: ItemFields): string[] {
  const out = new Set<string>();
  for (const list of [r.categories, r.allCategories, r.subjects]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const t = htmlToText(categoryText(c).slice(0, 1000), { oneLine: true }).slice(0, FIELD_LIMITS.category);
      if (t) out.add(t);
      if (out.size >= FIELD_LIMITS.categories) return [...out];
    }
  }
  return [...out];
}

/** media:description, directly on the item or inside a media:group or media:content. */
function mediaDescriptionOf(r: ItemFields): string {
  const direct = toText(r.mediaDescription);
  if (direct) return direct;
  for (const holder of [r.mediaGroup, ...(Array.isArray(r.mediaContent) ? r.mediaContent : [])]) {
    const o = (Array.isArray(holder) ? holder[0] : holder) as Record<string, unknown> | undefined;
    const t = o && typeof o === 'object' ? toText(o['media:description']) : '';
    if (t) return t;
  }
  return '';
}

/** The outlet an aggregator names (RSS <source>, as Google News gives it), else none. */
function sourceOutlet(r: ItemFields): string {
  return oneLine(toText(r.source)).slice(0, 200);
}

const isHttp = (u: string) => /^https?:\/\//i.test(u);

function normaliseItem(
  r: ItemFields,
  ctx: FeedContext,
  now: Date,
): { candidate: ArticleCandidate; dateProblem?: string | undefined } | { drop: keyof DropCounts } {
  // The item's link, or a guid that is a permalink; never the feed's own URL, never mailto: or javascript:.
  const rawLink = (r.link || (r.guid && isHttp(r.guid) ? r.guid : '') || (r.id && isHttp(r.id) ? r.id : '')).trim();
  if (rawLink.length > FIELD_LIMITS.link) return { drop: 'linkTooLong' };
  const link = rawLink ? canonicalUrl(rawLink, ctx.feedUrl) : null;
  if (!link) return { drop: 'nonHttpLink' };
  let title = htmlToText(r.title ?? '', { oneLine: true }).slice(0, FIELD_LIMITS.title);
  // The best text the item carries: the longest of its description, content:encoded, Atom
  // summary/content and media:description, as plain text (rss-parser's snippets are ours, see above).
  let text = '';
  for (const t of [r.contentSnippet, r['content:encodedSnippet'], r.summary ? htmlToText(r.summary, { oneLine: true }) : '', r.description && !r.contentSnippet ? htmlToText(r.description, { oneLine: true }) : '']) {
    if (t && t.length > text.length) text = t;
  }
  if (text.length < 40) {
    const media = mediaDescriptionOf(r);
    if (media.length > text.length) text = htmlToText(media, { oneLine: true });
  }
  const summary = text.length > FIELD_LIMITS.summary ? text.slice(0, FIELD_LIMITS.summary) : text;
  if (!title && !summary) return { drop: 'noText' };
  // An aggregator's item (Google News: "Rubrik - DN.SE" with <source>Dagens Nyheter</source>): the
  // real outlet from <source>, and the title without the trailing " - Publisher" the aggregator added.
  const source = r.source !== undefined ? sourceOutlet(r) : '';
  if (source) {
    const dash = title.lastIndexOf(' - ');
    if (dash > 0 && title.length - dash - 3 <= 60) title = title.slice(0, dash).trimEnd();
  }
  // rss-parser's isoDate is already ISO when it could read the date; pubDate covers the rest.
  const date = parseFeedDate(r.isoDate || r.pubDate, now);
  const author = htmlToText(r.creator || r.author || '', { oneLine: true }) || undefined;
  const candidate: ArticleCandidate = {
    id: articleId(link),
    url: link,
    title: title || summary.slice(0, 120),
    summary,
    publishedAt: date.iso,
    dateEstimated: date.estimated,
    outlet: source || ctx.outlet,
    feedId: ctx.feedId,
    feedKind: ctx.kind,
    categories: categoriesOf(r),
    language: guessLanguage(summary ? `${title} ${summary}` : title),
  };
  if (author) candidate.author = author.slice(0, FIELD_LIMITS.author);
  return { candidate, dateProblem: date.problem };
}

/**
 * Feed bytes to normalised article candidates: decode, neutralise DTDs, parse with rss-parser
 * (a new Parser per feed: a reused one can resolve the next bad feed with stale partial data),
 * validate the parser's output with a schema, normalise every item.
 */
import Parser from 'rss-parser';
import rssUtils from 'rss-parser/lib/utils.js';
import type { ArticleCandidate } from '../types.ts';
import { decodeFeed } from './decode.ts';
import { htmlToText, oneLine } from './text.ts';
import { customFieldsFor, isHttp, normaliseItem, plainItem, rawFeed, rawItem, type FeedContext } from './items.ts';
import { MAX_DEPTH, MAX_ITEMS_PER_FEED, noDrops, type DropCounts } from './limits.ts';
import { classifyParseError, countClosingTags, documentSlices, nestingDepth, recoverXml, stripDoctype, type ParseErrorKind } from './repair.ts';

// The parts, re-exported: callers read a feed through this module.
export type { FeedContext } from './items.ts';
export { FIELD_LIMITS, MAX_DEPTH, MAX_ITEMS_PER_FEED, MAX_SUMMARY_CHARS, type DropCounts } from './limits.ts';
export { classifyParseError, documentSlices, nestingDepth, recoverXml, type ParseErrorKind } from './repair.ts';

// rss-parser strips HTML for its snippets with /<(?:.|\n)*?>/, quadratic on a long run of "<"
// (a 200 KB title of them took 84 s). Its module-level helper is replaced by our linear one, so
// the snippets it computes while parsing are ours, bounded and linear.
rssUtils.getSnippet = (html: string) => (typeof html === 'string' ? htmlToText(html, { oneLine: true }) : '');

export type ParseResult =
  | { ok: true; title: string; items: ArticleCandidate[]; encoding: string; problems: string[]; degraded?: string | undefined; dropped: DropCounts }
  | { ok: false; kind: ParseErrorKind; error: string; encoding: string };

const CHUNK_ITEMS = 200;
const CHUNK_MIN_CHARS = 1_000_000;

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


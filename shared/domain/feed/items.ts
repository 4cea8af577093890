/**
 * Field extraction: an item as rss-parser (xml2js) gives it, checked and made into an
 * ArticleCandidate: link, one-line title, the best text, categories, author, the aggregator's outlet.
 */
import * as z from 'zod';
import type { ArticleCandidate, FeedKind } from '../types.ts';
import { articleId, canonicalUrl } from './canonical-url.ts';
import { parseFeedDate } from './dates.ts';
import { guessLanguage, htmlToText, oneLine } from './text.ts';
import { FIELD_LIMITS, type DropCounts } from './limits.ts';
import { authorOfFeed } from './author.ts';

export interface FeedContext {
  feedId: string;
  feedUrl: string;
  outlet: string;
  kind: FeedKind;
  /** The registry marks the feed as an aggregator: its items' <source> names the real outlet. */
  aggregator?: boolean | undefined;
}

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
export function customFieldsFor(xml: string): string[] {
  const head = xml.length > 65_536 ? xml.slice(0, 65_536) : xml;
  const out: CustomField[] = [];
  for (const c of CUSTOM_ITEM_FIELDS) if (head.includes(c.marker)) out.push(...c.fields);
  if (!/<item[\s>]/.test(head) && /<entry[\s>]/.test(head) && head.includes('<category')) out.push(ATOM_CATEGORY);
  return out as unknown as string[];
}


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

export const rawItem = z.object({
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

export const rawFeed = z.object({ title: text, link: text, items: z.array(z.unknown()).default([]) });

const ITEM_FIELDS = ['title', 'link', 'guid', 'id', 'pubDate', 'isoDate', 'content', 'contentSnippet', 'summary', 'description', 'creator', 'author', 'content:encoded', 'content:encodedSnippet'] as const;

/** An item's fields as the normaliser reads them: strings, or absent; the extra fields as the XML gave them. */
export type ItemFields = { [K in (typeof ITEM_FIELDS)[number]]?: string | null } & {
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
export function plainItem(raw: unknown): { success: true; data: ItemFields } | null {
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

export const isHttp = (u: string) => /^https?:\/\//i.test(u);

export function normaliseItem(
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
  // Only an aggregator may name another outlet: any other feed's <source> would let it claim to be
  // a town's paper ("reached") or inflate "publicerad i N medier".
  const source = ctx.aggregator && r.source !== undefined ? sourceOutlet(r) : '';
  if (source) {
    const dash = title.lastIndexOf(' - ');
    if (dash > 0 && title.length - dash - 3 <= 60) title = title.slice(0, dash).trimEnd();
  }
  // rss-parser's isoDate is already ISO when it could read the date; pubDate covers the rest.
  const date = parseFeedDate(r.isoDate || r.pubDate, now);
  const author = authorOfFeed(htmlToText(r.creator || r.author || '', { oneLine: true }));
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

/**
 * Fetches an opinion piece's own page when its feed carries a teaser only, to find the thesis and the
 * signature (#20). Polite and bounded: robots.txt honoured for the product's User-Agent, at most one
 * request per host per interval (one reader at a time in production: read-article-page has a
 * reserved concurrency of 1 and reads pages one after another), the feeds' SSRF guard, timeouts and a 2 MB cap, and
 * the body extracted with Mozilla's Readability on linkedom's DOM (the reader view's own code; jsdom
 * would add megabytes to the bundle). Anything that goes wrong gives the teaser and a reason: a page is
 * never worth a failed classification.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import robotsParserModule from 'robots-parser';
import { charsetFromContentType, decodeFeed } from '../domain/feed/decode.ts';
import type { ArticlePageSource, Clock, FeedSource, PageText } from '../ports.ts';

/** robots-parser's own types declare a module shape its CommonJS export does not have. */
interface RobotsRules {
  isDisallowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => RobotsRules;

/** The most of a page's text kept: enough for the thesis and the signature, not a republication. */
export const MAX_PAGE_TEXT_CHARS = 8_000;
export const PAGE_MAX_BYTES = 2 * 1024 * 1024;
export const HOST_INTERVAL_MS = 10_000;

export interface ArticlePageOptions {
  /** A feed source built with the page limits (2 MB, the product's User-Agent, the SSRF guard). */
  http: FeedSource;
  /** The product token robots.txt groups are matched against. */
  userAgent: string;
  clock: Clock;
  hostIntervalMs?: number;
  /** How long a page may wait for its host's turn before it is left for later (default: one interval). */
  maxWaitMs?: number;
}

/** The readable text of an article page: paragraphs kept apart, at most `maxChars`, null when none. */
export function extractArticleText(html: string, maxChars = MAX_PAGE_TEXT_CHARS): string | null {
  const { document } = parseHTML(html);
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  const text = paragraphsOf(parsed?.content ?? '', parsed?.textContent ?? '').join('\n\n');
  if (text.length < 200) return null;
  if (text.length <= maxChars) return text;
  // Cut at a sentence end inside the cap where there is one.
  const cut = text.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
  return end > maxChars / 2 ? cut.slice(0, end + 1) : cut;
}

/**
 * The body's blocks one by one: textContent runs adjacent paragraphs together ("…kortas.Anna
 * Exempelsson, …"), and a signature or a closing demand is found only as a paragraph of its own.
 */
function paragraphsOf(content: string, fallback: string): string[] {
  const clean = (t: string | null | undefined) => (t ?? '').replace(/\s+/g, ' ').trim();
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  // Innermost blocks only: a <div> holding paragraphs is read through them.
  const blocks = [...document.querySelectorAll('p, h2, h3, h4, li, blockquote, pre')].filter((el) => !el.querySelector('p, li, blockquote'));
  const texts = blocks.map((el) => clean(el.textContent)).filter(Boolean);
  if (texts.join(' ').length >= clean(fallback).length * 0.6) return texts;
  return fallback.split(/\n\s*\n|\r\n\s*\r\n/).map(clean).filter(Boolean);
}

export function createHttpArticlePageSource(opts: ArticlePageOptions): ArticlePageSource {
  const interval = opts.hostIntervalMs ?? HOST_INTERVAL_MS;
  // The next free turn per host: one reader in production makes this the product's own.
  const nextTurn = new Map<string, number>();
  const hostDelay = new Map<string, number>();
  const robots = new Map<string, Promise<RobotsRules | { unreachable: string }>>();
  const productToken = opts.userAgent.split('/')[0]!;

  /**
   * Waits the host's turn: one page per interval (robots.txt, read once per container, is not
   * counted). A turn further off than `maxWaitMs` is not waited for: the page is left for later.
   */
  async function turn(host: string): Promise<boolean> {
    const gap = hostDelay.get(host) ?? interval;
    const now = opts.clock.now().getTime();
    const at = Math.max(now, nextTurn.get(host) ?? -Infinity);
    if (at - now > (opts.maxWaitMs ?? gap)) return false;
    nextTurn.set(host, at + gap);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
    return true;
  }

  function robotsFor(origin: URL): Promise<RobotsRules | { unreachable: string }> {
    const key = origin.origin;
    let entry = robots.get(key);
    if (!entry) {
      const url = `${key}/robots.txt`;
      entry = (async () => {
        const res = await opts.http.fetch({ url });
        // No robots.txt (4xx) allows everything; a server error or no answer is read as "not now".
        if (res.kind === 'ok') return robotsParser(url, decodeFeed(res.bytes, charsetFromContentType(res.contentType)).text);
        if (res.kind === 'http-error' && res.status >= 400 && res.status < 500) return robotsParser(url, '');
        // Not cached: the next page of the origin asks again.
        robots.delete(key);
        return { unreachable: res.kind === 'network-error' ? res.reason : `robots-${res.kind === 'http-error' ? `http-${res.status}` : res.kind}` };
      })();
      robots.set(key, entry);
    }
    return entry;
  }

  return {
    async fetchText(pageUrl: string): Promise<PageText> {
      let url: URL;
      try {
        url = new URL(pageUrl);
      } catch {
        return { kind: 'teaser', reason: 'bad-url' };
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'teaser', reason: 'bad-url' };
      const rules = await robotsFor(url);
      if ('unreachable' in rules) return { kind: 'teaser', reason: rules.unreachable };
      if (rules.isDisallowed(url.toString(), productToken)) return { kind: 'teaser', reason: 'robots-disallowed' };
      // A longer Crawl-delay than ours is honoured, up to a minute.
      const delay = rules.getCrawlDelay(productToken);
      if (delay && delay * 1000 > interval) hostDelay.set(url.host, Math.min(delay * 1000, 60_000));
      if (!(await turn(url.host))) return { kind: 'teaser', reason: 'host-busy' };
      const res = await opts.http.fetch({ url: url.toString() });
      if (res.kind === 'http-error') return { kind: 'teaser', reason: res.status === 401 || res.status === 402 || res.status === 403 ? 'refused' : `http-${res.status}` };
      if (res.kind === 'network-error') return { kind: 'teaser', reason: res.reason };
      if (res.kind !== 'ok') return { kind: 'teaser', reason: res.kind };
      if (res.contentType && !/html/i.test(res.contentType)) return { kind: 'teaser', reason: 'not-html' };
      const html = decodeFeed(res.bytes, charsetFromContentType(res.contentType)).text;
      const text = extractArticleText(html);
      // A paywall page has no readable body beyond its teaser: Readability finds too little.
      return text ? { kind: 'text', text } : { kind: 'teaser', reason: 'no-readable-text' };
    },
  };
}

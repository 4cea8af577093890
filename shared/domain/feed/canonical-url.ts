/** Canonical article URLs and the stable article id derived from them. */
import { hash } from 'node:crypto';

const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|yclid|ref|ref_src|cmpid|at_medium|at_campaign|xtor|ocid|s_cid|__twitter_impression)$/i;

/**
 * An absolute http(s) URL that the URL parser would return unchanged: lower-case ASCII host with a
 * named top-level domain, no port, query or fragment, and a path of plain URL characters without
 * dot segments. Most feed links are like this, and skipping the parser for them is the
 * normaliser's largest saving (a property test checks both paths agree).
 */
const ALREADY_CANONICAL = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*$/;
/** Dot segments the parser would resolve, or a percent sign it would escape. */
const UNSAFE_PATH = /\/\.\.?(?:\/|$)|%(?![0-9A-Fa-f]{2})/;

/** Resolves `href` against `base`, lower-cases the host, drops fragments and tracking parameters. */
export function canonicalUrl(href: string, base?: string): string | null {
  let h = href;
  // A query of tracking parameters only ("?utm_source=rss") goes; any other query takes the full path.
  const q = h.indexOf('?');
  if (q >= 0) {
    if (h.includes('#') || !h.slice(q + 1).split('&').every((p) => TRACKING.test(p.split('=')[0]!))) return canonicalUrlSlow(href, base);
    h = h.slice(0, q);
  }
  // A root-relative link on a canonical origin resolves by concatenation.
  if (h.charCodeAt(0) === 0x2f && h.charCodeAt(1) !== 0x2f && base) {
    const origin = originOf(base);
    if (!origin) return canonicalUrlSlow(href, base);
    h = origin + h;
  }
  if (ALREADY_CANONICAL.test(h) && !UNSAFE_PATH.test(h)) {
    return h.indexOf('/', h.indexOf('//') + 2) === -1 ? `${h}/` : h;
  }
  return canonicalUrlSlow(href, base);
}

let lastBase = '';
let lastOrigin: string | undefined;
/** The origin of the feed's URL, remembered: every item of a feed has the same base. */
function originOf(base: string): string | undefined {
  if (base !== lastBase) {
    lastBase = base;
    lastOrigin = ORIGIN.exec(base)?.[0];
  }
  return lastOrigin;
}

/** The scheme and lower-case host of a base URL that needs no normalising. */
const ORIGIN = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?=\/|$)/;

/** The full path through the WHATWG URL parser. */
export function canonicalUrlSlow(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = base ? new URL(href.trim(), base) : new URL(href.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  if (!url.search) {
    url.search = ''; // also drops a lone "?"
    return url.toString();
  }
  const kept = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  return url.toString();
}

/** Stable id: the same story reached through two feeds or with other tracking tags is one article. */
export function articleId(canonical: string): string {
  return hash('sha256', canonical, 'base64url').slice(0, 22);
}

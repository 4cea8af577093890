/**
 * The repair pass and the document's shape: DOCTYPE and comment stripping, the well-formedness
 * slips a careful reader forgives, slicing a large document, nesting depth. Every scan here is
 * linear in the document: an unclosed opener ends the scan, it never restarts it.
 */

export type ParseErrorKind = 'empty' | 'not-a-feed' | 'not-xml' | 'truncated' | 'parse-error' | 'too-deep';

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
export function stripDoctype(xml: string): string {
  // A DOCTYPE can only stand before the root element: look there, and copy the text only if one is found.
  if (!/<!DOCTYPE/i.test(xml.slice(0, 4096))) return xml;
  // One forward scan: each DOCTYPE is skipped to its end once; an unclosed one ends the scan and
  // stays (the parser then refuses the document), so a run of unclosed openers costs one pass.
  let out = '';
  let at = 0;
  const opener = /<!DOCTYPE/gi;
  for (let m = opener.exec(xml); m; m = opener.exec(xml)) {
    const end = endOfDoctype(xml, m.index + 9);
    if (end < 0) break;
    out += xml.slice(at, m.index);
    at = end;
    opener.lastIndex = end;
  }
  return at === 0 ? xml : out + xml.slice(at);
}

/** Just past a DOCTYPE's closing ">" (after its internal subset "[…]" when it has one), or -1 when it never closes. */
function endOfDoctype(xml: string, from: number): number {
  const gt = xml.indexOf('>', from);
  const bracket = xml.indexOf('[', from);
  if (bracket < 0 || (gt >= 0 && gt < bracket)) return gt < 0 ? -1 : gt + 1;
  // The subset ends at a "]" followed by optional space and ">"; scanned forward only.
  for (let close = xml.indexOf(']', bracket + 1); close >= 0; close = xml.indexOf(']', close + 1)) {
    let k = close + 1;
    while (k < xml.length && (xml[k] === ' ' || xml[k] === '\t' || xml[k] === '\n' || xml[k] === '\r')) k++;
    if (xml[k] === '>') return k + 1;
  }
  return -1;
}

/** The text without its comments; an unclosed comment runs to the end. Linear: each opener is skipped to its closer once. */
export function withoutComments(s: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = s.indexOf('<!--', at);
    if (open < 0) return out + s.slice(at);
    out += s.slice(at, open);
    const close = s.indexOf('-->', open + 4);
    if (close < 0) return out;
    at = close + 3;
  }
}

/** Text before the root is a short preamble (a BOM, a stray line, a comment): the root is looked for near the start only. */
const ROOT_SEARCH_CHARS = 65_536;

export function classifyParseError(message: string): ParseErrorKind {
  if (/unexpected end|unclosed|end of (input|file)|not properly closed/i.test(message)) return 'truncated';
  if (/feed not recognized|not recognized as rss/i.test(message)) return 'not-a-feed';
  if (/non-whitespace before first tag|text data outside of root|invalid character|attribute without value|unquoted attribute/i.test(message)) return 'not-xml';
  return 'parse-error';
}

/**
 * The well-formedness slips a careful feed reader forgives, repaired without resolving anything:
 * text before the root, bare "&" (e.g. in enclosure URLs), and a document cut off mid-item (the
 * complete items before the cut are kept and the document closed). Each repair is named.
 * Linear: one bounded-look-ahead replace and two searches.
 */
export function recoverXml(xml: string): { xml: string; repairs: string[] } {
  const repairs: string[] = [];
  let out = xml;
  const root = out.slice(0, ROOT_SEARCH_CHARS).search(/<(\?xml|rss|feed|rdf:RDF)[\s>]/);
  if (root > 0 && /\S/.test(withoutComments(out.slice(0, root)))) {
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
export function countClosingTags(xml: string): number {
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


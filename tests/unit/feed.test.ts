import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { decodeFeed } from '#shared/domain/feed/decode.ts';
import { encodeWindows1252 } from '#infra/local/feed-server.ts';
import { documentSlices, parseFeed } from '#shared/domain/feed/parse.ts';
import { stripDoctype, withoutComments } from '#shared/domain/feed/repair.ts';
import { articleId, canonicalUrl, canonicalUrlSlow } from '#shared/domain/feed/canonical-url.ts';
import { parseFeedDate } from '#shared/domain/feed/dates.ts';
import { afterFailure, afterSuccess, initialFeedState } from '#shared/domain/feed/health.ts';

const ctx = { feedId: 'f', feedUrl: 'https://tidning.example/rss', outlet: 'Tidningen', kind: 'news' as const };
const now = new Date('2026-11-27T08:00:00Z');
const rss = (encoding: string, items: string) => `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('charset decoding', () => {
  it('decodes an ISO-8859-1 feed announced only in the XML declaration, keeping å, ä, ö', async () => {
    // Prepare
    const bytes = iconv.encode(rss('ISO-8859-1', '<item><title>Kommunfullmäktige i Skövde och Örnsköldsvik</title><link>/a</link></item>'), 'latin1');
    // Act
    const r = await parseFeed(bytes, ctx, { now });
    // Assess
    expect(r.ok && r.items[0]!.title).toBe('Kommunfullmäktige i Skövde och Örnsköldsvik');
  });

  it('decodes windows-1252 curly quotes and dashes sent as "UTF-8"', () => {
    const bytes = iconv.encode('<rss><channel><title>\u201cElpriset\u201d \u2013 så blev det</title></channel></rss>', 'windows-1252');
    const d = decodeFeed(bytes, 'utf-8');
    expect(d.text).toContain('\u201cElpriset\u201d \u2013 så');
  });

  it('prefers valid UTF-8 over a wrong latin-1 label', () => {
    const d = decodeFeed(Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><a>Luleå</a>', 'utf8'));
    expect(d.text).toContain('Luleå');
    expect(d.source).toBe('utf-8-valid');
  });
});

describe('windows-1252 as Swedish "ISO-8859-1" feeds send it', () => {
  it('the sample server writes real windows-1252 bytes, references for the rest, and the decoder reads an iso-8859-1 label as windows-1252', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Stål – 5 € → mål</title></channel></rss>';
    const bytes = encodeWindows1252(xml);
    expect([...bytes]).toContain(0x96);
    expect([...bytes]).toContain(0x80);
    expect(bytes.includes(Buffer.from('&#8594;'))).toBe(true);
    expect([...bytes].some((b) => b < 0x20)).toBe(false);
    const decoded = decodeFeed(bytes);
    expect(decoded.text).toContain('Stål – 5 € &#8594; mål');
    expect(decoded.encoding).toBe('windows-1252');
  });
});

describe('parsing', () => {
  it('rejects an HTML page with a clear reason', async () => {
    const r = await parseFeed(Buffer.from('<!DOCTYPE html><html><body>Hej</body></html>'), ctx, { now });
    expect(r).toMatchObject({ ok: false, kind: 'not-a-feed' });
  });

  it('does not expand entity declarations (billion laughs, XXE)', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&lol2;</title><item><title>&xxe;</title><link>https://a.example/x</link></item></channel></rss>`;
    const r = await parseFeed(Buffer.from(bomb), ctx, { now });
    const text = JSON.stringify(r);
    expect(text).not.toContain('lollol');
    expect(text).not.toContain('root:');
  });

  it('normalises items: relative links resolved, tracking stripped, HTML to text, same id for the same story', async () => {
    const r = await parseFeed(
      Buffer.from(rss('UTF-8', '<item><title>&lt;b&gt;Stål&lt;/b&gt; &amp; el</title><link>/nyheter/a?utm_source=rss&amp;id=3#top</link><description>&lt;p&gt;Text  med\n mellanrum&lt;/p&gt;</description><pubDate>Fri, 27 Nov 2026 07:00:00 +0100</pubDate></item>')),
      ctx,
      { now },
    );
    expect(r.ok).toBe(true);
    const item = r.ok ? r.items[0]! : undefined;
    expect(item).toMatchObject({ url: 'https://tidning.example/nyheter/a?id=3', title: 'Stål & el', summary: 'Text med mellanrum', publishedAt: '2026-11-27T06:00:00.000Z', dateEstimated: false });
    expect(item!.id).toBe(articleId('https://tidning.example/nyheter/a?id=3'));
  });
});

describe('canonical URLs (property)', () => {
  it('is idempotent and ignores tracking parameters and fragments', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ minLength: 1, maxLength: 8 }), (url, tag) => {
        const c = canonicalUrl(url);
        if (!c) return;
        expect(canonicalUrl(c)).toBe(c);
        const tagged = new URL(url);
        tagged.searchParams.set('utm_campaign', tag);
        tagged.hash = 'x';
        expect(canonicalUrl(tagged.toString())).toBe(canonicalUrl(new URL(url).toString()));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('dates', () => {
  it('parses Swedish month names in Stockholm time', () => {
    expect(parseFeedDate('27 november 2026 08:15', now)).toEqual({ iso: '2026-11-27T07:15:00.000Z', estimated: false });
  });
  it('records missing and future dates instead of trusting them', () => {
    expect(parseFeedDate(undefined, now)).toMatchObject({ estimated: true, problem: 'missing' });
    expect(parseFeedDate('2027-01-01T00:00:00Z', now)).toMatchObject({ estimated: true, problem: 'future', iso: now.toISOString() });
  });
  it('never throws on arbitrary input (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      expect(typeof parseFeedDate(s, now).iso).toBe("string");
    }), { seed: 7, numRuns: 500 });
  });
});

describe('feed health', () => {
  it('backs off exponentially, honours Retry-After, disables on 410 and resets on success', () => {
    const s0 = initialFeedState('f', 'https://a.example/rss', now);
    const s1 = afterFailure(s0, now, { kind: 'http-error', status: 503, retryAfterSeconds: 7200, ms: 1 }, () => 0.5);
    expect(Date.parse(s1.nextFetchAt) - now.getTime()).toBeGreaterThanOrEqual(7200_000);
    const s2 = afterFailure(s1, now, { kind: 'network-error', reason: 'dns', message: 'x', ms: 1 }, () => 0.5);
    expect(s2.failureWeight).toBe(1.5);
    expect(Date.parse(s2.nextFetchAt) - now.getTime()).toBeLessThanOrEqual(24 * 3600_000);
    const gone = afterFailure(s2, now, { kind: 'http-error', status: 410, ms: 1 }, () => 0.5);
    expect(gone.disabled).toBe(true);
    expect(afterSuccess(s2, now, {}).consecutiveFailures).toBe(0);
  });
});

describe('the TextDecoder this Node ships', () => {
  it('maps windows-1252 0x80–0x9F to € “ ” – (wrong on Node 20, right on Node >= 22)', () => {
    expect(new TextDecoder('windows-1252').decode(Uint8Array.from([0x80, 0x93, 0x94, 0x96, 0xe5]))).toBe('€“”–å');
  });
  it('decodes UTF-32 by hand, with and without a BOM', () => {
    const text = '<rss>Luleå</rss>';
    const le = Buffer.alloc(text.length * 4);
    [...text].forEach((c, i) => le.writeUInt32LE(c.codePointAt(0)!, i * 4));
    expect(decodeFeed(le).text).toBe(text);
    expect(decodeFeed(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), le])).text).toBe(text);
  });
});

describe('canonical URL fast path (property)', () => {
  it('gives exactly what the URL parser gives, for any web URL and for the hand-picked edge cases', () => {
    const edge = ['https://a.example', 'https://a.example/x/../y', 'https://a.example/./z', 'http://a.example/%zz', 'https://a.example/a%20b', 'https://xn--lule-loa.example/å', 'https://a.example//double', 'http://0x7f.0.0.1/'];
    for (const u of edge) expect(canonicalUrl(u)).toBe(canonicalUrlSlow(u));
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), (u) => {
        expect(canonicalUrl(u)).toBe(canonicalUrlSlow(u));
      }),
      { seed: 5, numRuns: 2000 },
    );
    // Root-relative links, tracking-only queries, and anything else against a base.
    const path = fc.webPath();
    const query = fc.constantFrom('', '?utm_source=rss', '?utm_source=rss&utm_medium=feed', '?id=3', '?utm_source=x&id=3', '?', '?fbclid=abc#top');
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), path, query, (base, p, qs) => {
        const href = `/${p.replace(/^\/+/, '')}${qs}`;
        expect(canonicalUrl(href, base)).toBe(canonicalUrlSlow(href, base));
        expect(canonicalUrl(`${base}${qs}`)).toBe(canonicalUrlSlow(`${base}${qs}`));
      }),
      { seed: 6, numRuns: 2000 },
    );
  });
});

describe('large feeds in slices', () => {
  const items = (n: number, tag: 'item' | 'entry') =>
    Array.from({ length: n }, (_, i) =>
      tag === 'item'
        ? `<item><title>Nyhet ${i} om Luleå</title><link>https://tidning.example/${i}</link><pubDate>Fri, 27 Nov 2026 07:00:00 +0100</pubDate><description>Text ${i}</description></item>`
        : `<entry><title>Nyhet ${i}</title><link href="https://tidning.example/${i}"/><id>urn:${i}</id><updated>2026-11-27T06:00:00Z</updated><summary>Text ${i}</summary></entry>`,
    ).join('\n');
  it('gives the same items and title as one whole parse, for RSS and Atom', async () => {
    for (const doc of [
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Stor</title><link>https://tidning.example/</link>${items(1234, 'item')}</channel></rss>`,
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Stor</title>${items(777, 'entry')}</feed>`,
    ]) {
      const whole = await parseFeed(Buffer.from(doc), ctx, { now, chunkItems: 0, maxItems: 10_000 });
      const sliced = await parseFeed(Buffer.from(doc), ctx, { now, chunkItems: 100, chunkMinChars: 1, maxItems: 10_000 });
      expect(whole.ok && sliced.ok).toBe(true);
      expect(sliced).toEqual(whole);
    }
  });
  it('leaves a truncated document whole for the parser, whose repair pass keeps the complete items', async () => {
    const doc = `<rss version="2.0"><channel><title>T</title>${items(50, 'item')}<item><title>halv`;
    expect([...documentSlices(doc, 10, 1)]).toEqual([doc]);
    const r = await parseFeed(Buffer.from(doc), ctx, { now, chunkItems: 10, chunkMinChars: 1 });
    expect(r).toMatchObject({ ok: true, degraded: expect.stringMatching(/cut off after the last complete item/) });
    expect(r.ok && r.items).toHaveLength(50);
  });
});

describe('language guess', () => {
  it('tells Swedish from English, with å, ä, ö as evidence, and says other for neither', async () => {
    const { guessLanguage } = await import('#shared/domain/feed/text.ts');
    expect(guessLanguage('Kommunen satsar på industrin och elnätet i Luleå')).toBe('sv');
    expect(guessLanguage('The steel plant in Luleå is one of the largest in the region')).toBe('en');
    expect(guessLanguage('Ämne: löneöversyn')).toBe('sv');
    expect(guessLanguage('12345 — 678')).toBe('other');
  });
});

describe('the repair pass scans once (hardening #23: unclosed openers)', () => {
  const ctx = { feedId: 'f', feedUrl: 'https://example.se/rss', outlet: 'Exempel', kind: 'news' as const };
  const item = '<rss version="2.0"><channel><title>T</title><item><title>Stålverket</title><link>https://example.se/a</link></item></channel></rss>';

  it('strips comments and DOCTYPEs as before: closed ones go, an internal subset with "]" inside goes whole', () => {
    expect(withoutComments('a<!-- x -->b<!-- y -->c')).toBe('abc');
    expect(withoutComments('a<!-- never closed')).toBe('a');
    expect(stripDoctype('<!DOCTYPE rss>' + item)).toBe(item);
    expect(stripDoctype('<!DOCTYPE rss [ <!ENTITY a "]x"> ]>' + item)).toBe(item);
    expect(stripDoctype('<!DOCTYPE rss [ <!ENTITY a "x">' + item)).toContain('<!DOCTYPE rss [');
  });

  // 1.3 MB of each opener took 70 s (comments) and 7 s per 625 KB (DOCTYPEs) when every opener
  // rescanned to the end; both now end at once. The timeout only catches a return of that rescan.
  it('reads 1.3 MB of unclosed "<!--" before the root, and of "<!DOCTYPE [", without rescanning', { timeout: 20_000 }, async () => {
    const comments = await parseFeed(Buffer.from(`stray ${'<!--'.repeat(325_000)}${item}`), ctx, { now: new Date() });
    expect(comments.ok).toBe(false);
    const doctypes = await parseFeed(Buffer.from(`<?xml version="1.0"?>${'<!DOCTYPE ['.repeat(118_000)}${item}`), ctx, { now: new Date() });
    // Refused, or read past the junk: at most the document's one real item.
    expect((doctypes.ok ? doctypes.items : []).map((i) => i.title)).not.toContain('');
    expect((doctypes.ok ? doctypes.items : []).length).toBeLessThanOrEqual(1);
    // A short preamble of text and comments before the root is still repaired.
    const repaired = await parseFeed(Buffer.from(`stray text <!-- a --> ${item}`), ctx, { now: new Date() });
    expect(repaired.ok && repaired.items.map((i) => i.title)).toEqual(['Stålverket']);
  });
});

describe('bidirectional controls (hardening #23, low 11)', () => {
  it('never pass from a feed into a title or a text: U+202E cannot make "exe.png" read as "gnp.exe"', async () => {
    const xml = '<rss version="2.0"><channel><title>T</title><item><title>Faktura \u202Egnp.exe</title><link>https://a.example/1</link><description>Text \u2066x\u2069 här \u202Aa\u202C</description></item></channel></rss>';
    const r = await parseFeed(Buffer.from(xml), { feedId: 'f', feedUrl: 'https://a.example/rss', outlet: 'A', kind: 'news' }, { now: new Date() });
    expect(r.ok && r.items[0]!.title).toBe('Faktura gnp.exe');
    expect(r.ok && r.items[0]!.summary).toBe('Text x här a');
  });
});

describe('the writer as the feed names them', () => {
  it('keeps the name from RSS 2.0\'s "e-post (Namn)" and drops an address that names no one', async () => {
    const item = (author: string, n: number) => `<item><title>Inlägg ${n}</title><link>https://tidning.example/debatt/${n}</link><author>${author}</author><description>Text.</description></item>`;
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://tidning.example/</link>${item('anna.ek@tidning.example (Anna Ek)', 1)}${item('redaktionen@tidning.example', 2)}${item('Per Lind', 3)}</channel></rss>`;
    const r = await parseFeed(Buffer.from(xml), ctx, { now });
    expect(r.ok && r.items.map((i) => i.author)).toEqual(['Anna Ek', undefined, 'Per Lind']);
  });
});

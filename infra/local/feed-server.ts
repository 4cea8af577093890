/**
 * Serves the bundled sample feeds on 127.0.0.1, so the main job runs offline. Item dates are
 * shifted into the current and previous ISO week when served, so the demo digest is never empty.
 * Honours If-None-Match, and sends ISO-8859-1 where a feed is configured so.
 */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import type { Feed } from '#shared/domain/types.ts';
import { parseIsoWeek, isoWeekOf } from '#shared/domain/week.ts';
import { escapeHtml } from '#shared/domain/digest/render.ts';

const sampleFile = z.object({
  title: z.string(),
  site: z.string().url(),
  items: z.array(z.object({ title: z.string(), path: z.string(), summary: z.string(), author: z.string().optional(), category: z.string().optional(), previous: z.boolean().optional() })),
});

export interface FeedServer {
  url: string;
  feeds: Feed[];
  requests: number;
  stop(): Promise<void>;
}

export const DEFAULT_SAMPLES_DIR = resolve(import.meta.dirname, '../../samples/feeds');

export type SampleFile = z.infer<typeof sampleFile>;

/** Every bundled sample feed's items, validated (benchmarks and the chaos suite build on them). */
export function loadSampleFiles(dir = DEFAULT_SAMPLES_DIR): SampleFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => sampleFile.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}

export function renderSampleFeed(feed: Feed, data: z.infer<typeof sampleFile>, now: Date): string {
  const hour = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
  const weekStart = parseIsoWeek(isoWeekOf(hour)).start.getTime();
  const prevStart = weekStart - 7 * 86400_000;
  const current = data.items.filter((i) => !i.previous);
  const previous = data.items.filter((i) => i.previous);
  const span = Math.max(hour.getTime() - weekStart, 3600_000);
  const dated = [
    ...current.map((item, i) => ({ item, date: new Date(weekStart + ((i + 1) / (current.length + 1)) * span) })),
    ...previous.map((item, i) => ({ item, date: new Date(prevStart + ((i + 1) / (previous.length + 1)) * 7 * 86400_000) })),
  ].sort((a, b) => b.date.getTime() - a.date.getTime());
  const x = escapeHtml;
  const enc = feed.encoding === 'iso-8859-1' ? 'ISO-8859-1' : 'UTF-8';
  if (feed.format === 'atom') {
    return `<?xml version="1.0" encoding="${enc}"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${x(data.title)}</title><link href="${x(data.site)}"/><id>${x(data.site)}</id><updated>${hour.toISOString()}</updated>
${dated
  .map(
    ({ item, date }) =>
      `<entry><title>${x(item.title)}</title><link href="${x(new URL(item.path, data.site).toString())}"/><id>${x(new URL(item.path, data.site).toString())}</id><updated>${date.toISOString()}</updated>${item.author ? `<author><name>${x(item.author)}</name></author>` : ''}${item.category ? `<category term="${x(item.category)}"/>` : ''}<summary type="html">${x(`<p>${item.summary}</p>`)}</summary></entry>`,
  )
  .join('\n')}
</feed>`;
  }
  return `<?xml version="1.0" encoding="${enc}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${x(data.title)}</title><link>${x(data.site)}</link><description>${x(data.title)}</description><language>sv</language>
${dated
  .map(
    ({ item, date }) =>
      // Relative links and a tracking parameter, as real feeds have them: the normaliser resolves and strips.
      `<item><title>${x(item.title)}</title><link>${x(item.path)}?utm_source=rss</link><guid isPermaLink="false">${x(item.path)}</guid><pubDate>${date.toUTCString()}</pubDate>${item.author ? `<dc:creator>${x(item.author)}</dc:creator>` : ''}${item.category ? `<category>${x(item.category)}</category>` : ''}<description>${x(`<p>${item.summary}</p>`)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export async function startFeedServer(opts: { feeds: Feed[]; samplesDir?: string | undefined; now?: (() => Date) | undefined }): Promise<FeedServer> {
  const dir = opts.samplesDir ?? DEFAULT_SAMPLES_DIR;
  const data = new Map(opts.feeds.map((f) => [f.id, sampleFile.parse(JSON.parse(readFileSync(join(dir, `${f.id}.json`), 'utf8')))]));
  const now = opts.now ?? (() => new Date());
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    const id = req.url?.match(/^\/feeds\/([a-z0-9-]+)/)?.[1];
    const feed = opts.feeds.find((f) => f.id === id);
    const d = id ? data.get(id) : undefined;
    if (!feed || !d) {
      res.writeHead(404).end('not found');
      return;
    }
    const xml = renderSampleFeed(feed, d, now());
    const body = feed.encoding === 'iso-8859-1' || feed.encoding === 'windows-1252' ? encodeWindows1252(xml) : Buffer.from(xml, 'utf8');
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    const type = feed.format === 'atom' ? 'application/atom+xml' : 'application/rss+xml';
    // The latin-1 feed announces no charset over HTTP: only its XML declaration says it.
    res.writeHead(200, { 'content-type': feed.encoding === 'iso-8859-1' ? type : `${type}; charset=utf-8`, etag, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    feeds: opts.feeds.map((f) => ({ ...f, url: `${url}/feeds/${f.id}` })),
    get requests() {
      return state.requests;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** windows-1252's byte for each character it has, derived from the platform's own decoder. */
const WINDOWS_1252 = (() => {
  const text = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  const map = new Map<string, number>();
  for (let i = 0; i < 256; i++) if (!map.has(text[i]!)) map.set(text[i]!, i);
  return map;
})();

/**
 * What Swedish "ISO-8859-1" feeds really send: windows-1252 bytes ("–" is 0x96), and a numeric
 * character reference for anything the code page lacks, so no character arrives as a control byte.
 */
export function encodeWindows1252(xml: string): Buffer {
  const out: number[] = [];
  for (const ch of xml) {
    const b = WINDOWS_1252.get(ch);
    // C1 control positions are not text in windows-1252; everything else outside it becomes a reference.
    if (b !== undefined && !(b >= 0x80 && b <= 0x9f && ch.charCodeAt(0) === b)) out.push(b);
    else for (const c of `&#${ch.codePointAt(0)};`) out.push(c.charCodeAt(0));
  }
  return Buffer.from(out);
}

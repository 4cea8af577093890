/** `monitor parse` and `monitor fetch`: the ingestion path as CLI contracts. */
import { basename } from 'node:path';
import { parseFeed } from '#shared/domain/feed/parse.ts';
import { charsetFromContentType } from '#shared/domain/feed/decode.ts';
import { createHttpFeedSource } from '#shared/adapters/http-feed-source.ts';
import type { ArticleCandidate } from '#shared/domain/types.ts';
import { parseFeedFile } from './parse-file.ts';
const ctx = (url: string) => ({ feedId: 'cli', feedUrl: url, outlet: new URL(url).hostname, kind: 'news' as const });

/** One kept item as `--items` writes it: also valid input for `monitor classify`. */
function itemLine(where: { file: string } | { feedUrl: string }, it: ArticleCandidate) {
  return {
    ...where,
    id: it.id,
    url: it.url,
    title: it.title,
    summary: it.summary,
    publishedAt: it.publishedAt,
    author: it.author ?? null,
    categories: it.categories,
    language: it.language,
    outlet: it.outlet,
  };
}

/** One JSON line per file (or, with --items, per kept item): parsed, or rejected with a reason; only a crash of the tool itself throws. */
export async function runParse(files: string[], write: (s: string) => void, opts: { items?: boolean } = {}): Promise<void> {
  for (const file of files) {
    try {
      const result = await parseFeedFile(file);
      if (!result.ok) write(JSON.stringify({ file, ok: false, error: `${result.kind}: ${result.error}` }));
      // A file has no registry entry: the feed's own title names the outlet.
      else if (opts.items) for (const it of result.items) write(JSON.stringify(itemLine({ file }, it.outlet === 'file' ? { ...it, outlet: result.title || basename(file) } : it)));
      else write(JSON.stringify({ file, ok: true, items: result.items.length, ...(result.degraded ? { degraded: result.degraded } : {}) }));
    } catch (e) {
      write(JSON.stringify({ file, ok: false, error: (e as Error).message }));
    }
  }
}

export async function runFetch(url: string, opts: { allowLoopback?: boolean; items?: boolean }, write: (s: string) => void): Promise<void> {
  const source = createHttpFeedSource({ userAgent: 'IndustrikommunernasMediebevakning/0.1 (monitor fetch)', allowLoopback: !!opts.allowLoopback });
  const started = performance.now();
  const out = await source.fetch({ url });
  const base = { url, ok: false, status: 0, items: 0, bytes: 0, ms: 0, error: null as string | null };
  if (out.kind === 'ok') {
    const parsed = await parseFeed(out.bytes, ctx(url), { httpCharset: charsetFromContentType(out.contentType), now: new Date() });
    const ms = Math.round(performance.now() - started);
    if (opts.items) {
      // The item's own link is "url"; the feed's is "feedUrl" (one JSON object cannot hold two "url").
      if (parsed.ok) for (const it of parsed.items) write(JSON.stringify(itemLine({ feedUrl: url }, it)));
      else write(JSON.stringify({ url, ok: false, error: `${parsed.kind}: ${parsed.error}` }));
      return;
    }
    write(
      JSON.stringify({
        ...base,
        ok: parsed.ok,
        status: out.status,
        items: parsed.ok ? parsed.items.length : 0,
        bytes: out.bytes.byteLength,
        ms,
        error: parsed.ok ? null : `${parsed.kind}: ${parsed.error}`,
        ...(parsed.ok && parsed.degraded ? { degraded: parsed.degraded } : {}),
      }),
    );
    return;
  }
  if (opts.items) {
    write(JSON.stringify({ url, ok: false, error: out.kind === 'not-modified' ? 'not modified' : out.kind === 'http-error' ? `HTTP ${out.status}` : `${out.reason}: ${out.message}` }));
    return;
  }
  const ms = Math.round(performance.now() - started);
  if (out.kind === 'not-modified') write(JSON.stringify({ ...base, ok: true, status: 304, ms }));
  else if (out.kind === 'http-error') write(JSON.stringify({ ...base, status: out.status, ms, error: `HTTP ${out.status}${out.retryAfterSeconds !== undefined ? ` (Retry-After ${out.retryAfterSeconds} s)` : ''}` }));
  else write(JSON.stringify({ ...base, ms, error: `${out.reason}: ${out.message}` }));
}


/** `monitor parse` and `monitor fetch`: the ingestion path as CLI contracts. */
import { parseFeed } from '#shared/domain/feed/parse.ts';
import { charsetFromContentType } from '#shared/domain/feed/decode.ts';
import { createHttpFeedSource } from '#shared/adapters/http-feed-source.ts';
import { parseFeedFile } from '../parse-file.ts';

const ctx = (url: string) => ({ feedId: 'cli', feedUrl: url, outlet: new URL(url).hostname, kind: 'news' as const });

/** One JSON line per file: parsed, or rejected with a reason; only a crash of the tool itself throws. */
export async function runParse(files: string[], write: (s: string) => void): Promise<void> {
  for (const file of files) {
    try {
      const result = await parseFeedFile(file);
      write(JSON.stringify(result.ok ? { file, ok: true, items: result.items.length } : { file, ok: false, error: `${result.kind}: ${result.error}` }));
    } catch (e) {
      write(JSON.stringify({ file, ok: false, error: (e as Error).message }));
    }
  }
}

export async function runFetch(url: string, opts: { allowLoopback?: boolean }, write: (s: string) => void): Promise<void> {
  const source = createHttpFeedSource({ userAgent: 'IndustrikommunernasMediebevakning/0.1 (monitor fetch)', allowLoopback: !!opts.allowLoopback });
  const started = performance.now();
  const out = await source.fetch({ url });
  const base = { url, ok: false, status: 0, items: 0, bytes: 0, ms: 0, error: null as string | null };
  if (out.kind === 'ok') {
    const parsed = await parseFeed(out.bytes, ctx(url), { httpCharset: charsetFromContentType(out.contentType), now: new Date() });
    const ms = Math.round(performance.now() - started);
    write(JSON.stringify({ ...base, ok: parsed.ok, status: out.status, items: parsed.ok ? parsed.items.length : 0, bytes: out.bytes.byteLength, ms, error: parsed.ok ? null : `${parsed.kind}: ${parsed.error}` }));
    return;
  }
  const ms = Math.round(performance.now() - started);
  if (out.kind === 'not-modified') write(JSON.stringify({ ...base, ok: true, status: 304, ms }));
  else if (out.kind === 'http-error') write(JSON.stringify({ ...base, status: out.status, ms, error: `HTTP ${out.status}${out.retryAfterSeconds !== undefined ? ` (Retry-After ${out.retryAfterSeconds} s)` : ''}` }));
  else write(JSON.stringify({ ...base, ms, error: `${out.reason}: ${out.message}` }));
}

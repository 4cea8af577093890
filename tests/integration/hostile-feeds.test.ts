/** Each hostile feed ends with a recorded, clear outcome in bounded time and memory. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFeedSource } from '#shared/adapters/http-feed-source.ts';
import { parseFeed } from '#shared/domain/feed/parse.ts';
import { charsetFromContentType } from '#shared/domain/feed/decode.ts';
import type { FetchOutcome } from '#shared/ports.ts';
import { startHostileServer, type HostileServer } from '../support/hostile-server.ts';

let server: HostileServer;
const source = createHttpFeedSource({ userAgent: 'test', allowLoopback: true, totalTimeoutMs: 3000, maxBytes: 10 * 1024 * 1024 });
const ctx = { feedId: 't', feedUrl: 'http://127.0.0.1/', outlet: 't', kind: 'news' as const };

beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => server.stop());

async function fetchAndParse(path: string) {
  const started = Date.now();
  const out = await source.fetch({ url: `${server.url}${path}` });
  const parsed = out.kind === 'ok' ? await parseFeed(out.bytes, ctx, { httpCharset: charsetFromContentType(out.contentType), now: new Date() }) : undefined;
  return { out, parsed, ms: Date.now() - started };
}
const reason = (o: FetchOutcome) => (o.kind === 'network-error' ? o.reason : o.kind);

describe('hostile feeds', () => {
  it('billion laughs: entities are not expanded', async () => {
    const { parsed } = await fetchAndParse('/billion-laughs');
    expect(JSON.stringify(parsed).length).toBeLessThan(10_000);
    expect(JSON.stringify(parsed)).not.toContain('lollol');
  });

  it('external entity: the file is never read', async () => {
    const { parsed } = await fetchAndParse('/xxe');
    expect(JSON.stringify(parsed)).not.toMatch(/root:|\/bin\/(ba)?sh/);
  });

  it('a 50 MB body is cut off at the cap while streaming', async () => {
    const before = process.memoryUsage().rss;
    const { out, ms } = await fetchAndParse('/huge');
    expect(reason(out)).toBe('too-large');
    expect(ms).toBeLessThan(3000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('a gzip bomb is cut off after decompression', async () => {
    const { out } = await fetchAndParse('/gzip-bomb');
    expect(reason(out)).toBe('too-large');
  });

  it('a server dripping one byte a second hits the total timeout', async () => {
    const { out, ms } = await fetchAndParse('/drip');
    expect(reason(out)).toBe('timeout');
    expect(ms).toBeLessThan(4500);
  });

  it('a redirect loop stops after five redirects', async () => {
    const { out } = await fetchAndParse('/loop');
    expect(reason(out)).toBe('too-many-redirects');
  });

  it('a 301 records the new URL', async () => {
    const { out } = await fetchAndParse('/moved');
    expect(out).toMatchObject({ kind: 'ok', movedTo: `${server.url}/ok` });
  });

  it('an HTML page and an empty 200 are rejected with a reason', async () => {
    expect((await fetchAndParse('/html')).parsed).toMatchObject({ ok: false, kind: 'not-a-feed' });
    expect((await fetchAndParse('/empty')).parsed).toMatchObject({ ok: false, kind: 'empty' });
  });

  it('windows-1252 sent as UTF-8 still gives curly quotes, dashes and å', async () => {
    const { parsed } = await fetchAndParse('/cp1252-as-utf8');
    expect(parsed?.ok && parsed.items[0]!.title).toBe('\u201dElpriset\u201d \u2013 så påverkas Luleå');
  });

  it('429 reports Retry-After, 410 its status', async () => {
    expect((await fetchAndParse('/429')).out).toMatchObject({ kind: 'http-error', status: 429, retryAfterSeconds: 120 });
    expect((await fetchAndParse('/410')).out).toMatchObject({ kind: 'http-error', status: 410 });
  });

  it('conditional GET: a matching ETag gets 304', async () => {
    const out = await source.fetch({ url: `${server.url}/ok`, etag: '"v1"' });
    expect(out.kind).toBe('not-modified');
  });

  it('refuses private, link-local and metadata addresses, and loopback unless allowed', async () => {
    const strict = createHttpFeedSource({ userAgent: 'test' });
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/feed', 'http://192.168.1.1/', 'http://[::1]/', `${server.url}/ok`, 'http://[fd00::1]/']) {
      expect(await strict.fetch({ url })).toMatchObject({ kind: 'network-error', reason: 'blocked-address' });
    }
    expect(await strict.fetch({ url: 'file:///etc/passwd' })).toMatchObject({ kind: 'network-error', reason: 'bad-url' });
  });

  it('refuses a hostname that resolves to loopback (checked at connect time)', async () => {
    const strict = createHttpFeedSource({ userAgent: 'test' });
    const port = new URL(server.url).port;
    expect(await strict.fetch({ url: `http://localhost:${port}/ok` })).toMatchObject({ kind: 'network-error', reason: 'blocked-address' });
  });
});

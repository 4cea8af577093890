/**
 * Fetches feed bytes over HTTP with the limits the real web needs: connect and total timeouts, a
 * body cap enforced while streaming (after decompression, so a gzip bomb is cut off), at most five
 * redirects, conditional GET, and no connections to private, loopback, link-local or metadata
 * addresses unless explicitly allowed (the local sample server).
 */
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch } from 'undici';
import type { FeedSource, FetchOutcome, FetchRequest } from '../ports.ts';

export interface HttpFeedSourceOptions {
  userAgent: string;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Loopback only, for the local sample server and tests. Private ranges stay blocked. */
  allowLoopback?: boolean;
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::', 128]] as const) blocked.addSubnet(net, prefix, 'ipv6');
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Why an address may not be fetched, or null when it may. */
export function addressRefusal(address: string, allowLoopback: boolean): string | null {
  const family = isIP(address);
  if (!family) return 'not an IP address';
  let addr = address;
  let type: 'ipv4' | 'ipv6' = family === 4 ? 'ipv4' : 'ipv6';
  const mapped = addr.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) {
    addr = mapped[1]!;
    type = 'ipv4';
  }
  if (loopback.check(addr, type)) return allowLoopback ? null : `loopback address ${address}`;
  if (blocked.check(addr, type)) return `private or reserved address ${address}`;
  return null;
}

class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
}

export function createHttpFeedSource(opts: HttpFeedSourceOptions): FeedSource {
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  const totalTimeoutMs = opts.totalTimeoutMs ?? 20_000;
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const allowLoopback = opts.allowLoopback ?? false;

  // The check runs on the resolved address at connect time, so DNS rebinding cannot slip past it.
  const agent = new Agent({
    connect: {
      timeout: connectTimeoutMs,
      lookup: (hostname: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
        dnsLookup(hostname, { all: true }, (err, addresses) => {
          if (err) return cb(err);
          for (const a of addresses) {
            const refusal = addressRefusal(a.address, allowLoopback);
            if (refusal) return cb(new BlockedAddressError(refusal));
          }
          if (options?.all) cb(null, addresses);
          else cb(null, addresses[0]!.address, addresses[0]!.family);
        });
      },
    } as never,
    headersTimeout: totalTimeoutMs,
    bodyTimeout: totalTimeoutMs,
  });

  return {
    async fetch(req: FetchRequest): Promise<FetchOutcome> {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      const signal = AbortSignal.timeout(totalTimeoutMs);
      let url = req.url;
      let movedTo: string | undefined;
      try {
        for (let hop = 0; ; hop++) {
          let parsed: URL;
          try {
            parsed = new URL(url);
          } catch {
            return { kind: 'network-error', reason: 'bad-url', message: `not a URL: ${url}`, ms: ms() };
          }
          if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
            return { kind: 'network-error', reason: 'bad-url', message: `only http and https are fetched, not ${parsed.protocol}`, ms: ms() };
          }
          const host = parsed.hostname.replace(/^\[|\]$/g, '');
          if (isIP(host)) {
            const refusal = addressRefusal(host, allowLoopback);
            if (refusal) return { kind: 'network-error', reason: 'blocked-address', message: refusal, ms: ms() };
          }
          const headers: Record<string, string> = {
            'user-agent': opts.userAgent,
            accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
            'accept-encoding': 'gzip, deflate, br',
          };
          if (req.etag) headers['if-none-match'] = req.etag;
          if (req.lastModified) headers['if-modified-since'] = req.lastModified;
          const res = await fetch(url, { headers, redirect: 'manual', signal, dispatcher: agent });
          if (res.status >= 300 && res.status < 400 && res.status !== 304) {
            await res.body?.cancel();
            const location = res.headers.get('location');
            if (!location) return { kind: 'http-error', status: res.status, ms: ms() };
            if (hop >= maxRedirects) return { kind: 'network-error', reason: 'too-many-redirects', message: `more than ${maxRedirects} redirects`, ms: ms() };
            const next = new URL(location, url).toString();
            // Only an unbroken chain of permanent redirects moves the feed.
            if ((res.status === 301 || res.status === 308) && (hop === 0 || movedTo)) movedTo = next;
            else movedTo = undefined;
            url = next;
            continue;
          }
          if (res.status === 304) {
            await res.body?.cancel();
            return { kind: 'not-modified', status: 304, ms: ms() };
          }
          if (res.status >= 400) {
            await res.body?.cancel();
            return { kind: 'http-error', status: res.status, retryAfterSeconds: retryAfter(res.headers.get('retry-after')), ms: ms() };
          }
          const declared = Number(res.headers.get('content-length') ?? NaN);
          if (declared > maxBytes && !res.headers.get('content-encoding')) {
            await res.body?.cancel();
            return { kind: 'network-error', reason: 'too-large', message: `body of ${declared} bytes exceeds ${maxBytes}`, ms: ms() };
          }
          const chunks: Uint8Array[] = [];
          let size = 0;
          if (res.body) {
            const reader = res.body.getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              size += value.byteLength;
              if (size > maxBytes) {
                await reader.cancel();
                return { kind: 'network-error', reason: 'too-large', message: `body exceeds ${maxBytes} bytes (after decompression)`, ms: ms() };
              }
              chunks.push(value);
            }
          }
          return {
            kind: 'ok',
            status: res.status,
            bytes: Buffer.concat(chunks),
            contentType: res.headers.get('content-type'),
            etag: res.headers.get('etag') ?? undefined,
            lastModified: res.headers.get('last-modified') ?? undefined,
            movedTo,
            ms: ms(),
          };
        }
      } catch (e) {
        return { kind: 'network-error', ...describeError(e), ms: ms() };
      }
    },
  };
}

function retryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const n = Number(h);
  if (Number.isFinite(n)) return Math.max(0, n);
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.round((t - Date.now()) / 1000));
}

function describeError(e: unknown): { reason: Exclude<FetchOutcome, { kind: 'ok' | 'not-modified' | 'http-error' }>['reason']; message: string } {
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string; name?: string } };
  const code = err.cause?.code ?? err.code ?? '';
  const message = err.cause?.message ?? err.message ?? String(e);
  if (err instanceof BlockedAddressError || err.cause instanceof BlockedAddressError || code === 'EBLOCKEDADDRESS') return { reason: 'blocked-address', message };
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || /timeout/i.test(code) || err.cause?.name === 'TimeoutError') return { reason: 'timeout', message: `timed out: ${message}` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'dns', message };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return { reason: 'refused', message };
  return { reason: 'other', message };
}

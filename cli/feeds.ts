/** `monitor feeds check|enable`: the registry's health, fetched now or read from the stored feed states. */
import { parseFeed } from '#shared/domain/feed/parse.ts';
import { charsetFromContentType } from '#shared/domain/feed/decode.ts';
import { createHttpFeedSource } from '#shared/adapters/http-feed-source.ts';
import { enabled, feedConfigHash } from '#shared/domain/feed/health.ts';
import { createDynamoFeedStateStore } from '#shared/adapters/dynamo/index.ts';
import { createDynamoClient } from '#shared/aws/clients.ts';
import { readRuntimeConfig } from '#shared/config/env.ts';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { OPINION_GENRES, type Feed } from '#shared/domain/types.ts';
import { compileClassifier } from '#shared/domain/classify/classifier.ts';
import { TEASER_MAX_CHARS } from '#shared/use-cases/classify-article.ts';
import { startLocalStack } from '#infra/local/stack.ts';

/**
 * `monitor feeds check`: fetches and parses every feed of the registry now (no articles are
 * written) and prints a health table, with the stored state (last success, failures) when a
 * --data-dir holds one.
 */
export async function runFeedsCheck(domain: DomainConfig, opts: { live?: boolean; dataDir?: string; json?: boolean; aws?: boolean }, write: (s: string) => void): Promise<number> {
  if (opts.aws) return deployedFeedHealth(domain, opts, write);
  const stack = await startLocalStack({ domain, dataDir: opts.dataDir, feeds: opts.live ? 'live' : 'sample', outboxDir: 'out/digests' });
  try {
    const source = createHttpFeedSource({ userAgent: `IndustrikommunernasMediebevakning/0.1 (+${stack.runtime.contactUrl})`, allowLoopback: !opts.live, totalTimeoutMs: 20_000 });
    const states = new Map((await stack.deps.stores.feedStates.all()).map((s) => [s.feedId, s]));
    // The live registry's weakest evidence first: those are the entries to look at.
    const rank = { none: 0, pattern: 1, confirmed: 2, undefined: 3 } as const;
    const feeds = opts.live ? [...stack.deps.feeds].sort((a, b) => rank[a.evidenceLevel ?? 'undefined'] - rank[b.evidenceLevel ?? 'undefined']) : stack.deps.feeds;
    const classifier = compileClassifier(domain);
    const rows = await mapLimit(feeds, 4, async (feed) => {
      // A stored URL differs from the registry's because a redirect moved the feed, or because the
      // entry changed since (the sample server's port changes every run): only the first is a move.
      const stored = states.get(feed.id);
      const moved = stored && stored.url !== feed.url && stored.configHash === feedConfigHash(feed) ? stored.url : null;
      const out = await source.fetch({ url: moved ?? feed.url });
      let status: string = out.kind === 'ok' ? `${out.status}` : out.kind === 'http-error' ? `${out.status}` : out.kind === 'not-modified' ? '304' : out.reason;
      let items = 0;
      let degraded: string | null = null;
      // Evidence for the registry's fetchArticle: how much of its opinion pieces the feed carries.
      let opinionItems = 0;
      let opinionLeadChars: number | null = null;
      let error = out.kind === 'network-error' ? `${NETWORK_SV[out.reason]} (${out.message})` : out.kind === 'http-error' ? `HTTP ${out.status}` : '';
      if (out.kind === 'ok') {
        const parsed = await parseFeed(out.bytes, { feedId: feed.id, feedUrl: feed.url, outlet: feed.outlet, kind: feed.kind }, { httpCharset: charsetFromContentType(out.contentType), now: new Date() });
        if (parsed.ok) {
          items = parsed.items.length;
          degraded = parsed.degraded ?? null;
          const leads = parsed.items
            .filter((i) => OPINION_GENRES.includes(classifier.classify({ title: i.title, text: i.summary, url: i.url, outlet: i.outlet, feedKind: feed.kind, categories: i.categories }).genre))
            .map((i) => i.summary.length)
            .sort((a, b) => a - b);
          opinionItems = leads.length;
          opinionLeadChars = leads.length ? leads[Math.floor(leads.length / 2)]! : null;
          if (degraded) status = 'degraded';
        } else {
          status = parsed.kind;
          error = parsed.error;
        }
      }
      const state = states.get(feed.id);
      return {
        feed: feed.id,
        // A degraded feed is read (its complete items kept): recorded, not failing.
        ok: out.kind === 'ok' && !error,
        status,
        items,
        ms: out.ms,
        verified: feed.verified,
        lastSuccess: state?.lastSuccessAt ?? null,
        failures: state?.consecutiveFailures ?? 0,
        disabled: state?.disabledReason ?? null,
        movedTo: moved,
        degraded,
        error: error || null,
        opinionItems,
        /** The median length of its opinion items' text: under TEASER_MAX_CHARS the feed gives teasers. */
        opinionLeadChars,
        fetchArticle: feed.fetchArticle ?? false,
      };
    });
    if (opts.json) for (const r of rows) write(JSON.stringify(r));
    else {
      write(`${'flöde'.padEnd(24)} ${'status'.padEnd(12)} ${'poster'.padStart(6)} ${'ms'.padStart(6)}  ${'senast ok'.padEnd(20)} fel`);
      for (const r of rows) {
        write(
          `${r.feed.padEnd(24)} ${(r.ok ? `ok ${r.status}` : r.status).padEnd(12)} ${String(r.items).padStart(6)} ${String(r.ms).padStart(6)}  ${(r.lastSuccess?.slice(0, 16).replace('T', ' ') ?? '–').padEnd(20)} ${r.disabled ? `AVSTÄNGT: ${r.disabled}` : (r.error ?? (r.degraded ? `läst med reparationer: ${r.degraded}` : ''))}${r.failures ? ` (${r.failures} fel i rad)` : ''}${r.movedTo ? ` flyttat till ${r.movedTo} (permanent omdirigering): uppdatera registret` : ''}`,
        );
      }
      write(`\n${rows.filter((r) => r.ok).length} av ${rows.length} flöden svarade med ett flöde.`);
      if (opts.live) for (const line of registryAdvice(feeds, rows)) write(line);
    }
    return rows.filter((r) => !r.ok).length;
  } finally {
    await stack.stop();
  }
}

/** A network failure's kind in Swedish, before the system's own message. */
const NETWORK_SV = { dns: 'okänd värd', timeout: 'tidsgränsen nåddes', refused: 'anslutningen nekades', 'too-large': 'för stort svar', 'too-many-redirects': 'för många omdirigeringar', 'blocked-address': 'spärrad adress', 'bad-url': 'ogiltig adress', other: 'nätverksfel' } as const;

const LEVEL_SV = { confirmed: 'bekräftad', pattern: 'mönster', none: 'inget belägg' } as const;

/** What to fix in config/feeds.live.json after a live check: entries that failed, and those that answered but are not marked verified. */
export function registryAdvice(feeds: readonly Feed[], rows: ReadonlyArray<{ feed: string; ok: boolean; status: string; opinionItems?: number; opinionLeadChars?: number | null }>): string[] {
  const byId = new Map(feeds.map((f) => [f.id, f]));
  const out: string[] = [];
  const failed = rows.filter((r) => !r.ok);
  if (failed.length) out.push('', 'Att rätta i config/feeds.live.json (svagaste belägg först):');
  for (const r of failed) {
    const f = byId.get(r.feed)!;
    out.push(`  ${r.feed} (${LEVEL_SV[f.evidenceLevel ?? 'none']}, ${r.status}): ${f.evidenceSource ?? f.evidence ?? 'inget belägg angivet'}`);
  }
  const answered = rows.filter((r) => r.ok && !byId.get(r.feed)?.verified);
  if (answered.length) out.push('', `Svarade med ett flöde, sätt verified: true: ${answered.map((r) => r.feed).join(', ')}`);
  // fetchArticle is set on evidence: a live feed whose opinion pieces come as teasers, and its robots.txt read by a person.
  const teasers = rows.filter((r) => r.ok && (r.opinionItems ?? 0) >= 3 && (r.opinionLeadChars ?? Infinity) < TEASER_MAX_CHARS && !byId.get(r.feed)?.fetchArticle);
  if (teasers.length) {
    out.push('', `Ger bara ingresser till debattinlägg (median under ${TEASER_MAX_CHARS} tecken), överväg fetchArticle: true efter en titt på sajtens robots.txt:`);
    for (const r of teasers) out.push(`  ${r.feed}: ${r.opinionItems} inlägg, median ${r.opinionLeadChars} tecken`);
  }
  const whole = rows.filter((r) => r.ok && (r.opinionLeadChars ?? 0) >= TEASER_MAX_CHARS && byId.get(r.feed)?.fetchArticle);
  if (whole.length) out.push('', `Ger hela debattinlägg, fetchArticle behövs inte: ${whole.map((r) => r.feed).join(', ')}`);
  return out;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** `monitor feeds enable ID`: a disabled feed is fetched again at the next poll, its backoff cleared. */
export async function runFeedsEnable(domain: DomainConfig, id: string, opts: { dataDir?: string; aws?: boolean }, write: (s: string) => void): Promise<number> {
  const known = [...domain.liveFeeds, ...domain.sampleFeeds].some((f) => f.id === id);
  const stack = opts.aws ? undefined : await startLocalStack({ domain, dataDir: opts.dataDir ?? '.data', feeds: 'sample', serveSamples: false, outboxDir: 'out/digests' });
  try {
    const store = stack ? stack.deps.stores.feedStates : createDynamoFeedStateStore({ client: createDynamoClient(readRuntimeConfig()), tableName: readRuntimeConfig().tableName });
    const state = await store.get(id);
    if (!state) {
      write(known ? `Flödet ${id} har inget sparat tillstånd: det hämtas vid nästa körning.` : `Okänt flöde: ${id}.`);
      return known ? 0 : 2;
    }
    await store.put({ ...enabled(state, new Date()), version: state.version + 1 }, state.version);
    write(`Flödet ${id} är påslaget igen${state.disabled ? ` (var avstängt: ${state.disabledReason})` : ''} och hämtas vid nästa körning.`);
    return 0;
  } finally {
    await stack?.stop();
  }
}

/**
 * `monitor feeds check --aws`: the deployed pipeline's own view of every feed, read from its table
 * (TABLE_NAME and AWS credentials from the environment); nothing is fetched from here.
 */
async function deployedFeedHealth(domain: DomainConfig, opts: { json?: boolean }, write: (s: string) => void): Promise<number> {
  const runtime = readRuntimeConfig(process.env);
  const client = createDynamoClient(runtime);
  try {
    const states = new Map((await createDynamoFeedStateStore({ client, tableName: runtime.tableName }).all()).map((s) => [s.feedId, s]));
    const now = Date.now();
    const rows = domain.liveFeeds.map((feed) => {
      const s = states.get(feed.id);
      const healthy = !!s && !s.disabled && !!s.lastSuccessAt && now - Date.parse(s.lastSuccessAt) < 24 * 3600_000;
      return {
        feed: feed.id,
        ok: healthy,
        status: !s ? 'never-fetched' : s.disabled ? 'disabled' : s.degraded ? 'degraded' : s.lastStatus,
        items: s?.itemsLastSeen ?? 0,
        lastSuccess: s?.lastSuccessAt ?? null,
        failures: s?.consecutiveFailures ?? 0,
        disabled: s?.disabledReason ?? null,
        degraded: s?.degraded ?? null,
        dropped: s?.dropped ?? null,
        movedTo: s && s.url !== feed.url && s.configHash === feedConfigHash(feed) ? s.url : null,
        error: s?.lastError ?? null,
        municipalities: feed.municipalities,
      };
    });
    if (opts.json) for (const r of rows) write(JSON.stringify(r));
    else {
      write(`${'flöde'.padEnd(24)} ${'status'.padEnd(14)} ${'poster'.padStart(6)}  ${'senast ok'.padEnd(17)} fel`);
      for (const r of rows) {
        write(`${r.feed.padEnd(24)} ${r.status.padEnd(14)} ${String(r.items).padStart(6)}  ${(r.lastSuccess?.slice(0, 16).replace('T', ' ') ?? '–').padEnd(17)} ${r.disabled ? `AVSTÄNGT: ${r.disabled}` : (r.error ?? r.degraded ?? '')}${r.failures ? ` (${r.failures} fel i rad)` : ''}`);
      }
      const towns = new Set(rows.flatMap((r) => r.municipalities));
      const uncovered = [...towns].filter((t) => !rows.some((r) => r.ok && r.municipalities.includes(t)));
      write(`\n${rows.filter((r) => r.ok).length} av ${rows.length} flöden har lyckats det senaste dygnet.${uncovered.length ? ` Utan fungerande lokalt flöde: ${uncovered.join(', ')}.` : ''}`);
    }
    return rows.filter((r) => !r.ok).length ? 1 : 0;
  } finally {
    client.destroy();
  }
}

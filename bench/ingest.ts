/**
 * npm run bench:ingest — on one generated corpus: raw rss-parser.parseString throughput, the full
 * path (decode + parse + normalise + dedup key) throughput, Python feedparser's when Debian's
 * python3-feedparser is installed, and the peak memory of the full path on a 10 MB feed.
 */
import { benchErrors, QUICK } from './support/bench.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { bigFeed, writeCorpus } from './feed-corpus.ts';

// The full path runs as built code (esbuild, minified, like the Lambda bundle), not through the
// TypeScript loader, whose helpers would be counted against it.
const entryBundle = join(import.meta.dirname, '../.bench/ingest-entry.mjs');
await build({ entryPoints: [join(import.meta.dirname, 'ingest-entry.ts')], outfile: entryBundle, bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true, logLevel: 'error', banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } });
const { parseFeedSlices } = (await import(pathToFileURL(entryBundle).href)) as typeof import('./ingest-entry.ts');
// The baseline in its own bundle: rss-parser exactly as published (the full path swaps its snippet helper for a linear one).
const rawBundle = join(import.meta.dirname, '../.bench/ingest-raw-entry.mjs');
await build({ entryPoints: [join(import.meta.dirname, 'ingest-raw-entry.ts')], outfile: rawBundle, bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true, logLevel: 'error', banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } });
const { Parser } = (await import(pathToFileURL(rawBundle).href)) as typeof import('./ingest-raw-entry.ts');

const dir = join(tmpdir(), 'monitor-bench-corpus');
const files = writeCorpus(dir, QUICK ? 4 : 40, QUICK ? 50_000 : 250_000);
const bytes = files.map((f) => readFileSync(f));
const totalMb = bytes.reduce((s, b) => s + b.byteLength, 0) / 1e6;
const ctx = { feedId: 'bench', feedUrl: 'http://bench.example/rss', outlet: 'Bench', kind: 'news' as const };
const now = new Date();

type Path = (b: Buffer) => Promise<number>;

/** Rounds of the two paths alternate, so drift (JIT, GC, a busy neighbour) hits both alike; medians of 7 after a warm-up. */
async function measureBoth(a: Path, b: Path, rounds = QUICK ? 1 : 7) {
  const runs: Array<Array<{ s: number; items: number }>> = [[], []];
  for (let r = 0; r < rounds + 1; r++) {
    for (const [k, fn] of [a, b].entries()) {
      const t = performance.now();
      let items = 0;
      for (const buf of bytes) items += await fn(buf);
      if (r > 0) runs[k]!.push({ s: (performance.now() - t) / 1000, items });
    }
  }
  return runs.map((list) => {
    const mid = [...list].sort((x, y) => x.s - y.s)[Math.floor(list.length / 2)]!;
    return { itemsPerS: mid.items / mid.s, mbPerS: totalMb / mid.s, items: mid.items };
  }) as [{ itemsPerS: number; mbPerS: number; items: number }, { itemsPerS: number; mbPerS: number; items: number }];
}

const [raw, full] = await measureBoth(
  async (b) => (await new Parser({ defaultRSS: 2 }).parseString(b.toString('utf8'))).items.length,
  async (b) => {
    // As fetch-feed reads it: slice by slice.
    let n = 0;
    for await (const slice of parseFeedSlices(b, ctx, { now })) n += slice.ok ? slice.items.length : 0;
    return n;
  },
);

let python: { itemsPerS: number; mbPerS: number } | null = null;
if (!QUICK) try {
  const script = `
import sys, time, feedparser

benchErrors('ingest');
files = sys.argv[1:]
data = [open(f, 'rb').read() for f in files]
for d in data: feedparser.parse(d)
best = None
for _ in range(3):
    t = time.perf_counter(); n = 0
    for d in data: n += len(feedparser.parse(d).entries)
    el = time.perf_counter() - t
    best = el if best is None or el < best else best
print(n, best)`;
  const [n, s] = execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8', timeout: 300_000 }).trim().split(' ').map(Number);
  python = { itemsPerS: n! / s!, mbPerS: totalMb / s! };
} catch {
  python = null;
}

const tenMb = join(dir, 'ten-mb.xml');
writeFileSync(tenMb, bigFeed(10 * 1024 * 1024));
// Measured on an esbuild bundle, as Lambda runs it, not through the TypeScript loader.
const memoryBundle = join(import.meta.dirname, '../.bench/ingest-memory.mjs');
await build({ entryPoints: [join(import.meta.dirname, 'ingest-memory.ts')], outfile: memoryBundle, bundle: true, platform: 'node', format: 'esm', target: 'node24', logLevel: 'error', banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } });
const memory = ['raw', 'full', 'stream']
  .map((mode) => execFileSync(process.execPath, [memoryBundle, tenMb, mode], { encoding: 'utf8' }).trim())
  .join('\n');

// Worst cases: each must end within 2 s with a bounded result (the full path, as fetch-feed reads it).
const hostile: Array<[string, string]> = [
  ['200 KB title of "<", "&" and spaces', `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title><![CDATA[${'< & '.repeat(50_000)}]]></title><link>https://a.example/1</link></item></channel></rss>`],
  ['200 KB title of "<" alone (raw text)', `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>${'&lt;'.repeat(50_000)}</title><link>https://a.example/1</link><description>${'&lt;'.repeat(50_000)}</description></item></channel></rss>`],
  ['100,000-item feed', `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${Array.from({ length: 100_000 }, (_, i) => `<item><title>Nyhet ${i}</title><link>https://a.example/${i}</link></item>`).join('')}</channel></rss>`],
  ['nesting 10,000 deep', `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Djup</title><link>https://a.example/d</link><description>${'<b>'.repeat(10_000)}x${'</b>'.repeat(10_000)}</description></item></channel></rss>`],
  // A run of unclosed openers before the root: each used to rescan to the end (quadratic); one pass now.
  ['10 MB of unclosed "<!--" before the root', `junk ${'<!--'.repeat(2_500_000)}<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://a.example/a</link></item></channel></rss>`],
  ['10 MB of unclosed "<!DOCTYPE ["', `<?xml version="1.0"?>${'<!DOCTYPE ['.repeat(900_000)}<rss version="2.0"><channel><title>T</title></channel></rss>`],
  ['300 KB category, 250 KB link, 1.1 MB category', `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://a.example/a</link><category>${'x'.repeat(300_000)}</category></item><item><title>B</title><link>https://a.example/${'y'.repeat(250_000)}</link></item><item><title>C</title><link>https://a.example/c</link><category>${'z'.repeat(1_100_000)}</category></item><item><title>D</title><link>https://a.example/d</link></item></channel></rss>`],
];
const worst: string[] = [];
for (const [name, xml] of hostile) {
  const t = performance.now();
  let kept = 0;
  let result = 'ok';
  let longest = 0;
  for await (const slice of parseFeedSlices(Buffer.from(xml), ctx, { now })) {
    if (!slice.ok) result = `${slice.kind}: ${slice.error}`;
    else for (const it of slice.items) (kept++, (longest = Math.max(longest, it.title.length + it.summary.length + it.categories.join('').length)));
  }
  const ms = performance.now() - t;
  worst.push(`  ${name.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms  ${result === 'ok' ? `${kept} items kept, longest item text ${longest} chars` : result}  ${ms < 2000 ? '(< 2 s)' : 'OVER 2 s'}`);
}

const fmt = (x: { itemsPerS: number; mbPerS: number }) => `${Math.round(x.itemsPerS).toLocaleString('sv-SE').padStart(9)} items/s ${x.mbPerS.toFixed(1).padStart(6)} MB/s`;
console.log(`corpus: ${files.length} generated RSS feeds, ${totalMb.toFixed(1)} MB, ${full.items} items (${dir})`);
console.log(`raw rss-parser.parseString      ${fmt(raw)}`);
console.log(`full path (decode+parse+norm+id) ${fmt(full)}   ${(full.itemsPerS / raw.itemsPerS).toFixed(2)}× raw (target >= 0.8)`);
if (python) console.log(`Python feedparser (Debian)      ${fmt(python)}   full path is ${(full.itemsPerS / python.itemsPerS).toFixed(1)}× feedparser (target >= 4)`);
else console.log('Python feedparser: not installed (apt-get install python3-feedparser to compare)');
console.log(memory);
console.log('worst cases (full path):');
for (const w of worst) console.log(w);

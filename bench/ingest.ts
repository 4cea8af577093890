/**
 * npm run bench:ingest — on one generated corpus: raw rss-parser.parseString throughput, the full
 * path (decode + parse + normalise + dedup key) throughput, Python feedparser's when Debian's
 * python3-feedparser is installed, and the peak memory of the full path on a 10 MB feed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Parser from 'rss-parser';
import { build } from 'esbuild';
import { parseFeed } from '../shared/domain/feed/parse.ts';
import { bigFeed, writeCorpus } from './feed-corpus.ts';

const dir = join(tmpdir(), 'monitor-bench-corpus');
const files = writeCorpus(dir, 40, 250_000);
const bytes = files.map((f) => readFileSync(f));
const totalMb = bytes.reduce((s, b) => s + b.byteLength, 0) / 1e6;
const ctx = { feedId: 'bench', feedUrl: 'http://bench.example/rss', outlet: 'Bench', kind: 'news' as const };
const now = new Date();

async function measure(fn: (b: Buffer) => Promise<number>, rounds = 5) {
  const runs: Array<{ s: number; items: number }> = [];
  for (let r = 0; r < rounds + 1; r++) {
    const t = performance.now();
    let items = 0;
    for (const b of bytes) items += await fn(b);
    if (r > 0) runs.push({ s: (performance.now() - t) / 1000, items }); // first round warms up
  }
  runs.sort((a, b) => a.s - b.s);
  const mid = runs[Math.floor(runs.length / 2)]!;
  return { itemsPerS: mid.items / mid.s, mbPerS: totalMb / mid.s, items: mid.items };
}

const raw = await measure(async (b) => (await new Parser({ defaultRSS: 2 }).parseString(b.toString('utf8'))).items.length);
const full = await measure(async (b) => {
  const r = await parseFeed(b, ctx, { now });
  return r.ok ? r.items.length : 0;
});

let python: { itemsPerS: number; mbPerS: number } | null = null;
try {
  const script = `
import sys, time, feedparser
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

const fmt = (x: { itemsPerS: number; mbPerS: number }) => `${Math.round(x.itemsPerS).toLocaleString('sv-SE').padStart(9)} items/s ${x.mbPerS.toFixed(1).padStart(6)} MB/s`;
console.log(`corpus: ${files.length} generated RSS feeds, ${totalMb.toFixed(1)} MB, ${full.items} items (${dir})`);
console.log(`raw rss-parser.parseString      ${fmt(raw)}`);
console.log(`full path (decode+parse+norm+id) ${fmt(full)}   ${(full.itemsPerS / raw.itemsPerS).toFixed(2)}× raw (target >= 0.8)`);
if (python) console.log(`Python feedparser (Debian)      ${fmt(python)}   full path is ${(full.itemsPerS / python.itemsPerS).toFixed(1)}× feedparser (target >= 4)`);
else console.log('Python feedparser: not installed (apt-get install python3-feedparser to compare)');
console.log(memory);

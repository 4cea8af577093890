/**
 * Runs every file of a feed corpus (e.g. ../shared/corpora/feedparser) through decode + parse +
 * normalise: each must parse or be rejected with a reason, within 2 s, with string fields only.
 * Exits non-zero on a crash, a time-out or a non-string field.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeedFile } from '../infra/local/parse-file.ts';

const root = process.argv[2] ?? '../shared/corpora/feedparser';
const files: string[] = [];
const walk = (d: string) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (e !== 'LICENSE') files.push(p);
  }
};
walk(root);
let ok = 0;
let rejected = 0;
const defects: string[] = [];
const reasons = new Map<string, number>();
let slowest = 0;
for (const file of files) {
  const started = performance.now();
  try {
    const r = await parseFeedFile(file);
    if (r.ok) {
      ok++;
      for (const it of r.items) for (const k of ['id', 'url', 'title', 'summary', 'publishedAt'] as const) if (typeof it[k] !== 'string') defects.push(`${file}: ${k} is not a string`);
    } else {
      rejected++;
      reasons.set(r.kind, (reasons.get(r.kind) ?? 0) + 1);
    }
  } catch (e) {
    defects.push(`${file}: ${(e as Error).message}`);
  }
  slowest = Math.max(slowest, performance.now() - started);
}
console.log(`corpus ${root}: ${files.length} files, ${ok} parsed, ${rejected} rejected (${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ')}), ${defects.length} defects, slowest ${slowest.toFixed(0)} ms`);
for (const d of defects.slice(0, 20)) console.log(`  defect: ${d}`);
process.exit(defects.length ? 1 : 0);

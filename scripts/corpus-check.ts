/**
 * Runs every file of a feed corpus (e.g. ../shared/corpora/feedparser) through decode + parse +
 * normalise: each must parse or be rejected with a reason, within 2 s, with string fields only,
 * one-line titles and http(s) links. For a corpus of real feeds (../shared/corpora/swedish-feeds)
 * it also checks, per file, the items kept against what a careful reader keeps: the counts the
 * corpus README states, and for every other file each complete item with an http(s) link.
 * Exits non-zero on a crash, a time-out, a defect or a count that differs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseFeedFile } from '../cli/parse-file.ts';
import { decodeFeed } from '../shared/domain/feed/decode.ts';

const root = process.argv[2] ?? '../shared/corpora/feedparser';
/** Stated in the corpus README (swedish-feeds): items a lenient, safe reader keeps; null = refused (not a feed). */
const STATED: Record<string, number | null> = {
  'dn-20240223.xml': 95,
  'dn-20240401.xml': 87,
  'dn-20240615.xml': 94,
  'svd-20240223.xml': 41,
  'svd-20240401.xml': 41,
  'svd-20240615.xml': 46,
  'xml-google.xml': 27,
  'root-test.xml': null,
  'xml-test.xml': null,
};
const realFeeds = basename(root.replace(/\/+$/, '')) === 'swedish-feeds';

const files: string[] = [];
const walk = (d: string) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (e !== 'LICENSE' && e !== 'README.md') files.push(p);
  }
};
walk(root);

/** An independent count: complete <item>/<entry> elements with a distinct http(s) link. */
function completeItems(file: string): number {
  const xml = decodeFeed(readFileSync(file)).text;
  const links = new Set<string>();
  for (const m of xml.matchAll(/<(item|entry)[\s>][\s\S]*?<\/\1>/g)) {
    const body = m[0];
    const link = (body.match(/<link[^>]*href=["']([^"']+)["']/)?.[1] ?? body.match(/<link>\s*(?:<!\[CDATA\[)?\s*([^<\]]+?)\s*(?:\]\]>)?\s*<\/link>/)?.[1] ?? '').replace(/&amp;/g, '&');
    if (/^https?:\/\//i.test(link)) links.add(link);
  }
  return links.size;
}

let ok = 0;
let rejected = 0;
const defects: string[] = [];
const reasons = new Map<string, number>();
const rows: string[] = [];
let slowest = 0;
let degraded = 0;
for (const file of files) {
  const started = performance.now();
  const name = basename(file);
  try {
    const r = await parseFeedFile(file);
    if (r.ok) {
      ok++;
      if (r.degraded) degraded++;
      for (const it of r.items) {
        for (const k of ['id', 'url', 'title', 'summary', 'publishedAt'] as const) if (typeof it[k] !== 'string') defects.push(`${file}: ${k} is not a string`);
        if (/[\n\r]/.test(it.title)) defects.push(`${file}: a title with a line break: ${JSON.stringify(it.title.slice(0, 80))}`);
        if (!/^https?:\/\//.test(it.url)) defects.push(`${file}: a link that is not http(s): ${it.url.slice(0, 80)}`);
      }
    } else {
      rejected++;
      reasons.set(r.kind, (reasons.get(r.kind) ?? 0) + 1);
    }
    if (realFeeds) {
      const expected = name in STATED ? STATED[name]! : completeItems(file);
      const got = r.ok ? r.items.length : null;
      const pass = got === expected;
      rows.push(`  ${pass ? 'ok  ' : 'FAIL'} ${name.padEnd(26)} kept ${got ?? 'refused'}${pass ? '' : `, expected ${expected ?? 'refused'}`}${r.ok && r.degraded ? `  (degraded: ${r.degraded.slice(0, 90)})` : ''}`);
      if (!pass) defects.push(`${file}: kept ${got ?? 'refused'}, a careful reader keeps ${expected ?? 'refused'}`);
    }
  } catch (e) {
    defects.push(`${file}: ${(e as Error).message}`);
  }
  slowest = Math.max(slowest, performance.now() - started);
}
for (const row of rows) console.log(row);
console.log(
  `corpus ${root}: ${files.length} files, ${ok} parsed (${degraded} recovered as degraded), ${rejected} rejected (${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ')}), ${defects.length} defects, slowest ${slowest.toFixed(0)} ms`,
);
for (const d of defects.slice(0, 20)) console.log(`  defect: ${d}`);
process.exit(defects.length ? 1 : 0);

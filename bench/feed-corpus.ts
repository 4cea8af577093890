/** A generated corpus of realistic Swedish RSS feeds, written from the bundled sample items. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feed } from '../shared/domain/types.ts';
import { loadSampleFiles, renderSampleFeed, type SampleFile } from '../infra/local/feed-server.ts';

/** A feed of about `targetBytes`, its items varied copies of the sample items. */
export function bigFeed(targetBytes: number, seed = 0): string {
  const samples = loadSampleFiles();
  const all = samples.flatMap((s) => s.items);
  const items: SampleFile['items'] = [];
  const feed: Feed = { id: 'bench', url: 'http://bench.example/rss', outlet: 'Bench', kind: 'news', municipalities: [], language: 'sv', verified: true, format: 'rss' };
  let xml = '';
  for (let i = 0; xml.length < targetBytes; i += 50) {
    for (let j = 0; j < 50; j++) {
      const base = all[(i + j + seed) % all.length]!;
      items.push({ ...base, title: `${base.title} (${i + j})`, path: `${base.path}-${seed}-${i + j}`, summary: `${base.summary} ${base.summary}` });
    }
    xml = renderSampleFeed(feed, { title: 'Bench', site: 'http://bench.example/', items }, new Date('2026-11-27T08:00:00Z'));
  }
  return xml;
}

/** Writes `count` feeds of about `bytesEach` to `dir`; returns their paths. */
export function writeCorpus(dir: string, count: number, bytesEach: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `feed-${i}.xml`);
    writeFileSync(path, bigFeed(bytesEach, i * 7));
    return path;
  });
}

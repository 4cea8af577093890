/** Peak RSS on one 10 MB feed file, in a fresh process so nothing else counts: `raw` rss-parser, the `full` path collecting every item, or the `stream` fetch-feed uses. */
import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';
import { parseFeed, parseFeedSlices } from '../shared/domain/feed/parse.ts';

const [file, mode = 'full'] = process.argv.slice(2);
const xml = readFileSync(file!);
const before = process.resourceUsage().maxRSS / 1024;
let items = 0;
const ctx = { feedId: 'm', feedUrl: 'http://bench.example/rss', outlet: 'm', kind: 'news' as const };
if (mode === 'raw') items = (await new Parser({ defaultRSS: 2 }).parseString(xml.toString('utf8'))).items.length;
else if (mode === 'stream') {
  // As fetch-feed consumes it: a slice at a time, each let go after use.
  for await (const slice of parseFeedSlices(xml, ctx, { now: new Date() })) items += slice.ok ? slice.items.length : 0;
} else {
  const r = await parseFeed(xml, ctx, { now: new Date() });
  items = r.ok ? r.items.length : 0;
}
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`10 MB feed, ${mode.padEnd(6)} (${(xml.byteLength / 1e6).toFixed(1)} MB, ${items} items): peak RSS ${peak.toFixed(0)} MB, ${(peak - before).toFixed(0)} MB above the ${before.toFixed(0)} MB process (target < 200 MB)`);

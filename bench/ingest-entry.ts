/** The ingest path and rss-parser as fetch-feed's bundle has them, so bench:ingest compares built code with built code. */
export { parseFeedSlices } from '../shared/domain/feed/parse.ts';
export { default as Parser } from 'rss-parser';

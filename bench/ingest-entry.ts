/** The ingest path as fetch-feed's bundle has it, so bench:ingest compares built code with built code. */
export { parseFeedSlices } from '../shared/domain/feed/parse.ts';

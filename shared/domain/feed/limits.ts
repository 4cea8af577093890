/** The bounds every feed read keeps: field caps, items per feed, nesting depth, and what was dropped. */

/** Longest summary carried in a queue message; the classifier reads the lead, not the whole text. */
export const MAX_SUMMARY_CHARS = 4000;
/** Per-field caps: no field of one item can make its message undeliverable. */
export const FIELD_LIMITS = { title: 500, summary: MAX_SUMMARY_CHARS, link: 2048, author: 200, category: 100, categories: 20 } as const;
/**
 * Items kept per feed and fetch, in document order (feeds list the newest first). A busy news feed
 * carries 20–100 items; 500 covers a day of the busiest with room to spare, and keeps a 10 MB feed
 * of 100,000 items from flooding the table and the queue.
 */
export const MAX_ITEMS_PER_FEED = 500;

/** Items left out of a feed, by reason, so a feed's health shows what it lost. */
export interface DropCounts {
  nonHttpLink: number;
  linkTooLong: number;
  noText: number;
  pastItemCap: number;
}
export const noDrops = (): DropCounts => ({ nonHttpLink: 0, linkTooLong: 0, noText: 0, pastItemCap: 0 });

/** Elements nested deeper than this are no feed (a feed item is five or six levels deep). */
export const MAX_DEPTH = 256;

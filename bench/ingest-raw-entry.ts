/** rss-parser as published, in a bundle of its own: the baseline keeps its own snippet helper (the full path replaces it). */
export { default as Parser } from 'rss-parser';

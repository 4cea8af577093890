/**
 * The writer as the feed names them (its own module: the opinion reader uses it without the parser).
 * RSS 2.0's <author> is "e-post (Namn)": the name is kept, and an
 * address alone is no name to show a reader.
 */
export function authorOfFeed(raw: string): string | undefined {
  const a = raw.trim();
  const named = /^[^\s@()]+@[^\s()]+\s*\(([^()]+)\)$/u.exec(a);
  if (named) return named[1]!.trim() || undefined;
  if (/^[^\s@]+@[^\s@]+$/u.test(a)) return undefined;
  return a || undefined;
}

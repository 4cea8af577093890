/** An article's address read as the paper built it: its path's folders, lower case. Pure. */
export function pathSegments(url?: string): string[] {
  if (!url) return [];
  try {
    return new URL(url).pathname.toLowerCase().split('/').filter(Boolean);
  } catch {
    return [];
  }
}

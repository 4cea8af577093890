/** Feed dates to ISO UTC: RFC 822, ISO 8601 and Swedish month names, with missing or future dates recorded. */
import { DateTime } from 'luxon';

const SV_MONTHS: Record<string, number> = {
  jan: 1, januari: 1, feb: 2, februari: 2, mar: 3, mars: 3, apr: 4, april: 4, maj: 5, jun: 6, juni: 6,
  jul: 7, juli: 7, aug: 8, augusti: 8, sep: 9, sept: 9, september: 9, okt: 10, oktober: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const ZONE = 'Europe/Stockholm';
/** A date this far ahead of the fetch is a publisher's clock error, not a scheduled article. */
const FUTURE_TOLERANCE_MS = 6 * 3600_000;

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const RFC_822 = /^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|UT|Z)$/;

export interface ParsedDate {
  iso: string;
  estimated: boolean;
  problem?: 'missing' | 'unparseable' | 'future';
}

export function parseFeedDate(raw: string | undefined | null, now: Date): ParsedDate {
  const fallback = (problem: ParsedDate['problem']): ParsedDate => ({ iso: now.toISOString(), estimated: true, problem });
  if (!raw || !raw.trim()) return fallback('missing');
  const s = raw.trim();
  // rss-parser's isoDate is already in toISOString's form: only the future check is left.
  if (ISO_UTC_MS.test(s)) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) return ms > now.getTime() + FUTURE_TOLERANCE_MS ? fallback('future') : { iso: s, estimated: false };
  }
  // Fast path for the two formats nearly every feed uses; Date.parse reads both exactly.
  if (ISO_8601.test(s) || RFC_822.test(s)) {
    const ms = Date.parse(s);
    // Already in toISOString's form (rss-parser's isoDate): no need to format it again.
    if (!Number.isNaN(ms)) return ms > now.getTime() + FUTURE_TOLERANCE_MS ? fallback('future') : { iso: ISO_UTC_MS.test(s) ? s : new Date(ms).toISOString(), estimated: false };
  }
  let dt: DateTime = DateTime.fromRFC2822(s, { setZone: true });
  if (!dt.isValid) dt = DateTime.fromISO(s, { zone: ZONE });
  if (!dt.isValid) dt = DateTime.fromHTTP(s);
  if (!dt.isValid) dt = swedish(s);
  if (!dt.isValid) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) dt = DateTime.fromMillis(ms);
  }
  if (!dt.isValid) return fallback('unparseable');
  const ms = dt.toMillis();
  if (ms > now.getTime() + FUTURE_TOLERANCE_MS) return fallback('future');
  return { iso: new Date(ms).toISOString(), estimated: false };
}

/** "27 november 2026 08:15", "27 nov. 2026", "mån 27 nov 2026 kl. 08.15" (Stockholm time). */
function swedish(s: string): DateTime {
  const m = s.toLowerCase().match(/(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})(?:[^\d]+(\d{1,2})[.:](\d{2}))?/u);
  if (!m) return DateTime.invalid('no match');
  const month = SV_MONTHS[m[2]!];
  if (!month) return DateTime.invalid('month');
  return DateTime.fromObject(
    { year: Number(m[3]), month, day: Number(m[1]), hour: m[4] ? Number(m[4]) : 0, minute: m[5] ? Number(m[5]) : 0 },
    { zone: ZONE },
  );
}

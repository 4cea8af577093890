/** ISO weeks in Europe/Stockholm: the digest's unit of time. */
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Stockholm';

export function isoWeekOf(date: Date | string): string {
  const dt = typeof date === 'string' ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.fromJSDate(date);
  const local = dt.setZone(ZONE);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

export function parseIsoWeek(week: string): { start: Date; end: Date } {
  const m = week.match(/^(\d{4})-W(\d{2})$/);
  if (!m) throw new Error(`not an ISO week: ${week} (expected e.g. 2026-W48)`);
  const start = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone: ZONE }).startOf('day');
  if (!start.isValid) throw new Error(`not an ISO week: ${week}`);
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

export function previousWeek(week: string): string {
  return isoWeekOf(new Date(parseIsoWeek(week).start.getTime() - 24 * 3600_000));
}

/** The week a digest sent at `now` covers: the last complete week (a Monday digest reports on the week before). */
export function digestWeekFor(now: Date): string {
  return previousWeek(isoWeekOf(now));
}

/**
 * The week the next weekly letter will cover: the running week, which the letter of the coming
 * Monday 07:00 (Stockholm) reports on; on a Monday before 07:00 that letter is today's, on last week.
 */
export function nextLetterWeek(now: Date): string {
  const local = DateTime.fromJSDate(now).setZone(ZONE);
  return local.weekday === 1 && local.hour < 7 ? previousWeek(isoWeekOf(now)) : isoWeekOf(now);
}

export function formatSwedishDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(ZONE).setLocale('sv').toFormat('d MMM');
}

/** "23–29 november 2026": the days a week covers, for headings. */
export function weekSpan(week: string): string {
  const { start } = parseIsoWeek(week);
  const first = DateTime.fromJSDate(start).setZone(ZONE).setLocale('sv');
  const last = first.plus({ days: 6 });
  return first.month === last.month ? `${first.day}–${last.toFormat('d MMMM yyyy')}` : `${first.toFormat('d MMMM')} – ${last.toFormat('d MMMM yyyy')}`;
}

/** `monitor debates`: open opinion pieces worth a reply (reads the relevant index only). */
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { plural, withStores, type StoreOptions, type Write } from './compose.ts';
import { debateRows } from '#shared/domain/debate.ts';
import { GENRE_LABELS } from '#shared/domain/digest/build.ts';
import { formatSwedishDate, isoWeekOf } from '#shared/domain/week.ts';
import { UserError } from '#shared/user-error.ts';

/**
 * `monitor debates`: opinion pieces about a member town or the network's themes (the relevant
 * index), each with its reply-by date; replies to the network first, then the open ones.
 */
export async function debates(domain: DomainConfig, opts: StoreOptions & { open?: boolean; since?: string; format?: 'table' | 'json' }, write: Write): Promise<number> {
  const now = new Date();
  if (opts.since && !/^\d{4}-\d{2}-\d{2}$/.test(opts.since)) throw new UserError(`--since tar ett datum som 2026-11-01, inte "${opts.since}"`);
  const since = opts.since ? new Date(`${opts.since}T00:00:00Z`) : new Date(now.getTime() - 14 * 86400_000);
  if (Number.isNaN(since.getTime())) throw new UserError(`--since: ogiltigt datum ${opts.since}`);
  const rows = await withStores(domain, opts, async (d) => {
    const weeks = new Set<string>();
    for (let t = since.getTime(); t <= now.getTime() + 7 * 86400_000; t += 7 * 86400_000) weeks.add(isoWeekOf(new Date(Math.min(t, now.getTime()))));
    const entries = [];
    for (const week of weeks) entries.push(...(await d.stores.articles.relevantByWeek(week)).entries);
    return debateRows(entries, { now, since, openOnly: opts.open });
  });
  if (opts.format === 'json') {
    // The contract's keys exactly: the opinion facts are for the web page.
    for (const { opinion: _opinion, ...r } of rows) write(JSON.stringify(r));
    return 0;
  }
  for (const r of rows) {
    const flag = r.repliesToNetwork ? 'SVAR TILL NÄTVERKET ' : '';
    write(`${r.open ? `svara senast ${formatSwedishDate(r.replyBy)}`.padEnd(21) : 'stängd'.padEnd(21)} ${GENRE_LABELS[r.genre].padEnd(10)} ${r.outlet.padEnd(26)} ${flag}${r.title}`);
  }
  write(`${plural(rows.length, 'inlägg', 'inlägg')}${opts.open ? ' öppna för replik' : ''} sedan ${since.toISOString().slice(0, 10)}.`);
  return 0;
}

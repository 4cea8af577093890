/** `monitor coverage`: how the media picked up the network's statements (reads the stores only). */
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { plural, withStores, type StoreOptions, type Write } from './compose.ts';
import { APP_NAME } from '#shared/wiring/common.ts';
import { stockholmDate } from '#shared/domain/statement.ts';
import { buildCoverageReport, coverageJson, renderCoverageCsv, renderCoverageHtml } from '#shared/domain/coverage/report.ts';
import { GENRE_LABELS } from '#shared/domain/digest/build.ts';
import { UserError } from '#shared/user-error.ts';

/**
 * `monitor coverage`: each statement's own publications, media uptake, outlets and the 18-town
 * table. JSON (one object per statement and line), CSV for Swedish Excel, HTML, or a table.
 */
export async function coverage(domain: DomainConfig, opts: StoreOptions & { statement?: string; since?: string; format?: 'json' | 'csv' | 'html' | 'table' }, write: Write): Promise<number> {
  if (opts.since && !/^\d{4}-\d{2}-\d{2}$/.test(opts.since)) throw new UserError(`--since tar ett datum som 2026-11-01, inte "${opts.since}"`);
  const ctx = { members: domain.municipalities.municipalities.map((m) => m.name), feeds: [...domain.liveFeeds, ...domain.sampleFeeds], networkDomains: domain.network.domains };
  const reports = await withStores(domain, opts, async (d) => {
    const stored = await d.stores.statements.list();
    const all = [...new Map([...domain.statements, ...stored].map((s) => [s.id, s])).values()];
    const statements = all.filter((s) => !opts.statement || s.id === opts.statement).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    if (opts.statement && !statements.length) throw new UserError(`inget utspel med id ${opts.statement} (finns: ${all.map((s) => s.id).join(', ') || 'inga'})`);
    const out = [];
    for (const s of statements) {
      const links = (await d.stores.statements.coverage(s.id)).filter((l) => !opts.since || stockholmDate(l.publishedAt) >= opts.since);
      // Links made before the feeds were recorded on them: the stored article knows.
      const withSources = await Promise.all(links.map(async (l) => (l.sources ? l : { ...l, sources: (await d.stores.articles.get(l.articleId))?.sources ?? [] })));
      out.push(buildCoverageReport(s, withSources, ctx));
    }
    return out;
  });
  if (opts.format === 'json') for (const r of reports) write(coverageJson(r));
  else if (opts.format === 'csv') write(renderCoverageCsv(reports).replace(/\r\n$/, ''));
  else if (opts.format === 'html') write(renderCoverageHtml(reports, { appName: APP_NAME, now: new Date() }));
  else {
    for (const r of reports) {
      write(`${r.statement.id} (${r.statement.date}–${r.statement.until}): ${r.statement.title}`);
      for (const a of r.uptake) write(`  ${stockholmDate(a.publishedAt)}  ${a.outlet.padEnd(28)} ${GENRE_LABELS[a.genre as keyof typeof GENRE_LABELS]?.padEnd(11) ?? a.genre} ${a.title}`);
      for (const a of r.own) write(`  ${stockholmDate(a.publishedAt)}  ${'(eget) '.padEnd(28)} ${a.outlet}: ${a.title}`);
      const missed = r.towns.filter((t) => !t.reached).map((t) => t.name);
      write(`  ${plural(r.uptake.length, 'artikel', 'artiklar')} i ${plural(r.outlets.length, 'medium', 'medier')}, ${r.own.length} egna; lokala medier i ${r.towns.length - missed.length} av ${r.towns.length} medlemskommuner${missed.length ? ` (inte: ${missed.join(', ')})` : ''}.`);
    }
    if (!reports.length) write('Inga utspel registrerade.');
  }
  return 0;
}

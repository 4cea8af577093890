/**
 * A statement's coverage for the secretariat: the network's own publications apart from media
 * uptake, the outlets that carried it, and for each of the 18 members whether the town's own
 * outlets (the feed registry says which feeds serve which towns) did. Exports: JSON, CSV for
 * Swedish Excel, HTML with a per-day timeline (inline SVG). Pure.
 */
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { isOwnPublication } from '../debate.ts';
import { GENRE_LABELS } from '../digest/build.ts';
import { escapeHtml, safeHref } from '../digest/render.ts';
import { statementWindow, stockholmDate } from '../statement.ts';
import type { Feed, Genre, Statement } from '../types.ts';
import { ZONE } from '../week.ts';

export interface CoverageLink {
  statementId: string;
  articleId: string;
  publishedAt: string;
  score: number;
  outlet: string;
  title: string;
  url: string;
  genre: string;
  municipalities: string[];
  /** The network's own publication (its site, a spokesperson's piece): listed as own, not uptake. */
  own?: boolean;
  /** Why it is the statement (the evidence rule's cues, with the words matched). */
  evidence?: string[];
  /** The feeds the article was seen in when linked (the registry says which towns they serve). */
  sources?: string[];
}

export interface CoverageArticle {
  id: string;
  title: string;
  url: string;
  outlet: string;
  publishedAt: string;
  genre: string;
  municipalities: string[];
  evidence: string[];
}

export interface TownReach {
  name: string;
  reached: boolean;
  outlets: string[];
}

export interface CoverageReport {
  statement: Statement & { until: string };
  own: CoverageArticle[];
  uptake: CoverageArticle[];
  outlets: string[];
  towns: TownReach[];
}

export interface CoverageContext {
  /** The 18 members, in config order. */
  members: readonly string[];
  /** The feed registry (live and sample): which feeds and outlets serve which towns. */
  feeds: readonly Pick<Feed, 'id' | 'outlet' | 'municipalities'>[];
  networkDomains: readonly string[];
}

const sv = (a: string, b: string) => a.localeCompare(b, 'sv');

export function buildCoverageReport(statement: Statement, links: readonly CoverageLink[], ctx: CoverageContext): CoverageReport {
  const spokespeople = statement.people;
  const own: CoverageArticle[] = [];
  const uptake: Array<CoverageArticle & { sources: string[] }> = [];
  for (const l of [...links].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.articleId.localeCompare(b.articleId))) {
    const article: CoverageArticle = { id: l.articleId, title: l.title, url: l.url, outlet: l.outlet, publishedAt: l.publishedAt, genre: l.genre, municipalities: l.municipalities, evidence: l.evidence ?? [] };
    // Links from before `own` was stored: decided again from what the link holds.
    const isOwn = l.own ?? isOwnPublication({ url: l.url, title: l.title, text: '', networkDomains: ctx.networkDomains, spokespeople });
    if (isOwn) own.push(article);
    else uptake.push({ ...article, sources: l.sources ?? [] });
  }
  // A town is reached through the registry's feeds that carried the piece, never through an outlet
  // name (a feed could name any outlet); what is listed per town is those feeds' outlets.
  const feedsById = new Map(ctx.feeds.map((f) => [f.id, f]));
  const reach = new Map<string, Set<string>>(ctx.members.map((m) => [m, new Set<string>()]));
  for (const a of uptake) {
    for (const id of a.sources) {
      const feed = feedsById.get(id);
      for (const t of feed?.municipalities ?? []) reach.get(t)?.add(feed!.outlet);
    }
    // A piece about the town reaches it wherever it ran.
    for (const t of a.municipalities) reach.get(t)?.add(a.outlet);
  }
  return {
    statement: { ...statement, until: statementWindow(statement).until },
    own,
    uptake: uptake.map(({ sources: _s, ...a }) => a),
    outlets: [...new Set(uptake.map((a) => a.outlet))].sort(sv),
    towns: ctx.members.map((name) => ({ name, reached: reach.get(name)!.size > 0, outlets: [...reach.get(name)!].sort(sv) })),
  };
}

/** The contract of `monitor coverage --format json`: exactly these keys. */
export const coverageJson = (r: CoverageReport) => JSON.stringify({ statement: r.statement, own: r.own, uptake: r.uptake, outlets: r.outlets, towns: r.towns });

const genreLabel = (g: string) => GENRE_LABELS[g as Genre] ?? g;
const localDay = (iso: string) => stockholmDate(iso);

export const COVERAGE_CSV_HEADER = ['Utspel', 'Typ', 'Datum', 'Medium', 'Rubrik', 'Genre', 'Kommuner', 'Belägg', 'Länk'];

/**
 * CSV for a spreadsheet in Swedish locale: `;` between cells (`,` is the decimal sign there), a
 * UTF-8 BOM so å/ä/ö open right, Swedish headers and genre names, and cells that would start a
 * formula (= + - @, tab, CR) neutralised: titles come from the web.
 */
export function renderCoverageCsv(reports: readonly CoverageReport[]): string {
  const rows: string[][] = [COVERAGE_CSV_HEADER];
  for (const r of reports) {
    for (const [kind, list] of [['Eget', r.own], ['Genomslag', r.uptake]] as const) {
      for (const a of list) rows.push([r.statement.id, kind, localDay(a.publishedAt), a.outlet, a.title, genreLabel(a.genre), a.municipalities.join(', '), a.evidence.join('; '), a.url]);
    }
    // The 18-town table too, one row per member: reached or not, and through which media.
    for (const t of r.towns) rows.push([r.statement.id, t.reached ? 'Kommun nådd' : 'Kommun ej nådd', '', t.outlets.join(', '), '', '', t.name, '', '']);
  }
  return `\uFEFF${stringify(rows, { delimiter: ';', escape_formulas: true, record_delimiter: 'windows' })}`;
}

/** Articles per Stockholm day over the window (to today at most), as inline SVG bars. */
export function timelineSvg(r: CoverageReport, now: Date): string {
  const from = DateTime.fromISO(r.statement.date, { zone: ZONE });
  const lastDay = [r.statement.until, DateTime.fromJSDate(now).setZone(ZONE).toISODate()!].sort()[0]!;
  const days: string[] = [];
  for (let d = from; d.toISODate()! <= lastDay && days.length < 400; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  if (!days.length) days.push(r.statement.date);
  const count = (list: readonly CoverageArticle[], day: string) => list.filter((a) => localDay(a.publishedAt) === day).length;
  const max = Math.max(1, ...days.map((d) => count(r.uptake, d) + count(r.own, d)));
  const w = 14;
  const h = 80;
  const bars = days
    .map((day, i) => {
      const up = count(r.uptake, day);
      const ow = count(r.own, day);
      const uh = Math.round((up / max) * h);
      const oh = Math.round((ow / max) * h);
      const label = `${day}: ${up} i medierna${ow ? `, ${ow} egna` : ''}`;
      return `<g><title>${escapeHtml(label)}</title>${up ? `<rect x="${i * w}" y="${h - uh}" width="${w - 2}" height="${uh}" fill="#1f5f8b"/>` : ''}${ow ? `<rect x="${i * w}" y="${h - uh - oh}" width="${w - 2}" height="${oh}" fill="#b0b7bf"/>` : ''}</g>`;
    })
    .join('');
  const width = days.length * w;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Artiklar per dag ${escapeHtml(days[0]!)} till ${escapeHtml(days.at(-1)!)}, högst ${max} en dag" viewBox="0 0 ${width} ${h + 16}" width="${width}" height="${h + 16}" class="timeline"><line x1="0" y1="${h}" x2="${width}" y2="${h}" stroke="#888"/>${bars}<text x="0" y="${h + 13}" font-size="10">${escapeHtml(days[0]!)}</text><text x="${width}" y="${h + 13}" font-size="10" text-anchor="end">${escapeHtml(days.at(-1)!)}</text></svg>`;
}

function articleTable(list: readonly CoverageArticle[]): string {
  if (!list.length) return '<p>Inga.</p>';
  const rows = list
    .map((a) => {
      const href = safeHref(a.url);
      const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(a.title)}</a>` : escapeHtml(a.title);
      return `<tr><td>${escapeHtml(localDay(a.publishedAt))}</td><td>${escapeHtml(a.outlet)}</td><td>${title}</td><td>${escapeHtml(genreLabel(a.genre))}</td><td>${escapeHtml(a.evidence.join('; '))}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th scope="col">Datum</th><th scope="col">Medium</th><th scope="col">Rubrik</th><th scope="col">Genre</th><th scope="col">Belägg</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The timeline's and legend's look, by class: the web app's CSP allows no inline styles. */
export const COVERAGE_CSS = 'svg.timeline{max-width:100%;height:auto}.legend{font-size:.85rem;color:#555}.legend .uptake{color:#1f5f8b}.legend .own{color:#b0b7bf}';

export function renderCoverageSection(r: CoverageReport, now: Date): string {
  const s = r.statement;
  const reached = r.towns.filter((t) => t.reached).length;
  const link = s.url && safeHref(s.url) ? ` <a href="${escapeHtml(safeHref(s.url)!)}">utspelet</a>` : '';
  const towns = r.towns
    .map((t) => `<tr><th scope="row">${escapeHtml(t.name)}</th><td>${t.reached ? 'Ja' : '<strong>Nej</strong>'}</td><td>${escapeHtml(t.outlets.join(', ') || '–')}</td></tr>`)
    .join('');
  return `<section><h2>${escapeHtml(s.title)}</h2>
<p>${escapeHtml(s.id)} · ${escapeHtml(s.date)}–${escapeHtml(s.until)}${link}</p>
<p><strong>${r.uptake.length}</strong> artiklar i ${r.outlets.length} medier · ${r.own.length} egna publiceringar · nådde lokala medier eller handlade om ${reached} av ${r.towns.length} medlemskommuner</p>
<h3>Per dag</h3>${timelineSvg(r, now)}<p class="legend"><span class="uptake">■</span> i medierna · <span class="own">■</span> nätverkets egna</p>
<h3>Medlemskommunerna</h3><table><thead><tr><th scope="col">Kommun</th><th scope="col">Nådd</th><th scope="col">Lokala medier</th></tr></thead><tbody>${towns}</tbody></table>
<h3>I medierna</h3>${articleTable(r.uptake)}
<h3>Nätverkets egna</h3>${articleTable(r.own)}
</section>`;
}

export function renderCoverageHtml(reports: readonly CoverageReport[], opts: { appName: string; now: Date }): string {
  const style =
    'body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b}table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}a{color:#1f5f8b}' + COVERAGE_CSS;
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(opts.appName)}: genomslag</title><style>${style}</style></head><body><h1>Genomslag för nätverkets utspel</h1>${reports.map((r) => renderCoverageSection(r, opts.now)).join('\n') || '<p>Inga utspel.</p>'}</body></html>`;
}

/**
 * Renders a digest as email HTML (table layout, inline CSS: it must read well in Outlook and on a
 * phone) and as plain text, with the subject and the preview text (preheader). Every article field
 * is escaped, and only http(s) links become links.
 */
import { formatSwedishDate, previousWeek, weekSpan } from '../week.ts';
import { GENRE_LABELS, SECTION_ORDER, type Capped, type Digest, type DigestStory, type SectionKey } from './build.ts';
import { C, CELL, escapeHtml, link, safeHref } from './html.ts';
import { debatesHtml, debatesText, receptionHtml, receptionText } from './render-opinion.ts';

export { escapeHtml, safeHref } from './html.ts';

export interface RenderOptions {
  unsubscribeUrl: string;
  appName: string;
  /** The web app's settings page (towns, themes, letters on/off), when the web app is deployed. */
  settingsUrl?: string | undefined;
}

/** The web app's settings page beside its archive (`…/arkiv` → `…/installningar`). */
export function settingsUrlFor(archiveUrl: string | undefined): string | undefined {
  const href = archiveUrl ? safeHref(archiveUrl) : null;
  return href ? new URL('installningar', href).toString() : undefined;
}



const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const weekNo = (week: string) => String(Number(week.slice(-2)));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The subject says what is in the letter: its lead story and how much more there is about the reader's town. */
export function digestSubject(d: Digest): string {
  const prefix = `Vecka ${weekNo(d.week)}`;
  if (d.empty) return `${prefix}: inget nytt om era kommuner eller nätverkets teman`;
  // The lead is the reader's own town's top story when there is one.
  const town = d.ownTowns.find((t) => t.stories.length > 0);
  const lead = town?.stories[0] ?? d.overview.topStories[0];
  const title = lead ? truncate(lead.title, 70) : '';
  if (town) {
    const rest = town.all - 1;
    return rest > 0 ? `${prefix}: ${title} – och ${rest} till om ${town.name}` : `${prefix}: ${title}`;
  }
  const rest = d.totals.stories - 1;
  return rest > 0 ? `${prefix}: ${title} – och ${rest} till` : `${prefix}: ${title}`;
}

/** Preview text a mail client shows after the subject. */
export function digestPreheader(d: Digest): string {
  if (d.empty) return 'Inget nytt den här veckan.';
  const parts = [
    ...d.ownTowns.filter((t) => t.all > 0).map((t) => `${t.all} om ${t.name}`),
    d.totals.opinion ? plural(d.totals.opinion, 'debattinlägg', 'debattinlägg') : '',
    d.totals.network ? `${d.totals.network} om nätverket` : '',
    `${plural(d.totals.stories, 'artikel', 'artiklar')} totalt`,
  ].filter(Boolean);
  return parts.join(' · ');
}

/** "Svar till nätverket", "svara senast 2 dec" or the older "Öppen för replik"; nothing for closed or own pieces. */
function replyNote(s: DigestStory): string | null {
  const parts: string[] = [];
  if (s.debate?.repliesToNetwork) parts.push('Svar till nätverket');
  if (s.openForReply) parts.push(s.debate ? `svara senast ${formatSwedishDate(s.debate.replyBy)}` : 'Öppen för replik');
  return parts.length ? parts.join(' · ') : null;
}

function storyMeta(s: DigestStory): string {
  const parts = [GENRE_LABELS[s.genre], s.outlets.length > 1 ? `publicerad i ${s.outlets.length} medier` : s.outlet, formatSwedishDate(s.publishedAt)];
  if (s.author) parts.splice(2, 0, s.author);
  return parts.join(' · ');
}

function storyHtml(s: DigestStory, summaryChars: number): string {
  const heading = link(s.url, s.title, `color:${C.accent};text-decoration:none;font-weight:600;`);
  const note = replyNote(s);
  const open = note ? ` <span style="color:${C.open};font-weight:600;">· ${escapeHtml(note)}</span>` : '';
  const tags = s.municipalities.map(escapeHtml).join(', ');
  const summary = summaryChars > 0 && s.summary ? `<div style="font-size:14px;line-height:1.45;padding-top:4px;">${escapeHtml(truncate(s.summary, summaryChars))}</div>` : '';
  return `<tr><td style="padding:9px 0;border-bottom:1px solid ${C.rule};${CELL}">
<div style="font-size:16px;line-height:1.35;">${heading}</div>
<div style="font-size:13px;color:${C.muted};padding-top:3px;">${escapeHtml(storyMeta(s))}${open}${tags ? ` · ${tags}` : ''}</div>${summary}</td></tr>`;
}

/** One line: for other members' stories. */
function compactHtml(s: DigestStory): string {
  return `<tr><td style="padding:4px 0;font-size:14px;line-height:1.4;${CELL}">${link(s.url, s.title, `color:${C.accent};text-decoration:none;`)} <span style="color:${C.muted};font-size:13px;">· ${escapeHtml(s.outlets.length > 1 ? `${s.outlets.length} medier` : s.outlet)}</span></td></tr>`;
}

/** What an "och N till" link filters the web archive (Arkiv) by: the section's town, theme, genre or statement. */
export type ArchiveFilter = { kommun?: string; tema?: string; genre?: string; utspel?: string };

/** The archive link for a section: the digest's week and the section's filter (`/arkiv?fran=&till=&kommun=…`). */
export function archiveHref(d: Pick<Digest, 'archiveUrl' | 'week'>, filter: ArchiveFilter): string | null {
  if (!d.archiveUrl) return null;
  const href = safeHref(d.archiveUrl);
  if (!href) return null;
  const u = new URL(href);
  u.searchParams.set('fran', d.week);
  u.searchParams.set('till', d.week);
  for (const [k, v] of Object.entries(filter)) if (v) u.searchParams.set(k, v);
  return u.toString();
}

function moreHtml(d: Digest, more: number, filter: ArchiveFilter, what = ''): string {
  if (more <= 0) return '';
  const text = `och ${more} till${what}`;
  const href = archiveHref(d, filter);
  const body = href ? `<a href="${escapeHtml(href)}" style="color:${C.accent};">${escapeHtml(text)} i arkivet</a>` : escapeHtml(text);
  return `<tr><td style="padding:6px 0;font-size:13px;color:${C.muted};">${body}</td></tr>`;
}

function section(id: string, title: string, intro: string, body: string): string {
  return `<tr><td style="padding:22px 0 4px 0;${CELL}" id="${id}"><h2 style="margin:0;font-size:19px;color:${C.text};">${escapeHtml(title)}</h2>
${intro ? `<div style="font-size:13px;color:${C.muted};padding-top:2px;">${escapeHtml(intro)}</div>` : ''}</td></tr>
<tr><td><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed;">${body}</table></td></tr>`;
}

function delta(n: number, prev: number): string {
  const d = n - prev;
  return d === 0 ? '±0' : d > 0 ? `+${d}` : `−${-d}`;
}

function cappedHtml(d: Digest, c: Capped, filter: ArchiveFilter): string {
  return c.stories.map((s) => storyHtml(s, d.summaryChars)).join('\n') + moreHtml(d, c.total - c.stories.length, filter);
}

function slug(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-');
}

export function renderDigestHtml(d: Digest, opts: RenderOptions): string {
  const parts: Partial<Record<SectionKey, string>> = {};
  const o = d.overview;
  parts.overview = section(
    'veckans-lage',
    'Veckans läge',
    `${plural(d.totals.stories, 'relevant artikel', 'relevanta artiklar och inlägg')} vecka ${weekNo(d.week)}.`,
    `<tr><td style="padding:6px 0;"><table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%">
${o.perTopic
  .map(
    (t) =>
      `<tr><td style="font-size:14px;padding:3px 0;${CELL}">${escapeHtml(t.label)}</td><td align="right" style="font-size:14px;font-weight:600;padding:3px 0;">${t.count}</td><td align="right" style="font-size:13px;color:${C.muted};padding:3px 0 3px 8px;">${delta(t.count, t.previous)} mot v.&nbsp;${weekNo(previousWeek(d.week))}</td></tr>`,
  )
  .join('\n')}
</table></td></tr>
${o.topStories.length ? `<tr><td style="font-size:13px;color:${C.muted};padding-top:8px;">${d.ownTowns.length ? 'Mest uppmärksammat i övrigt' : 'Mest uppmärksammat'}</td></tr>${o.topStories.map((s) => storyHtml(s, d.summaryChars)).join('\n')}` : ''}`,
  );
  if (d.ownTowns.length)
    parts.own = d.ownTowns
      .map((t) =>
        section(
          `kommun-${slug(t.name)}`,
          `Er kommun: ${t.name}`,
          t.all === 0
            ? `Inget nytt om ${t.name} den här veckan.`
            : `${plural(t.all, 'artikel', 'artiklar')} om ${t.name} den här veckan, de mest uppmärksammade först.`,
          cappedHtml(d, t, { kommun: t.name }),
        ),
      )
      .join('\n');
  if (d.watched.total)
    parts.watch = section('bevakningsord', 'Dina bevakningsord', `${plural(d.watched.total, 'artikel', 'artiklar')} med ${d.watched.words.join(', ')}.`, cappedHtml(d, d.watched, {}));
  if (d.debates && d.debates.total)
    parts.opinion = section(
      'veckans-opinion',
      'Veckans opinion',
      `${plural(d.debates.total, 'debatt', 'debatter')} med ${plural(d.debates.pieces, 'inlägg', 'inlägg')} om era kommuner och teman: vad som hävdas, av vem, och vem som svarar vem.`,
      debatesHtml(d, (n) => moreHtml(d, n, { genre: 'opinion' })),
    );
  else if (d.opinion.total)
    parts.opinion = section('debatt', 'Debatt och opinion', 'Ledare, debattartiklar, krönikor och insändare; de öppna för replik först.', cappedHtml(d, d.opinion, { genre: 'opinion' }));
  if (d.coverage.length)
    parts.coverage = section(
      'genomslag',
      'Nätverkets genomslag',
      'Medier som tog upp nätverkets utspel den här veckan.',
      d.coverage
        .map(
          (c) =>
            `<tr><td style="padding:8px 0 0 0;font-size:14px;font-weight:600;${CELL}">${escapeHtml(c.title)} <span style="color:${C.muted};font-weight:400;">(${plural(c.total, 'artikel', 'artiklar')})</span></td></tr>${cappedHtml(d, c, { utspel: c.statementId })}${d.subscriber.role === 'secretariat' ? receptionHtml(d, c.statementId) : ''}`,
        )
        .join('\n'),
    );
  const others = d.otherTowns;
  if (others.total) {
    const shown = others.towns.reduce((n, t) => n + t.stories.length, 0);
    parts.others = section(
      'ovriga-kommuner',
      d.ownTowns.length ? 'Övriga medlemskommuner' : 'Medlemskommunerna',
      `${plural(others.total, 'artikel', 'artiklar')} om ${plural(others.townsTotal, 'kommun', 'kommuner')}; de mest uppmärksammade per kommun.`,
      others.towns
        .map(
          (t) =>
            `<tr><td style="padding:8px 0 2px 0;font-size:13px;font-weight:600;color:${C.text};">${escapeHtml(t.name)}${t.total > t.stories.length ? ` <span style="color:${C.muted};font-weight:400;">(${t.total})</span>` : ''}</td></tr>${t.stories.map(compactHtml).join('\n')}`,
        )
        .join('\n') + moreHtml(d, others.total - shown, {}, others.townsTotal > others.towns.length ? ` i ${others.townsTotal} kommuner` : ''),
    );
  }
  if (d.perTopic.length) parts.perTopic = d.perTopic.map((t) => section(`tema-${t.topic}`, t.label, '', cappedHtml(d, t, { tema: t.topic }))).join('\n');

  const body = d.empty
    ? `<tr><td style="padding:20px 0;font-size:15px;">Inget nytt om era kommuner eller nätverkets teman den här veckan.</td></tr>`
    : SECTION_ORDER[d.subscriber.role].map((k) => parts[k] ?? '').join('\n');
  const unsub = safeHref(opts.unsubscribeUrl);
  return `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light"><title>${escapeHtml(`${opts.appName} – vecka ${d.week}`)}</title></head>
<body style="margin:0;padding:0;background:${C.bg};font-family:Segoe UI,Helvetica,Arial,sans-serif;color:${C.text};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:${C.bg};">${escapeHtml(digestPreheader(d))}&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.bg};"><tr><td align="center" style="padding:8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:#ffffff;border-radius:6px;table-layout:fixed;"><tr><td style="padding:16px 14px 22px 14px;${CELL}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed;">
<tr><td style="font-size:12px;color:${C.muted};text-transform:uppercase;letter-spacing:.04em;">${escapeHtml(opts.appName)}</td></tr>
<tr><td style="padding-top:4px;"><h1 style="margin:0;font-size:23px;line-height:1.25;">Veckobrev vecka ${escapeHtml(weekNo(d.week))}, ${escapeHtml(d.week.slice(0, 4))}</h1></td></tr>
<tr><td style="font-size:14px;color:${C.muted};padding-top:4px;">${escapeHtml(weekSpan(d.week))} · Hej ${escapeHtml(d.subscriber.name)}!</td></tr>
${body}
<tr><td style="padding-top:26px;font-size:12px;color:${C.muted};line-height:1.5;" id="sidfot">Du får det här brevet från Nätverket för starka industrikommuners mediebevakning.
${opts.settingsUrl && safeHref(opts.settingsUrl) ? `<a href="${escapeHtml(safeHref(opts.settingsUrl)!)}" style="color:${C.muted};">Inställningar</a> · ` : ''}${unsub ? `<a href="${escapeHtml(unsub)}" style="color:${C.muted};">Avsluta prenumerationen</a>` : ''}</td></tr>
</table></td></tr></table></td></tr></table></body></html>`;
}

function storyText(s: DigestStory): string {
  const link = safeHref(s.url) ?? '(ingen giltig länk)';
  const note = replyNote(s);
  return `* ${s.title}\n  ${storyMeta(s)}${note ? ` · ${note}` : ''}\n  ${link}`;
}

function moreText(d: Digest, more: number, filter: ArchiveFilter): string[] {
  if (more <= 0) return [];
  const href = archiveHref(d, filter);
  return [`  … och ${more} till${href ? `: ${href}` : ''}`];
}

export function renderDigestText(d: Digest, opts: RenderOptions): string {
  const lines: string[] = [`Veckobrev vecka ${weekNo(d.week)}, ${d.week.slice(0, 4)} (${weekSpan(d.week)})`, `Hej ${d.subscriber.name}!`, ''];
  if (d.empty) {
    lines.push('Inget nytt om era kommuner eller nätverkets teman den här veckan.');
  } else {
    const capped = (c: Capped, filter: ArchiveFilter) => [...c.stories.map(storyText), ...moreText(d, c.total - c.stories.length, filter)];
    const others = d.otherTowns;
    const shownOthers = others.towns.reduce((n, t) => n + t.stories.length, 0);
    const parts: Record<SectionKey, string[]> = {
      watch: d.watched.total ? [`DINA BEVAKNINGSORD (${d.watched.words.join(', ')})`, ...capped(d.watched, {})] : [],
      overview: [
        'VECKANS LÄGE',
        ...d.overview.perTopic.map((t) => `  ${t.label}: ${t.count} (${delta(t.count, t.previous)} mot v. ${weekNo(previousWeek(d.week))})`),
        ...(d.overview.topStories.length ? ['', 'Mest uppmärksammat:', ...d.overview.topStories.map(storyText)] : []),
      ],
      own: d.ownTowns.flatMap((t) => [`ER KOMMUN: ${t.name.toUpperCase()} (${t.all})`, ...(t.all ? capped(t, { kommun: t.name }) : ['  Inget nytt den här veckan.']), '']),
      opinion: d.debates && d.debates.total ? debatesText(d, (n) => moreText(d, n, { genre: 'opinion' })) : d.opinion.total ? ['DEBATT OCH OPINION', ...capped(d.opinion, { genre: 'opinion' })] : [],
      coverage: d.coverage.length
        ? ['NÄTVERKETS GENOMSLAG', ...d.coverage.flatMap((c) => [`${c.title} (${c.total})`, ...capped(c, { utspel: c.statementId }), ...(d.subscriber.role === 'secretariat' ? receptionText(d, c.statementId) : [])])]
        : [],
      others: others.total
        ? [
            'ÖVRIGA MEDLEMSKOMMUNER',
            ...others.towns.flatMap((t) => t.stories.map((s) => `* ${t.name}: ${s.title} (${s.outlet})`)),
            ...moreText(d, others.total - shownOthers, {}),
          ]
        : [],
      perTopic: d.perTopic.flatMap((t) => [t.label.toUpperCase(), ...capped(t, { tema: t.topic }), '']),
    };
    for (const k of SECTION_ORDER[d.subscriber.role]) if (parts[k].length) lines.push(...parts[k], '');
  }
  lines.push('--', `${opts.appName}.${opts.settingsUrl ? ` Inställningar: ${opts.settingsUrl}` : ''} Avsluta prenumerationen: ${opts.unsubscribeUrl}`);
  return lines.join('\n');
}

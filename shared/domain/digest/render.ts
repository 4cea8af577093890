/**
 * Renders a digest as email HTML (table layout, inline CSS: it must read well in Outlook and on a
 * phone) and as plain text. Every article field is escaped, and only http(s) links become links.
 */
import { formatSwedishDate, weekSpan } from '../week.ts';
import { GENRE_LABELS, type Digest, type Story } from './build.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

/** Only absolute http(s) URLs are linked; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export interface RenderOptions {
  unsubscribeUrl: string;
  /** Link to the web version / preview. */
  appName: string;
}

const C = {
  text: '#1d2433',
  muted: '#5b6476',
  accent: '#0b5cad',
  rule: '#dfe3ea',
  open: '#0a7a3b',
  bg: '#f4f6f9',
};

const SECTION_ORDER: Record<Digest['subscriber']['role'], Array<'overview' | 'municipalities' | 'opinion' | 'coverage' | 'perTopic'>> = {
  member: ['overview', 'municipalities', 'opinion', 'coverage', 'perTopic'],
  secretariat: ['overview', 'coverage', 'opinion', 'municipalities', 'perTopic'],
  communicator: ['overview', 'opinion', 'municipalities', 'coverage', 'perTopic'],
};

function storyMeta(s: Story): string {
  const parts = [GENRE_LABELS[s.genre], s.outlets.length > 1 ? `publicerad i ${s.outlets.length} tidningar` : s.outlet, formatSwedishDate(s.publishedAt)];
  if (s.author) parts.splice(2, 0, s.author);
  return parts.join(' · ');
}

function storyHtml(s: Story): string {
  const href = safeHref(s.url);
  const title = escapeHtml(s.title);
  const heading = href
    ? `<a href="${escapeHtml(href)}" style="color:${C.accent};text-decoration:none;font-weight:600;">${title}</a>`
    : `<span style="font-weight:600;">${title}</span>`;
  const open = s.openForReply ? ` <span style="color:${C.open};font-weight:600;">· Öppen för replik</span>` : '';
  const tags = [...s.municipalities].map(escapeHtml).join(', ');
  return `<tr><td style="padding:10px 0;border-bottom:1px solid ${C.rule};">
<div style="font-size:16px;line-height:1.35;">${heading}</div>
<div style="font-size:13px;color:${C.muted};padding-top:3px;">${escapeHtml(storyMeta(s))}${open}${tags ? ` · ${tags}` : ''}</div>
${s.summary ? `<div style="font-size:14px;line-height:1.45;padding-top:4px;">${escapeHtml(truncate(s.summary, 220))}</div>` : ''}
</td></tr>`;
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function section(id: string, title: string, intro: string, body: string): string {
  return `<tr><td style="padding:22px 0 4px 0;" id="${id}"><h2 style="margin:0;font-size:19px;color:${C.text};">${escapeHtml(title)}</h2>
${intro ? `<div style="font-size:13px;color:${C.muted};padding-top:2px;">${escapeHtml(intro)}</div>` : ''}</td></tr>
<tr><td><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${body}</table></td></tr>`;
}

function delta(n: number, prev: number): string {
  const d = n - prev;
  return d === 0 ? '±0' : d > 0 ? `+${d}` : `−${-d}`;
}

export function renderDigestHtml(d: Digest, opts: RenderOptions): string {
  const parts: Record<string, string> = {};
  const o = d.overview;
  parts.overview = section(
    'veckans-lage',
    'Veckans läge',
    `${d.totals.stories} relevanta artiklar och inlägg vecka ${d.week.slice(-2)}.`,
    `<tr><td style="padding:6px 0;"><table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%">
${o.perTopic
  .map(
    (t) =>
      `<tr><td style="font-size:14px;padding:3px 0;">${escapeHtml(t.label)}</td><td align="right" style="font-size:14px;font-weight:600;padding:3px 0;">${t.count}</td><td align="right" style="font-size:13px;color:${C.muted};padding:3px 0 3px 10px;white-space:nowrap;">${delta(t.count, t.previous)} mot förra veckan</td></tr>`,
  )
  .join('\n')}
</table></td></tr>
${o.topStories.length ? `<tr><td style="font-size:13px;color:${C.muted};padding-top:8px;">Mest uppmärksammat</td></tr>${o.topStories.map(storyHtml).join('\n')}` : ''}`,
  );
  if (d.opinion.length) parts.opinion = section('debatt', 'Debatt och opinion', 'Ledare, debattartiklar, krönikor och insändare. Texter under sju dagar gamla är öppna för replik.', d.opinion.map(storyHtml).join('\n'));
  if (d.municipalities.length)
    parts.municipalities = d.municipalities
      .map((m) => section(`kommun-${slug(m.name)}`, m.own ? `Er kommun: ${m.name}` : m.name, '', m.stories.map(storyHtml).join('\n')))
      .join('\n');
  if (d.coverage.length)
    parts.coverage = section(
      'genomslag',
      'Nätverkets genomslag',
      'Medier som tog upp nätverkets utspel den här veckan.',
      d.coverage
        .map(
          (c) =>
            `<tr><td style="padding:8px 0 0 0;font-size:14px;font-weight:600;">${escapeHtml(c.title)} <span style="color:${C.muted};font-weight:400;">(${c.stories.length} ${c.stories.length === 1 ? 'artikel' : 'artiklar'})</span></td></tr>${c.stories.map(storyHtml).join('\n')}`,
        )
        .join('\n'),
    );
  if (d.perTopic.length) parts.perTopic = d.perTopic.map((t) => section(`tema-${t.topic}`, t.label, '', t.stories.map(storyHtml).join('\n'))).join('\n');

  const body = d.empty
    ? `<tr><td style="padding:20px 0;font-size:15px;">Inget nytt om era kommuner eller nätverkets teman den här veckan.</td></tr>`
    : SECTION_ORDER[d.subscriber.role].map((k) => parts[k] ?? '').join('\n');
  const unsub = safeHref(opts.unsubscribeUrl);
  return `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light"><title>${escapeHtml(`${opts.appName} – vecka ${d.week}`)}</title></head>
<body style="margin:0;padding:0;background:${C.bg};font-family:Segoe UI,Helvetica,Arial,sans-serif;color:${C.text};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.bg};"><tr><td align="center" style="padding:12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:#ffffff;border-radius:6px;"><tr><td style="padding:18px 20px 24px 20px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td style="font-size:12px;color:${C.muted};text-transform:uppercase;letter-spacing:.04em;">${escapeHtml(opts.appName)}</td></tr>
<tr><td style="padding-top:4px;"><h1 style="margin:0;font-size:23px;line-height:1.25;">Veckobrev vecka ${escapeHtml(d.week.slice(-2))}, ${escapeHtml(d.week.slice(0, 4))}</h1></td></tr>
<tr><td style="font-size:14px;color:${C.muted};padding-top:4px;">${escapeHtml(weekSpan(d.week))} · Hej ${escapeHtml(d.subscriber.name)}!</td></tr>
${body}
<tr><td style="padding-top:26px;font-size:12px;color:${C.muted};line-height:1.5;">Du får det här brevet från Nätverket för starka industrikommuners mediebevakning.
${unsub ? `<a href="${escapeHtml(unsub)}" style="color:${C.muted};">Avsluta prenumerationen</a>` : ''}</td></tr>
</table></td></tr></table></td></tr></table></body></html>`;
}

function slug(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-');
}

function storyText(s: Story): string {
  const link = safeHref(s.url) ?? '(ingen giltig länk)';
  return `* ${s.title}\n  ${storyMeta(s)}${s.openForReply ? ' · Öppen för replik' : ''}\n  ${link}`;
}

export function renderDigestText(d: Digest, opts: RenderOptions): string {
  const lines: string[] = [`Veckobrev vecka ${d.week.slice(-2)}, ${d.week.slice(0, 4)} (${weekSpan(d.week)})`, `Hej ${d.subscriber.name}!`, ''];
  if (d.empty) {
    lines.push('Inget nytt om era kommuner eller nätverkets teman den här veckan.');
  } else {
    const parts: Record<string, string[]> = {
      overview: [
        'VECKANS LÄGE',
        ...d.overview.perTopic.map((t) => `  ${t.label}: ${t.count} (${delta(t.count, t.previous)} mot förra veckan)`),
        ...(d.overview.topStories.length ? ['', 'Mest uppmärksammat:', ...d.overview.topStories.map(storyText)] : []),
      ],
      opinion: d.opinion.length ? ['DEBATT OCH OPINION', ...d.opinion.map(storyText)] : [],
      municipalities: d.municipalities.flatMap((m) => [m.own ? `ER KOMMUN: ${m.name.toUpperCase()}` : m.name.toUpperCase(), ...m.stories.map(storyText), '']),
      coverage: d.coverage.length ? ['NÄTVERKETS GENOMSLAG', ...d.coverage.flatMap((c) => [`${c.title} (${c.stories.length})`, ...c.stories.map(storyText)])] : [],
      perTopic: d.perTopic.flatMap((t) => [t.label.toUpperCase(), ...t.stories.map(storyText), '']),
    };
    for (const k of SECTION_ORDER[d.subscriber.role]) if (parts[k]!.length) lines.push(...parts[k]!, '');
  }
  lines.push('--', `${opts.appName}. Avsluta prenumerationen: ${opts.unsubscribeUrl}`);
  return lines.join('\n');
}

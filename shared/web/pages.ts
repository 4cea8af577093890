/**
 * The web app's pages: server-rendered Swedish HTML that works without JavaScript. Every value from
 * the table or the request is escaped; only http(s) links are links; no inline script or style
 * attribute (the CSP allows neither), charts are inline SVG.
 */
import { withoutSectionLabel, writerLabel } from '../domain/labels.ts';
import { COVERAGE_CSS } from '../domain/coverage/report.ts';
import { escapeHtml, safeHref } from '../domain/digest/render.ts';
import { GENRE_LABELS, TOPIC_LABELS } from '../domain/digest/build.ts';
import type { DigestEntry } from '../domain/digest/stories.ts';
import type { DebateRow } from '../domain/debate.ts';
import { GENRES, TOPICS, type Article, type Subscriber, type Topic } from '../domain/types.ts';
import { formatSwedishDate } from '../domain/week.ts';
import { stockholmDate } from '../domain/statement.ts';

const e = escapeHtml;

export interface PageContext {
  appName: string;
  /** Signed in: the person and the CSRF token for their forms. */
  user?: { sub: Subscriber; csrf: string } | undefined;
  active?: 'veckan' | 'arkiv' | 'debatt' | 'genomslag' | 'installningar';
}

const NAV: Array<[NonNullable<PageContext['active']>, string, string]> = [
  ['veckan', '/veckan', 'Veckan'],
  ['arkiv', '/arkiv', 'Arkiv'],
  ['debatt', '/debatt', 'Debatt'],
  ['genomslag', '/genomslag', 'Genomslag'],
  ['installningar', '/installningar', 'Inställningar'],
];

export function layout(ctx: PageContext, title: string, body: string): string {
  const nav = ctx.user
    ? `<nav aria-label="Huvudmeny"><ul>${NAV.map(([k, href, label]) => `<li><a href="${href}"${ctx.active === k ? ' aria-current="page"' : ''}>${label}</a></li>`).join('')}</ul><form method="post" action="/logga-ut" class="logout"><input type="hidden" name="csrf" value="${e(ctx.user.csrf)}"><button type="submit">Logga ut</button></form></nav>`
    : '';
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)} – ${e(ctx.appName)}</title><link rel="stylesheet" href="/static/app.css"></head><body><header><a class="brand" href="/veckan">${e(ctx.appName)}</a>${nav}</header><main id="innehall"><h1>${e(title)}</h1>${body}</main><script src="/static/app.js" defer></script></body></html>`;
}

export const CSS = `${COVERAGE_CSS}*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;background:#f4f6f9;line-height:1.45}
header{background:#0b3d6e;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center}header a{color:#fff}.brand{font-weight:700;text-decoration:none}
nav{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem}nav ul{display:flex;flex-wrap:wrap;gap:.3rem .9rem;list-style:none;margin:0;padding:0}nav a[aria-current]{font-weight:700;text-decoration:underline}
.logout button{background:none;border:1px solid #fff;color:#fff;border-radius:4px;padding:.15rem .5rem;cursor:pointer}
main{max-width:62rem;margin:0 auto;padding:1rem;background:#fff;min-height:80vh;overflow-wrap:break-word}h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin:1.4rem 0 .5rem}h3{font-size:1.05rem}
a{color:#0b5cad;overflow-wrap:break-word}table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}th,td{border-bottom:1px solid #dfe3ea;padding:.35rem;text-align:left;vertical-align:top;overflow-wrap:break-word;hyphens:manual}
@media (max-width:40rem){table,thead,tbody,tr,th,td{display:block}thead tr{position:absolute;left:-9999px}tr{border-bottom:1px solid #dfe3ea;padding:.3rem 0}th,td{border:none;padding:.1rem .35rem}}
.card h3,.card h3 a{overflow-wrap:normal;word-break:normal;hyphens:manual}li.reply{margin-left:1.2rem;border-left:3px solid #dfe3ea;padding-left:.6rem}
form.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;align-items:end;margin-bottom:1rem}label{display:block;font-size:.9rem;color:#3b4456}input,select,button{font:inherit;max-width:100%}
input[type=text],input[type=email],input[type=search],input[type=week],input[type=date],select,textarea{width:100%;padding:.35rem;border:1px solid #8a93a5;border-radius:4px}
button{background:#0b5cad;color:#fff;border:0;border-radius:4px;padding:.45rem .9rem;cursor:pointer}button.secondary{background:#5b6476}
.muted{color:#5b6476;font-size:.9rem}.flag{color:#a4262c;font-weight:700}.open{color:#0a7a3b}.results li{margin:.2rem 0 .9rem}ul.results{list-style:none;padding:0}
fieldset{border:1px solid #dfe3ea;border-radius:4px;margin:0 0 1rem;padding:.5rem .8rem;min-width:0}.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.2rem .8rem}.checks label{display:flex;gap:.4rem;align-items:center;color:#1d2433;font-size:1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}.card{border:1px solid #dfe3ea;border-radius:6px;padding:.6rem}.card h3{margin:.1rem 0 .3rem}
svg{max-width:100%;height:auto}.note{background:#eef5ec;border-left:4px solid #0a7a3b;padding:.5rem .8rem}.error{background:#fbeaea;border-left:4px solid #a4262c;padding:.5rem .8rem}.legend{font-size:.85rem;color:#5b6476}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

/** Enhancement only: the archive's filters submit on change. Everything works without it. */
/**
 * The app's script. Filters apply with their button, never on change: an arrow key on a select must
 * not reload the page and lose focus (WCAG 3.2.2). What is left: after a filtered load, focus returns
 * to the result count, so a keyboard or screen-reader user hears what the filter gave.
 */
export const JS = `(function(){var s=document.querySelector('form.filters')&&document.querySelector('[role=status]');if(s&&location.search){s.setAttribute('tabindex','-1');}})();`;

export function signInPage(ctx: PageContext, csrf: string, message?: { kind: 'note' | 'error'; text: string }): string {
  return layout(
    ctx,
    'Logga in',
    `${message ? `<p class="${message.kind}" role="status">${e(message.text)}</p>` : ''}<p>Bevakningen är öppen för dem som prenumererar på veckobrevet. Skriv din e-postadress så skickar vi en inloggningslänk som gäller i 15 minuter och kan användas en gång.</p>
<form method="post" action="/logga-in"><input type="hidden" name="csrf" value="${e(csrf)}"><label for="email">E-postadress</label><input type="email" id="email" name="email" autocomplete="email" required><p><button type="submit">Skicka inloggningslänk</button></p></form>`,
  );
}

/** The page a mailed link opens: one button signs in (a scanner that follows links does not). */
export function signInLinkPage(ctx: PageContext, token: string, csrf: string): string {
  return layout(
    ctx,
    'Logga in',
    `<form method="post" action="/logga-in/lank"><input type="hidden" name="csrf" value="${e(csrf)}"><input type="hidden" name="t" value="${e(token)}"><p>Tryck på knappen för att logga in i den här webbläsaren.</p><p><button type="submit">Logga in</button></p></form>`,
  );
}

/** For one who unsubscribed and signed in again: the one thing they can do here. */
export function resubscribePage(ctx: PageContext): string {
  return layout(
    { ...ctx, active: 'installningar' },
    'Du prenumererar inte längre',
    `<p>Vill du börja få veckobrevet igen? Dina tidigare kommuner och teman finns kvar, och du kan ändra dem efteråt.</p><form method="post" action="/prenumerera-igen"><input type="hidden" name="csrf" value="${e(ctx.user!.csrf)}"><p><button type="submit">Prenumerera igen</button></p></form>`,
  );
}

/** The step before ending a subscription: what it means, and the two choices. */
export function unsubscribeConfirmPage(ctx: PageContext): string {
  return layout(
    { ...ctx, active: 'installningar' },
    'Avsluta prenumerationen?',
    `<p>Du får då varken veckobrevet eller Dagens debatt, och du loggas ut. Vill du börja igen senare ber du sekretariatet lägga till dig.</p><form method="post" action="/installningar/avsluta"><input type="hidden" name="csrf" value="${e(ctx.user!.csrf)}"><input type="hidden" name="bekrafta" value="ja"><p><button type="submit">Ja, avsluta prenumerationen</button> <a href="/installningar">Nej, tillbaka till inställningarna</a></p></form>`,
  );
}

export function linkFailedPage(ctx: PageContext): string {
  return layout(ctx, 'Länken fungerar inte', `<p class="error">Länken är redan använd eller har gått ut (den gäller i 15 minuter).</p><p><a href="/logga-in">Begär en ny länk</a></p>`);
}

const labelsOf = (x: Pick<DigestEntry, 'municipalities' | 'topics'>) => [...x.municipalities, ...x.topics.map((t) => TOPIC_LABELS[t])].join(' · ');

function entryItem(x: DigestEntry, why?: string): string {
  const href = safeHref(x.url);
  const title = href ? `<a href="${e(href)}">${e(x.title)}</a>` : e(x.title);
  return `<li>${title}<br><span class="muted">${e(GENRE_LABELS[x.genre])} · ${e(x.outlet)} · ${e(stockholmDate(x.publishedAt))}${labelsOf(x) ? ` · ${e(labelsOf(x))}` : ''}</span>${x.summary ? `<br>${e(x.summary.slice(0, 240))}` : ''}${why ? `<details><summary>Varför?</summary><p class="muted">${e(why)}</p></details>` : ''}</li>`;
}

export { whyText } from '../domain/classify/evidence-text.ts';

export interface ArchiveView {
  query: { q: string; kommun: string; tema: string; genre: string; fran: string; till: string; utspel: string; bevakning?: string | undefined };
  members: readonly string[];
  total: number;
  page: number;
  pageSize: number;
  results: Array<{ entry: DigestEntry; why?: string | undefined }>;
  csvHref: string;
  pageHref: (page: number) => string;
  /** Said above the results: a query without a searchable word, an unknown filter or value. */
  notes?: string[] | undefined;
}

export function archivePage(ctx: PageContext, v: ArchiveView): string {
  const q = v.query;
  const opt = (value: string, label: string, current: string) => `<option value="${e(value)}"${value === current ? ' selected' : ''}>${e(label)}</option>`;
  const form = `<form class="filters" method="get" action="/arkiv" role="search">
<div><label for="q">Sök</label><input type="search" id="q" name="q" value="${e(q.q)}"></div>
<div><label for="kommun">Kommun</label><select id="kommun" name="kommun">${opt('', 'Alla', q.kommun)}${v.members.map((m) => opt(m, m, q.kommun)).join('')}</select></div>
<div><label for="tema">Tema</label><select id="tema" name="tema">${opt('', 'Alla', q.tema)}${TOPICS.map((t) => opt(t, TOPIC_LABELS[t], q.tema)).join('')}</select></div>
<div><label for="genre">Genre</label><select id="genre" name="genre">${opt('', 'Alla', q.genre)}${opt('opinion', 'Opinion (alla)', q.genre)}${GENRES.map((g) => opt(g, GENRE_LABELS[g], q.genre)).join('')}</select></div>
<div><label for="fran">Från vecka</label><input type="week" id="fran" name="fran" value="${e(q.fran)}" pattern="\\d{4}-W\\d{2}" placeholder="2026-W40"></div>
<div><label for="till">Till vecka</label><input type="week" id="till" name="till" value="${e(q.till)}" pattern="\\d{4}-W\\d{2}" placeholder="2026-W48"></div>
${q.utspel ? `<input type="hidden" name="utspel" value="${e(q.utspel)}">` : ''}${q.bevakning ? '<input type="hidden" name="bevakning" value="1">' : ''}<div><button type="submit">Sök</button></div></form>`;
  const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
  const pager =
    pages > 1
      ? `<nav aria-label="Sidor"><p>${v.page > 1 ? `<a href="${e(v.pageHref(v.page - 1))}">← Föregående</a> ` : ''}Sida ${v.page} av ${pages}${v.page < pages ? ` <a href="${e(v.pageHref(v.page + 1))}">Nästa →</a>` : ''}</p></nav>`
      : '';
  const list = v.results.length ? `<ul class="results">${v.results.map((r) => entryItem(r.entry, r.why)).join('')}</ul>` : '<p>Inga träffar.</p>';
  return layout(
    { ...ctx, active: 'arkiv' },
    'Arkiv',
    `${form}${(v.notes ?? []).map((n) => `<p class="note">${e(n)}</p>`).join('')}<p class="muted" role="status">${v.total} ${v.total === 1 ? 'artikel' : 'artiklar'}${q.utspel ? ` som tog upp utspelet ${e(q.utspel)}` : ''} · <a href="${e(v.csvHref)}">Ladda ner som CSV (Excel)</a></p>${list}${pager}`,
  );
}

/** Bars per week for one series: inline SVG with a text alternative. */
export function trendSvg(label: string, weeks: readonly string[], counts: readonly number[]): string {
  const max = Math.max(1, ...counts);
  const w = 22;
  const h = 48;
  const bars = counts.map((n, i) => `<rect x="${i * w + 1}" y="${h - Math.round((n / max) * h)}" width="${w - 4}" height="${Math.round((n / max) * h)}" fill="#0b5cad"><title>${e(`${weeks[i]}: ${n}`)}</title></rect>`).join('');
  const summary = `${label}: ${weeks.map((wk, i) => `${wk.slice(-3)} ${counts[i]}`).join(', ')}`;
  return `<svg role="img" aria-label="${e(summary)}" viewBox="0 0 ${counts.length * w} ${h + 2}" width="${counts.length * w}" height="${h + 2}"><line x1="0" y1="${h + 1}" x2="${counts.length * w}" y2="${h + 1}" stroke="#8a93a5"/>${bars}</svg>`;
}

export interface WeekView {
  week: string;
  weeks: string[];
  perTopic: Array<{ topic: Topic; counts: number[] }>;
  perTown: Array<{ name: string; count: number; previous: number; own: boolean }>;
  top: Array<{ entry: DigestEntry; outlets: number }>;
  /** The running week, when another is shown: one click away. */
  running?: string | undefined;
}

export function weekPage(ctx: PageContext, v: WeekView): string {
  const delta = (n: number, p: number) => (n === p ? '±0' : n > p ? `+${n - p}` : `−${p - n}`);
  const themes = v.perTopic
    .map((t) => `<div class="card"><h3><a href="/arkiv?tema=${t.topic}&amp;fran=${v.week}&amp;till=${v.week}">${e(TOPIC_LABELS[t.topic])}</a></h3><p><strong>${t.counts.at(-1)}</strong> denna vecka <span class="muted">(${delta(t.counts.at(-1)!, t.counts.at(-2) ?? 0)})</span></p>${trendSvg(TOPIC_LABELS[t.topic], v.weeks, t.counts)}</div>`)
    .join('');
  const towns = v.perTown
    .map((t) => `<tr><th scope="row"><a href="/arkiv?kommun=${encodeURIComponent(t.name)}&amp;fran=${v.week}&amp;till=${v.week}">${e(t.name)}</a>${t.own ? ' <span class="muted">(er)</span>' : ''}</th><td>${t.count}</td><td>${delta(t.count, t.previous)}</td></tr>`)
    .join('');
  const top = v.top.length ? `<ul class="results">${v.top.map((t) => entryItem(t.entry)).join('')}</ul>` : '<p>Inget ännu den här veckan.</p>';
  // The week picker: the weeks shown, one click to the running week; a form for any other.
  const picker = `<nav aria-label="Veckor" class="weeks"><p>${v.weeks
    .slice(-6)
    .map((w) => (w === v.week ? `<strong aria-current="page">v. ${Number(w.slice(-2))}</strong>` : `<a href="/veckan?vecka=${w}">v. ${Number(w.slice(-2))}</a>`))
    .join(' · ')}${v.running && v.running !== v.week ? ` · <a href="/veckan?vecka=${v.running}">Pågående vecka (v. ${Number(v.running.slice(-2))})</a>` : ''}</p>
<form method="get" action="/veckan"><label for="vecka">Visa vecka</label><input type="week" id="vecka" name="vecka" value="${e(v.week)}" pattern="\\d{4}-W\\d{2}" placeholder="2026-W48"><button type="submit">Visa</button></form></nav>`;
  return layout(
    { ...ctx, active: 'veckan' },
    `Vecka ${Number(v.week.slice(-2))}`,
    `${picker}<h2>Mest uppmärksammat</h2>${top}<h2>Teman, vecka för vecka</h2><p class="legend">Artiklar per vecka, de senaste ${v.weeks.length} veckorna.</p><div class="grid">${themes}</div><h2>Medlemskommunerna</h2><table><thead><tr><th scope="col">Kommun</th><th scope="col">Artiklar</th><th scope="col">Mot förra veckan</th></tr></thead><tbody>${towns}</tbody></table>`,
  );
}

/** "Namn (roll): ”tes”" under a piece: what is argued and by whom. */
function thesisLine(r: DebateRow): string {
  const o = r.opinion;
  if (!o || !o.thesis[0]) return '';
  const writer = writerLabel(o);
  const who = writer ? `${writer}: ` : '';
  return `<br><q class="thesis">${e(who)}${e(withoutSectionLabel(o.thesis[0]))}</q>`;
}

export function debatePage(
  ctx: PageContext,
  rows: ReadonlyArray<DebateRow & { lead?: string; inDebateOf?: string | undefined; answers?: string | undefined }>,
  paging: { page: number; pages: number; total: number },
  filters: { kommun: string; tema: string; genre: string } = { kommun: '', tema: '', genre: '' },
  members: readonly string[] = [],
): string {
  const qs = (n: number) => `/debatt?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), sida: String(n) }).toString()}`;
  const pager =
    paging.pages > 1
      ? `<nav aria-label="Sidor"><p>${paging.page > 1 ? `<a href="${e(qs(paging.page - 1))}">← Föregående</a> ` : ''}Sida ${paging.page} av ${paging.pages}${paging.page < paging.pages ? ` <a href="${e(qs(paging.page + 1))}">Nästa →</a>` : ''}</p></nav>`
      : '';
  const opt = (value: string, label: string, current: string) => `<option value="${e(value)}"${value === current ? ' selected' : ''}>${e(label)}</option>`;
  const form = `<form class="filters" method="get" action="/debatt">
<div><label for="kommun">Kommun</label><select id="kommun" name="kommun">${opt('', 'Alla', filters.kommun)}${members.map((m) => opt(m, m, filters.kommun)).join('')}</select></div>
<div><label for="tema">Tema</label><select id="tema" name="tema">${opt('', 'Alla', filters.tema)}${TOPICS.map((t) => opt(t, TOPIC_LABELS[t], filters.tema)).join('')}</select></div>
<div><label for="genre">Genre</label><select id="genre" name="genre">${opt('', 'Alla', filters.genre)}${(['editorial', 'debate', 'column', 'letter', 'analysis'] as const).map((g) => opt(g, GENRE_LABELS[g], filters.genre)).join('')}</select></div>
<div><button type="submit">Visa</button></div></form>`;
  const body = rows.length
    ? `<ul class="results">${rows
        .map((r) => {
          const href = safeHref(r.url);
          const thread = r.inDebateOf ? `<span class="muted">I debatten om ”${e(withoutSectionLabel(r.inDebateOf))}”</span><br>` : '';
          return `<li${r.inDebateOf ? ' class="reply"' : ''}>${thread}${r.repliesToNetwork ? '<span class="flag">Svar till nätverket</span><br>' : ''}${r.answers && !(r.repliesToNetwork && r.answers === 'nätverket') ? `<span class="muted">Svar till ${e(r.answers)}</span><br>` : ''}${href ? `<a href="${e(href)}">${e(r.title)}</a>` : e(r.title)}<br><span class="muted">${e(GENRE_LABELS[r.genre])} · ${e(r.outlet)} · ${e(stockholmDate(r.publishedAt))}${labelsOf({ municipalities: r.municipalities, topics: r.topics as Topic[] }) ? ` · ${e(labelsOf({ municipalities: r.municipalities, topics: r.topics as Topic[] }))}` : ''}</span>${thesisLine(r)}${r.lead ? `<br><span class="lead">${e(r.lead)}</span>` : ''}<br><span class="open">Svara senast ${e(formatSwedishDate(r.replyBy))}</span></li>`;
        })
        .join('')}</ul>`
    : '<p>Inga öppna debattinlägg just nu.</p>';
  return layout(
    { ...ctx, active: 'debatt' },
    'Debatt',
    `<p>Ledare, debattartiklar, krönikor och insändare om dina kommuner och teman som fortfarande går att svara på: en debatts inlägg tillsammans, den som stänger först överst.</p>${form}<p class="muted" role="status">${paging.total} öppna inlägg</p>${body}${pager}`,
  );
}

/** What the secretariat posted, kept when the form comes back with errors. */
export interface StatementForm {
  id: string;
  title: string;
  date: string;
  until: string;
  keyPhrases: string;
  people: string;
  url: string;
  replace: boolean;
}

export function statementsPage(
  ctx: PageContext,
  list: Array<{ id: string; title: string; date: string; until: string; uptake: number }>,
  canAdd: boolean,
  message?: string,
  form?: { values: StatementForm; errors: Record<string, string> },
  previewHtml?: string,
): string {
  const rows = list.map((s) => `<tr><td><a href="/genomslag/${encodeURIComponent(s.id)}">${e(s.title)}</a></td><td>${e(s.date)}–${e(s.until)}</td><td>${s.uptake}</td></tr>`).join('');
  const v = form?.values;
  const err = (field: string) => {
    const m = form?.errors[field];
    return m ? `<p class="error" id="${field}-fel">${e(m)}</p>` : '';
  };
  const described = (field: string) => (form?.errors[field] ? ` aria-invalid="true" aria-describedby="${field}-fel"` : '');
  const html = canAdd
    ? `<h2>${v?.replace ? 'Ändra utspel' : 'Nytt utspel'}</h2>${form && Object.keys(form.errors).length ? '<p class="error" role="alert">Utspelet sparades inte: rätta fälten nedan.</p>' : ''}<form method="post" action="/genomslag"><input type="hidden" name="csrf" value="${e(ctx.user!.csrf)}">${v?.replace ? '<input type="hidden" name="ersatt" value="ja">' : ''}
<label for="title">Rubrik</label><input type="text" id="title" name="title" required maxlength="300" value="${e(v?.title ?? '')}"${described('title')}>${err('title')}
<label for="id">Id (a–z, 0–9, -; tomt: görs av rubriken)</label><input type="text" id="id" name="id" pattern="[a-z0-9-]+" maxlength="64" value="${e(v?.id ?? '')}"${described('id')}>${err('id')}
${form?.errors.id?.startsWith('Det finns redan') ? `<p><input type="checkbox" id="ersatt" name="ersatt" value="ja"><label for="ersatt" class="inline">Ersätt det befintliga (dess träffar matchas om)</label></p>` : ''}
<label for="date">Datum</label><input type="date" id="date" name="date" required value="${e(v?.date ?? '')}"${described('date')}>${err('date')}
<label for="until">Till och med (valfritt, standard 30 dagar, högst ett år)</label><input type="date" id="until" name="until" value="${e(v?.until ?? '')}"${described('until')}>${err('until')}
<label for="keyPhrases">Nyckelfraser, en per rad</label><textarea id="keyPhrases" name="keyPhrases" rows="4" required${described('keyPhrases')}>${e(v?.keyPhrases ?? '')}</textarea>${err('keyPhrases')}
<label for="people">Talespersoner, en per rad</label><textarea id="people" name="people" rows="2"${described('people')}>${e(v?.people ?? '')}</textarea>${err('people')}
<label for="url">Länk till utspelet (valfritt)</label><input type="url" id="url" name="url" maxlength="2048" value="${e(v?.url ?? '')}"${described('url')}>${err('url')}
<p><button type="submit">Registrera och matcha</button> <button type="submit" name="forhandsgranska" value="ja" class="secondary">Förhandsgranska träffar</button></p></form>${previewHtml ? `<h3>Träffar i förhandsgranskningen</h3>${previewHtml}` : ''}`
    : '';
  return layout(
    { ...ctx, active: 'genomslag' },
    'Genomslag',
    `${message ? `<p class="note" role="status">${e(message)}</p>` : ''}<table><thead><tr><th scope="col">Utspel</th><th scope="col">Fönster</th><th scope="col">I medierna</th></tr></thead><tbody>${rows || '<tr><td colspan="3">Inga utspel.</td></tr>'}</tbody></table>${html}`,
  );
}

export function settingsPage(ctx: PageContext, members: readonly string[], message?: string): string {
  const s = ctx.user!.sub;
  const alerts = s.alerts ?? (s.role === 'communicator' ? 'daily' : 'off');
  const digest = s.digest ?? 'weekly';
  const check = (name: string, value: string, on: boolean, label: string) => `<label><input type="checkbox" name="${name}" value="${e(value)}"${on ? ' checked' : ''}> ${e(label)}</label>`;
  const radio = (name: string, value: string, on: boolean, label: string) => `<label><input type="radio" name="${name}" value="${value}"${on ? ' checked' : ''}> ${e(label)}</label>`;
  return layout(
    { ...ctx, active: 'installningar' },
    'Inställningar',
    `${message ? `<p class="note" role="status">${e(message)}</p>` : ''}<p>Inloggad som ${e(s.email)} (${e(s.name)}).</p>
<form method="post" action="/installningar"><input type="hidden" name="csrf" value="${e(ctx.user!.csrf)}">
<fieldset><legend>Mina kommuner</legend><div class="checks">${members.map((m) => check('kommun', m, s.municipalities.includes(m), m)).join('')}</div></fieldset>
<fieldset><legend>Mina teman</legend><div class="checks">${TOPICS.map((t) => check('tema', t, s.topics.includes(t), TOPIC_LABELS[t])).join('')}</div></fieldset>
<fieldset><legend>Mina bevakningsord</legend><label for="bevakningsord">Ord att bevaka, åtskilda med komma (t.ex. SSAB, ljusbågsugn, hamnen)</label><input type="text" id="bevakningsord" name="bevakningsord" maxlength="800" value="${e((s.watchWords ?? []).join(', '))}"><p class="muted">Träffar i rubrik och ingress. I veckobrevet under ”Dina bevakningsord”, i Arkiv med <a href="/arkiv?bevakning=1">bevakning=1</a>.</p></fieldset>
<fieldset><legend>Veckobrevet</legend><div class="checks">${radio('digest', 'weekly', digest === 'weekly', 'Varje måndag')}${radio('digest', 'off', digest === 'off', 'Av')}</div></fieldset>
<fieldset><legend>Dagens debatt</legend><div class="checks">${radio('alerts', 'daily', alerts === 'daily', 'Vardagar 07.00')}${radio('alerts', 'off', alerts === 'off', 'Av')}</div></fieldset>
<p><button type="submit">Spara</button></p></form>
<h2>Logga ut överallt</h2><form method="post" action="/logga-ut"><input type="hidden" name="csrf" value="${e(ctx.user!.csrf)}"><input type="hidden" name="alla" value="ja"><p>Loggar ut i alla webbläsare och på alla enheter där du är inloggad (också kollegor på ett delat konto).</p><button type="submit" class="secondary">Logga ut överallt</button></form>
<h2>Avsluta</h2><form method="post" action="/installningar/avsluta"><input type="hidden" name="csrf" value="${e(ctx.user!.csrf)}"><p>Avslutar alla utskick och loggar ut.</p><button type="submit" class="secondary">Avsluta prenumerationen</button></form>`,
  );
}


/**
 * Genomslag's routes: the statements, each one's coverage and exports, and for the secretariat
 * registering, changing and removing a statement (an id is never taken over without the explicit
 * choice; a config statement is changed in config only).
 */
import type { Context, Hono } from 'hono';
import { buildCoverageReport, coverageJson, renderCoverageCsv, renderCoverageSection } from '../domain/coverage/report.ts';
import { statementIdFrom, statementWindow } from '../domain/statement.ts';
import { isoWeekOf } from '../domain/week.ts';
import { escapeHtml } from '../domain/digest/html.ts';
import { statementSchema } from '../config/schemas.ts';
import { layout, statementsPage, type PageContext, type StatementForm } from './pages.ts';
import type { Env, WebDeps } from './deps.ts';

export function registerStatementRoutes(app: Hono<Env>, deps: WebDeps, ctxFor: (c: Context<Env>) => PageContext): void {
  const allStatements = async () => [...new Map([...deps.configStatements, ...(await deps.statements.list())].map((s) => [s.id, s])).values()].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const statementList = async () =>
    Promise.all(
      (await allStatements()).map(async (s) => {
        const links = await deps.statements.coverage(s.id);
        const report = buildCoverageReport(s, links, { members: deps.members, feeds: deps.feeds, networkDomains: deps.networkDomains });
        return { id: s.id, title: s.title, date: s.date, until: statementWindow(s).until, uptake: report.uptake.length };
      }),
    );
  app.get('/genomslag', async (c) => c.html(statementsPage(ctxFor(c), await statementList(), c.get('sub').role === 'secretariat' && !!deps.matchStatement)));
  const reportFor = async (id: string) => {
    const s = (await allStatements()).find((x) => x.id === id);
    return s && { s, report: buildCoverageReport(s, await deps.statements.coverage(s.id), { members: deps.members, feeds: deps.feeds, networkDomains: deps.networkDomains }) };
  };
  const unknownStatement = (c: Context<Env>) => c.html(layout({ ...ctxFor(c), active: 'genomslag' }, 'Okänt utspel', '<p>Det finns inget utspel med det id:t. <a href="/genomslag">Alla utspel</a></p>'), 404);
  app.get('/genomslag/:id', async (c) => {
    const found = await reportFor(c.req.param('id'));
    if (!found) return unknownStatement(c);
    const { s, report } = found;
    const section = renderCoverageSection(report, deps.clock.now()).replace(/<h2>[\s\S]*?<\/h2>/, '');
    const id = encodeURIComponent(s.id);
    const links = `<p><a href="/arkiv?utspel=${id}&amp;fran=${isoWeekOf(new Date(`${s.date}T12:00:00Z`))}&amp;till=${isoWeekOf(new Date(`${statementWindow(s).until}T12:00:00Z`))}">Visa i arkivet</a> · <a href="/genomslag/${id}/csv">Ladda ner som CSV (Excel)</a> · <a href="/genomslag/${id}/json">JSON</a></p>`;
    return c.html(layout({ ...ctxFor(c), active: 'genomslag' }, s.title, `${links}${manage(c, s.id)}${section}`));
  });
  // The secretariat changes or removes a registered statement from its page (a config statement only in config).
  const canManage = (c: Context<Env>, id: string) => c.get('sub').role === 'secretariat' && !!deps.matchStatement && !deps.configStatements.some((x) => x.id === id);
  const manage = (c: Context<Env>, id: string) =>
    canManage(c, id)
      ? `<p><a href="/genomslag/${encodeURIComponent(id)}/andra">Ändra utspelet</a></p><form method="post" action="/genomslag/${encodeURIComponent(id)}/ta-bort"><input type="hidden" name="csrf" value="${escapeHtml(ctxFor(c).user!.csrf)}"><p><input type="checkbox" id="bekrafta" name="bekrafta" value="ja" required><label for="bekrafta" class="inline">Ja, ta bort utspelet och dess artikellänkar</label> <button type="submit" class="secondary">Ta bort</button></p></form>`
      : '';
  app.get('/genomslag/:id/andra', async (c) => {
    const s = await deps.statements.get(c.req.param('id'));
    if (!s || !canManage(c, s.id)) return unknownStatement(c);
    const values: StatementForm = { id: s.id, title: s.title, date: s.date, until: s.until ?? '', keyPhrases: s.keyPhrases.join('\n'), people: s.people.join('\n'), url: s.url ?? '', replace: true };
    return c.html(statementsPage(ctxFor(c), await statementList(), true, `Ändrar utspelet ${s.id}: sparat ersätter det, och dess träffar matchas om.`, { values, errors: {} }));
  });
  app.post('/genomslag/:id/ta-bort', async (c) => {
    const id = c.req.param('id');
    if (!canManage(c, id)) return c.html(layout(ctxFor(c), 'Inte tillåtet', '<p class="error">Bara sekretariatet kan ta bort registrerade utspel; nätverkets fasta utspel ändras i konfigurationen.</p>'), 403);
    if ((await c.req.parseBody()).bekrafta !== 'ja') return c.redirect(`/genomslag/${encodeURIComponent(id)}`, 303);
    const out = await deps.statements.remove(id);
    return c.html(statementsPage(ctxFor(c), await statementList(), true, out.removed ? `Utspelet ${id} togs bort, med ${out.links} artikellänkar.` : `Inget registrerat utspel med id ${id}.`));
  });
  // The same exports as `monitor coverage --format csv|json`.
  app.get('/genomslag/:id/csv', async (c) => {
    const found = await reportFor(c.req.param('id'));
    if (!found) return unknownStatement(c);
    return c.body(renderCoverageCsv([found.report]), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="genomslag-${found.s.id}.csv"` });
  });
  app.get('/genomslag/:id/json', async (c) => {
    const found = await reportFor(c.req.param('id'));
    if (!found) return unknownStatement(c);
    return c.body(coverageJson(found.report), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.post('/genomslag', async (c) => {
    if (c.get('sub').role !== 'secretariat' || !deps.matchStatement) return c.html(layout(ctxFor(c), 'Inte tillåtet', '<p class="error">Bara sekretariatet kan registrera utspel.</p>'), 403);
    const form = await c.req.parseBody();
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const lines = (v: unknown) => text(v).split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
    const posted: StatementForm = { id: text(form.id).trim(), title: text(form.title), date: text(form.date), until: text(form.until), keyPhrases: text(form.keyPhrases), people: text(form.people), url: text(form.url).trim(), replace: form.ersatt === 'ja' };
    // An id is made from the title when none is given; an existing one is never taken over without the explicit choice.
    const id = posted.id || statementIdFrom(posted.title, posted.date);
    const parsed = statementSchema.safeParse({ id, date: posted.date, ...(posted.until ? { until: posted.until } : {}), title: posted.title, keyPhrases: lines(posted.keyPhrases), people: lines(posted.people), ...(posted.url ? { url: posted.url } : {}) });
    const again = async (status: 400 | 409, errors: Record<string, string>) => c.html(statementsPage(ctxFor(c), await statementList(), true, undefined, { values: { ...posted, id }, errors }), status);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'id')] ??= i.message;
      return again(400, errors);
    }
    // A preview saves nothing: what the phrases would match among the stored articles of the window.
    if (form.forhandsgranska === 'ja' && deps.previewStatement) {
      const p = await deps.previewStatement(parsed.data);
      const list = p.shown.map((h) => `<li><a href="${escapeHtml(h.url)}">${escapeHtml(h.title)}</a> <span class="muted">${escapeHtml(h.outlet)} · ${escapeHtml(h.publishedAt.slice(0, 10))} · ${escapeHtml(h.evidence.join(', '))}</span></li>`).join('');
      const note = `Förhandsgranskning, inget sparat: ${p.total} lagrade artiklar i fönstret skulle matcha${p.total > p.shown.length ? ` (de ${p.shown.length} senaste visas)` : ''}.`;
      return c.html(statementsPage(ctxFor(c), await statementList(), true, note, { values: { ...posted, id }, errors: {} }, list ? `<ul class="results">${list}</ul>` : '<p>Inga träffar.</p>'));
    }
    if (deps.configStatements.some((x) => x.id === id)) return again(409, { id: `${id} är ett av nätverkets fasta utspel (i konfigurationen) och ändras där; välj ett annat id.` });
    const existing = await deps.statements.get(id);
    if (existing && !posted.replace) return again(409, { id: `Det finns redan ett utspel med id ${id} (”${existing.title}”). Välj ett annat id, eller kryssa i ”Ersätt det befintliga” för att ändra det.` });
    const message = await deps.matchStatement(parsed.data);
    return c.html(statementsPage(ctxFor(c), await statementList(), true, existing ? `Utspelet ${id} ersattes. ${message}` : message));
  });

}

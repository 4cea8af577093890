/**
 * Bevakningen på webben: one Hono app, served by a Lambda function URL in AWS and by
 * `monitor serve` on 127.0.0.1 locally. Every page needs a signed-in subscriber; only the sign-in
 * form, the mailed link and the static CSS/JS are public (PUBLIC_PATHS, walked by a test).
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { ArticleStore, Clock, Mailer, SearchShardStore, SignInStore, StatementStore, SubscriberStore } from '../ports.ts';
import { TOPICS, type Feed, type Statement, type Subscriber, type Topic } from '../domain/types.ts';
import { normaliseEmail, subscriberId } from '../domain/subscriber.ts';
import { isoWeekOf, parseIsoWeek, previousWeek } from '../domain/week.ts';
import { GENRE_LABELS } from '../domain/digest/build.ts';
import { buildCoverageReport, coverageJson, renderCoverageCsv, renderCoverageSection } from '../domain/coverage/report.ts';
import { escapeHtml } from '../domain/digest/html.ts';
import { TOPIC_LABELS } from '../domain/labels.ts';
import { statementIdFrom, statementWindow, stockholmDate } from '../domain/statement.ts';
import { statementSchema } from '../config/schemas.ts';
import { ARCHIVE_PARAMS, ArchiveIndex, parseGenre, parseTopic } from './archive.ts';
import { clientKey, SIGN_IN_LIMITS, csrfToken, csrfValid, newToken, sessionKeys, signSession, SIGN_IN_LINK_MINUTES, tokenHash, verifySession, SESSION_HOURS } from './session.ts';

export { clientKey, SIGN_IN_LIMITS } from './session.ts';
import type { Env, WebDeps } from './deps.ts';
import { weekView } from './week-view.ts';
import { registerStatementRoutes } from './statement-routes.ts';
import { debateView } from './debate-view.ts';
import { applySettings } from './settings.ts';
import { archivePage, resubscribePage, unsubscribeConfirmPage, CSS, debatePage, JS, layout, linkFailedPage, signInLinkPage, type StatementForm, settingsPage, signInPage, statementsPage, weekPage, whyText, type PageContext } from './pages.ts';

export type { WebDeps } from './deps.ts';

/** Reachable without signing in. Everything else redirects (303) to /logga-in. */
export const PUBLIC_PATHS = ['/logga-in', '/logga-in/lank', '/static/app.css', '/static/app.js', '/halsa'] as const;
/** The signed-in pages (GET), for the route-walk test. */
export const PAGE_PATHS = ['/', '/veckan', '/arkiv', '/arkiv.csv', '/debatt', '/genomslag', '/genomslag/x', '/installningar'] as const;


const PAGE_SIZE = 25;
const RESUBSCRIBE_PATH = '/prenumerera-igen';
const SIGN_IN_MIN_MS = 600;
const DEBATE_PAGE_SIZE = 40;
const SESSION_COOKIE = 'bevakning_session';
const PRE_COOKIE = 'bevakning_pre';

export type { Env } from './deps.ts';

export function createWebApp(deps: WebDeps) {
  const keys = sessionKeys(deps.sessionSecret ?? deps.secret);
  const rateKey = createHash('sha256').update(`rate:${deps.secret}`).digest();
  const archive = new ArchiveIndex({ relevantByWeek: async (week) => (await deps.articles.relevantByWeek(week)).entries, shards: deps.shards }, deps.clock);
  const app = new Hono<Env>();
  const cookieOpts = { httpOnly: true, secure: deps.secureCookies, sameSite: 'Lax' as const, path: '/' };
  const ctxFor = (c: Context<Env>): PageContext => ({ appName: deps.appName, user: c.get('sub') ? { sub: c.get('sub'), csrf: csrfToken(keys, c.get('session')) } : undefined });

  // Security headers on every response.
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    // The sign-in link carries its token in the URL: never pass it on as a referrer.
    c.header('Referrer-Policy', 'no-referrer');
    if (deps.secureCookies) c.header('Strict-Transport-Security', 'max-age=31536000');
    if (!c.req.path.startsWith('/static/')) c.header('Cache-Control', 'no-store');
  });

  // Only the addresses this server is reached by: a forged Host never shapes a page or a mailed link.
  if (deps.allowedHosts) {
    const allowed = new Set(deps.allowedHosts.map((h) => h.toLowerCase()));
    app.use('*', async (c, next) => {
      const host = (c.req.header('host') ?? '').toLowerCase();
      if (!allowed.has(host)) return c.text('Okänd värd.', 421);
      return next();
    });
  }

  app.get('/static/app.css', (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/static/app.js', (c) => c.body(JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/halsa', (c) => c.text('ok'));

  // Sign-in. The answer is the same whether or not the address is subscribed (no enumeration).
  const preCookie = (c: Context<Env>) => {
    let pre = getCookie(c, PRE_COOKIE);
    if (!pre || !/^[A-Za-z0-9_-]{16,64}$/.test(pre)) {
      pre = randomBytes(18).toString('base64url');
      setCookie(c, PRE_COOKIE, pre, { ...cookieOpts, maxAge: 3600 });
    }
    return pre;
  };
  app.get('/logga-in', (c) => {
    const out = c.req.query('ute');
    const note = out === 'alla' ? 'Du är utloggad i alla webbläsare och på alla enheter.' : out === 'ja' ? 'Du är utloggad i den här webbläsaren.' : undefined;
    return c.html(signInPage({ appName: deps.appName }, csrfToken(keys, `pre:${preCookie(c)}`), note ? { kind: 'note', text: note } : undefined));
  });
  app.post('/logga-in', async (c) => {
    const started = Date.now();
    const answer = async (res: Response) => {
      const wait = (deps.signInMinMs ?? SIGN_IN_MIN_MS) - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return res;
    };
    const form = await c.req.parseBody();
    const pre = getCookie(c, PRE_COOKIE);
    if (!csrfValid(keys, pre ? `pre:${pre}` : undefined, form.csrf)) return c.html(layout({ appName: deps.appName }, 'Ogiltig begäran', '<p class="error">Formuläret hade gått ut. <a href="/logga-in">Försök igen</a>.</p>'), 403);
    const email = normaliseEmail(typeof form.email === 'string' ? form.email : '').slice(0, 254);
    const now = deps.clock.now();
    const window = Math.floor(now.getTime() / 1000 / SIGN_IN_LIMITS.windowSeconds) * SIGN_IN_LIMITS.windowSeconds;
    // Counter keys are keyed hashes: the table never holds a guessable hash of an address or an IP.
    const hashed = (s: string) => createHmac('sha256', rateKey).update(s).digest('hex').slice(0, 32);
    // Every limit counts before the address is looked up, and a limit stops the mail, never the
    // answer: nobody can lock a person out, or learn from a refusal that an address is subscribed.
    const clientOk = await deps.signIn.hit(`client:${hashed(clientKey(deps.clientIp(c)))}`, window, SIGN_IN_LIMITS.windowSeconds, SIGN_IN_LIMITS.perClient);
    const addressOk = clientOk && (await deps.signIn.hit(`address:${hashed(email)}`, window, SIGN_IN_LIMITS.windowSeconds, SIGN_IN_LIMITS.perAddress));
    const sub = addressOk && email.includes('@') ? await deps.subscribers.get(subscriberId(email, deps.secret)) : undefined;
    // All sign-in mail of an hour is capped: a flood of requests for real addresses stops at the cap.
    const hour = Math.floor(now.getTime() / 3_600_000) * 3600;
    // Someone who unsubscribed (their details are kept 30 days) may sign in too: only to subscribe again themselves.
    const mailOk = !!sub && (await deps.signIn.hit('all-sign-in-mail', hour, 3600, SIGN_IN_LIMITS.perHour));
    if (sub && !mailOk) deps.onSignInCapReached?.();
    if (sub && mailOk) {
      const token = newToken();
      await deps.signIn.putToken(tokenHash(token), sub.id, new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000), sub.sessionEpoch ?? 0);
      const link = `${(deps.baseUrl ?? new URL(c.req.url).origin).replace(/\/$/, '')}/logga-in/lank?t=${token}`;
      await deps.mailer.send({
        to: sub.email,
        subject: `Logga in på ${deps.appName}`,
        html: `<!DOCTYPE html><html lang="sv"><body><p>Hej!</p><p><a href="${escapeHtml(link)}">Logga in på ${escapeHtml(deps.appName)}</a></p><p>Länken gäller i ${SIGN_IN_LINK_MINUTES} minuter och kan användas en gång. Bad du inte om den kan du bortse från det här brevet.</p></body></html>`,
        text: `Hej!\n\nLogga in på ${deps.appName}:\n${link}\n\nLänken gäller i ${SIGN_IN_LINK_MINUTES} minuter och kan användas en gång. Bad du inte om den kan du bortse från det här brevet.\n`,
        headers: {},
        slug: `logga-in-${sub.id}-${now.getTime()}`,
      });
      deps.onSignInLink?.(sub.email, link);
    }
    return answer(c.html(signInPage({ appName: deps.appName }, csrfToken(keys, `pre:${pre}`), { kind: 'note', text: 'Om adressen har en prenumeration har vi skickat en inloggningslänk till den. Länken gäller i 15 minuter.' })));
  });
  // The mailed link opens a page whose button signs in: a mail scanner's GET or HEAD spends nothing,
  // and a link issued before the person signed out everywhere no longer works.
  app.get('/logga-in/lank', (c) => {
    const token = c.req.query('t') ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return c.html(linkFailedPage({ appName: deps.appName }), 400);
    return c.html(signInLinkPage({ appName: deps.appName }, token, csrfToken(keys, `pre:${preCookie(c)}`)));
  });
  app.post('/logga-in/lank', async (c) => {
    const form = await c.req.parseBody();
    const pre = getCookie(c, PRE_COOKIE);
    if (!csrfValid(keys, pre ? `pre:${pre}` : undefined, form.csrf)) return c.html(layout({ appName: deps.appName }, 'Ogiltig begäran', '<p class="error">Sidan hade gått ut. Öppna länken i brevet igen.</p>'), 403);
    const token = typeof form.t === 'string' ? form.t : '';
    const claim = /^[A-Za-z0-9_-]{43}$/.test(token) ? await deps.signIn.consumeToken(tokenHash(token), deps.clock.now()) : undefined;
    const sub = claim ? await deps.subscribers.get(claim.subscriberId) : undefined;
    if (!sub || claim!.epoch !== (sub.sessionEpoch ?? 0)) return c.html(linkFailedPage({ appName: deps.appName }), 400);
    setCookie(c, SESSION_COOKIE, signSession(keys, sub.id, sub.sessionEpoch ?? 0, deps.clock.now()), { ...cookieOpts, maxAge: SESSION_HOURS * 3600 });
    return c.redirect(sub.active ? '/veckan' : RESUBSCRIBE_PATH, 303);
  });

  // Everything below needs a signed-in, active subscriber.
  app.use('*', async (c, next) => {
    const session = getCookie(c, SESSION_COOKIE);
    const verified = verifySession(keys, session, deps.clock.now());
    const sub = verified ? await deps.subscribers.get(verified.subscriberId) : undefined;
    if (!sub || !session || verified!.epoch !== (sub.sessionEpoch ?? 0)) return c.redirect('/logga-in', 303);
    // One who unsubscribed sees one page only: the choice to subscribe again (their own request).
    if (!sub.active && c.req.path !== RESUBSCRIBE_PATH) return c.redirect(RESUBSCRIBE_PATH, 303);
    c.set('sub', sub);
    c.set('session', session);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!csrfValid(keys, session, form.csrf)) return c.html(layout(ctxFor(c), 'Ogiltig begäran', '<p class="error">Formuläret saknade eller hade en ogiltig kontrollkod. Ladda om sidan och försök igen.</p>'), 403);
    }
    return next();
  });

  app.get(RESUBSCRIBE_PATH, (c) => (c.get('sub').active ? c.redirect('/veckan', 303) : c.html(resubscribePage(ctxFor(c)))));
  app.post(RESUBSCRIBE_PATH, async (c) => {
    const sub = c.get('sub');
    // The person's own signed-in request: the suppression goes, the subscription is on again (imports never do this).
    await deps.subscribers.clearSuppression(sub.id);
    await deps.subscribers.setActive(sub.id, true);
    c.set('sub', { ...sub, active: true });
    return c.html(settingsPage(ctxFor(c), deps.members, 'Välkommen tillbaka: du prenumererar igen.'));
  });
  app.get('/', (c) => c.redirect('/veckan', 303));
  // "Logga ut" signs out this browser; "Logga ut överallt" (alla=ja) ends every session of the person,
  // a cookie copied elsewhere included: on a shared mailbox account that is a choice, never a side effect.
  app.post('/logga-ut', async (c) => {
    const everywhere = (await c.req.parseBody()).alla === 'ja';
    if (everywhere) await deps.subscribers.endSessions(c.get('sub').id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect(`/logga-in?ute=${everywhere ? 'alla' : 'ja'}`, 303);
  });

  app.get('/veckan', async (c) => {
    const sub = c.get('sub');
    const running = isoWeekOf(deps.clock.now());
    // A week asked for (?vecka=YYYY-Www, not in the future); else the running week once it has
    // content, and until then the week the latest letter covered (Monday morning: last week).
    const asked = c.req.query('vecka');
    let week = running;
    if (asked && /^\d{4}-W\d{2}$/.test(asked)) {
      try {
        parseIsoWeek(asked);
        week = asked < running ? asked : running;
      } catch {
        week = running;
      }
    } else if (!(await archive.entries([running]))[0]!.length) week = previousWeek(running);
    const weeks = [week];
    while (weeks.length < 8) weeks.unshift(previousWeek(weeks[0]!));
    return c.html(weekPage(ctxFor(c), { ...weekView(await archive.entries(weeks), sub, deps.members), week, weeks, running }));
  });

  const archiveQuery = (c: Context<Env>) => {
    const now = deps.clock.now();
    const validWeek = (v: string | undefined) => {
      if (!v || !/^\d{4}-W\d{2}$/.test(v)) return undefined;
      try {
        parseIsoWeek(v);
        return v;
      } catch {
        return undefined;
      }
    };
    // Nothing is stored for weeks to come: the range ends at the running week at the latest.
    const current = isoWeekOf(now);
    const asked = validWeek(c.req.query('till'));
    const till = asked && asked < current ? asked : current;
    let fran = validWeek(c.req.query('fran')) ?? isoWeekOf(new Date(now.getTime() - 51 * 7 * 86400_000));
    if (fran > till) fran = till;
    const kommun = deps.members.find((m) => m.toLowerCase() === (c.req.query('kommun') ?? '').trim().toLowerCase());
    return { q: (c.req.query('q') ?? '').slice(0, 200), kommun, tema: parseTopic(c.req.query('tema')), genre: parseGenre(c.req.query('genre')), utspel: c.req.query('utspel')?.match(/^[a-z0-9-]{1,80}$/)?.[0], fran, till, ...(c.req.query('bevakning') === '1' ? { watch: c.get('sub').watchWords ?? [], bevakning: '1' } : {}) };
  };
  const queryString = (q: ReturnType<typeof archiveQuery>, extra: Record<string, string> = {}) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: q.q, kommun: q.kommun, tema: q.tema, genre: q.genre, utspel: q.utspel, fran: q.fran, till: q.till, bevakning: q.bevakning, ...extra })) if (v) p.set(k, v);
    return p.toString();
  };

  app.get('/arkiv', async (c) => {
    const q = archiveQuery(c);
    const { results, noSearchableWords } = await archive.search(q);
    // A page past the last shows the last; a filter the archive does not know, or a value it does
    // not understand, is said, never silently dropped.
    const pages = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
    const page = Math.max(1, Math.min(pages, Number(c.req.query('sida')) || 1));
    const shown = results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const notes: string[] = [];
    if (noSearchableWords) notes.push(`Sökningen ”${q.q.slice(0, 40)}” innehåller inget sökbart ord: skriv minst ett ord med bokstäver eller siffror.`);
    const unknown = Object.keys(c.req.queries()).filter((k) => !ARCHIVE_PARAMS.has(k));
    if (unknown.length) notes.push(`Okänt filter: ${unknown.slice(0, 5).join(', ')}. Arkivet filtrerar på q, kommun, tema, genre, fran, till och utspel.`);
    if (q.watch && !q.watch.length) notes.push('Du har inga bevakningsord ännu: lägg till dem under Inställningar.');
    for (const [k, v] of [['kommun', q.kommun], ['tema', q.tema], ['genre', q.genre]] as const) if (c.req.query(k) && !v) notes.push(`Okänt värde för ${k}: ”${(c.req.query(k) ?? '').slice(0, 40)}”; alla visas.`);
    // "Varför?": the stored evidence of the shown page only.
    const full = await deps.articles.getMany(shown.map((x) => x.id)).catch(() => new Map<string, never>());
    return c.html(
      archivePage(ctxFor(c), {
        query: { q: q.q, kommun: q.kommun ?? '', tema: q.tema ?? '', genre: q.genre ?? '', fran: q.fran, till: q.till, utspel: q.utspel ?? '', bevakning: q.bevakning },
        members: deps.members,
        total: results.length,
        page,
        pageSize: PAGE_SIZE,
        results: shown.map((entry) => ({ entry, why: whyText(full.get(entry.id)) })),
        csvHref: `/arkiv.csv?${queryString(q)}`,
        pageHref: (n) => `/arkiv?${queryString(q, { sida: String(n) })}`,
        notes,
      }),
    );
  });

  app.get('/arkiv.csv', async (c) => {
    const q = archiveQuery(c);
    const { results } = await archive.search(q);
    const rows = [['Datum', 'Medium', 'Rubrik', 'Genre', 'Kommuner', 'Teman', 'Länk'], ...results.slice(0, 10_000).map((x) => [stockholmDate(x.publishedAt), x.outlet, x.title, GENRE_LABELS[x.genre], x.municipalities.join(', '), x.topics.map((t) => TOPIC_LABELS[t]).join(', '), x.url])];
    // The coverage export's rules: ";" and a BOM for Swedish Excel, formula cells neutralised.
    const csv = `\uFEFF${stringify(rows, { delimiter: ';', escape_formulas: true, record_delimiter: 'windows' })}`;
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="arkiv-${q.fran}-${q.till}.csv"` });
  });

  app.get('/debatt', async (c) => {
    const now = deps.clock.now();
    const weeks = [isoWeekOf(now), previousWeek(isoWeekOf(now)), previousWeek(previousWeek(isoWeekOf(now)))];
    const entries = (await archive.entries(weeks)).flat();
    const filters = { kommun: deps.members.find((m) => m === c.req.query('kommun')), tema: parseTopic(c.req.query('tema')), genre: parseGenre(c.req.query('genre')) };
    const rows = debateView(entries, c.get('sub'), now, new Date(now.getTime() - 21 * 86400_000), filters);
    const pages = Math.max(1, Math.ceil(rows.length / DEBATE_PAGE_SIZE));
    const page = Math.max(1, Math.min(pages, Number(c.req.query('sida')) || 1));
    return c.html(debatePage(ctxFor(c), rows.slice((page - 1) * DEBATE_PAGE_SIZE, page * DEBATE_PAGE_SIZE), { page, pages, total: rows.length }, { kommun: filters.kommun ?? '', tema: filters.tema ?? '', genre: filters.genre ?? '' }, deps.members));
  });

  registerStatementRoutes(app, deps, ctxFor);

  app.get('/installningar', (c) => c.html(settingsPage(ctxFor(c), deps.members)));
  app.post('/installningar', async (c) => {
    const { updated, message } = applySettings(await c.req.parseBody({ all: true }), c.get('sub'), deps.members);
    await deps.subscribers.put(updated);
    c.set('sub', updated);
    return c.html(settingsPage(ctxFor(c), deps.members, message));
  });
  // Ending the subscription asks first: the settings page's button only shows what will happen.
  app.post('/installningar/avsluta', async (c) => {
    if ((await c.req.parseBody()).bekrafta !== 'ja') return c.html(unsubscribeConfirmPage(ctxFor(c)));
    await deps.subscribers.setActive(c.get('sub').id, false);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.html(layout({ appName: deps.appName }, 'Prenumerationen är avslutad', '<p class="note">Du får inga fler utskick och är utloggad.</p>'));
  });

  app.notFound((c) => c.html(layout(ctxFor(c), 'Sidan finns inte', '<p><a href="/veckan">Till Veckan</a></p>'), 404));
  app.onError((err, c) => {
    deps.onServerError?.(c.req.path, err);
    console.error(JSON.stringify({ level: 'ERROR', message: 'web request failed', path: c.req.path, error: err instanceof Error ? err.message : String(err) }));
    return c.html(layout({ appName: deps.appName }, 'Något gick fel', '<p class="error">Försök igen om en stund.</p>'), 500);
  });
  return app;
}


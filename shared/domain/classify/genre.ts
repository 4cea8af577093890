/**
 * Genre: the publisher's own markers first (title, categories, the lead's label), then its
 * structure (URL section, outlet kind, the feed's kind, a byline), then text cues; each decision
 * with its reason.
 */
import type { FeedKind, Genre } from '../types.ts';
import type { GenresFile } from '../../config/schemas.ts';
import { foldAscii, hostOf } from './text.ts';
import { creditedWriter, opensOnQuote } from '../opinion/author.ts';

export interface GenreInput {
  title: string;
  text: string;
  url?: string | undefined;
  outlet?: string | undefined;
  feedKind?: FeedKind | undefined;
  categories?: string[] | undefined;
}

export type GenreDecision = { genre: Genre; reason: string };

const GENRE_PRIORITY: Genre[] = ['column', 'letter', 'analysis', 'editorial', 'debate', 'other', 'press_release'];

/**
 * A signed piece's byline as its title or the start of its lead: "Förnamn Efternamn: rubrik". Two or
 * more capitalised words before the colon (a person, not "Experten:" or "Kravet:"), and not a quote
 * after it (an interview: "Elin Skarin: ”…”").
 */
const BYLINE = /^\s*\p{Lu}[\p{Ll}é]+(?:[ -](?:(?:de|la|af|von|van|der|den) ){0,2}\p{Lu}[\p{Ll}é]+){1,3}\s*:\s*(?![”"«'’])\S/u;

/** Imperatives that open a demand; not "Se", "Läs", "Kom", which open news teasers too. */
const DEMAND_TITLE = /^\s*(?:stoppa|sluta|ge oss|gör som|släpp|flytta|avskaffa|inför|satsa på|låt|tänk om|sänk|höj|bygg ut|rädda|värna|skydda|stärk|behåll|lyssna på|våga|riv upp|prioritera|säkra|skrota|slopa|bevara|investera i|utred)(?![\p{L}])/iu;

/**
 * The words a cue must contain, read off the start of its pattern ("\\bdet här är en (krönika|…)" →
 * "det här är en "): a substring search rules most texts out before the pattern runs. Null when the
 * pattern opens on anything but plain words.
 */
export function leadingLiteral(source: string): string | null {
  const m = /^(?:\^|\\b|\(\?<!\[\\p\{L\}\]\))?([a-zåäöé ]{4,})(.?)/u.exec(source);
  if (!m) return null;
  // A quantifier after the run makes its last letter optional ("krönikan?").
  const literal = /[?*{]/.test(m[2]!) ? m[1]!.slice(0, -1) : m[1]!;
  return literal.length >= 4 ? literal : null;
}

/** The writer's own voice: a supporting cue for genre, never one alone. */
const FIRST_PERSON = /(?<![\p{L}])(?:jag|vi|mig|oss|min|mitt|mina|vår|vårt|våra)(?![\p{L}])/u;

/** The entry for a host or, failing that, its nearest parent domain: a few lookups, not a scan of the list. */
function byDomain<T>(map: ReadonlyMap<string, T>, host: string): T | undefined {
  for (let h = host; h; ) {
    const v = map.get(h);
    if (v !== undefined) return v;
    const dot = h.indexOf('.');
    if (dot < 0) return undefined;
    h = h.slice(dot + 1);
  }
  return undefined;
}

/** A domain list, looked up by the host and each of its parent domains. */
function domainSet(list: readonly string[]): (host: string) => boolean {
  const map = new Map(list.map((d) => [d, true] as const));
  return (host) => byDomain(map, host) === true;
}

/**
 * `newsHosts`: the registry's own news and opinion feeds, known news outlets whether or not
 * genres.json lists them (an organisation's newsroom in the registry stays a newsroom).
 */
function compileRules(cfg: GenresFile, newsHosts: readonly string[]) {
  const organisation = domainSet(cfg.organisationOutlets);
  return {
    titleMarkers: cfg.titleMarkers.map((m) => ({ re: new RegExp(m.re, 'iu'), genre: m.genre })),
    categoryMarkers: cfg.categoryMarkers.map((m) => ({ re: new RegExp(m.re, 'iu'), genre: m.genre })),
    leadMarkers: cfg.leadMarkers.map((m) => ({ re: new RegExp(m.re, 'u'), genre: m.genre })),
    pathMarkers: new Map<string, Genre | 'opinion'>(cfg.pathMarkers.map((m) => [m.segment, m.genre])),
    // Cues run on the lower-cased text: no case folding at match time (genres.json writes them in lower case).
    textCues: cfg.textCues.map((c) => ({ re: new RegExp(c.re, 'u'), has: leadingLiteral(c.re), genre: c.genre, w: c.w })),
    outlets: { news: domainSet([...cfg.newsOutlets, ...newsHosts].filter((h) => !organisation(h))), organisation, debate: domainSet(cfg.debateOutlets), analysis: domainSet(cfg.analysisOutlets), other: domainSet(cfg.otherOutlets) },
    unknownRules: cfg.unknownOutletRules.map((r) => ({ host: r.host ? new RegExp(r.host, 'i') : null, path: r.path ? new RegExp(r.path, 'i') : null, genre: r.genre, why: r.why })),
    cfg,
  };
}
type Rules = ReturnType<typeof compileRules>;

/** The publisher's own markers: the title's, the item's categories, the lead's label. */
function markerGenre(input: GenreInput, r: Rules): GenreDecision | null {
  for (const m of r.titleMarkers) if (m.re.test(input.title)) return { genre: m.genre, reason: `title marker "${input.title.slice(0, 20)}"` };
  for (const c of input.categories ?? []) {
    const m = r.categoryMarkers.find((x) => x.re.test(c.trim()));
    if (m) return { genre: m.genre, reason: `publisher category "${c}"` };
  }
  // A photo credit may stand before the label ("Foto: Namn/TT KÅSERI …").
  let leadStart = input.text.slice(0, 100);
  if (/^(foto|bild):/i.test(leadStart)) leadStart = leadStart.replace(/^(?:foto|bild):\s*[^/\n]{1,40}\/\S+\s+/iu, '');
  // The label opens the lead, or the body after a lead of its own ("Ingress …\n\nKOMMENTAR. …").
  const lead = leadMarker(leadStart, r);
  if (lead) return lead;
  const body = bodyAfterLead(input.text);
  return body < 0 ? null : leadMarker(input.text.slice(body, body + 100), r);
}

/** Where the body starts after a first paragraph of its own (a blank line within 600 characters), or -1. */
function bodyAfterLead(text: string): number {
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < 600; nl = text.indexOf('\n', nl + 1)) {
    let i = nl + 1;
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\r') i++;
    if (text[i] !== '\n') continue;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    return i;
  }
  return -1;
}

/** Labels are upper-case words at the start, or after a section name and "|": look only then. */
function leadMarker(start: string, r: Rules): GenreDecision | null {
  if (!/^\p{Lu}{3}|^[^|]{0,30}\|/u.test(start)) return null;
  for (const m of r.leadMarkers) if (m.re.test(start)) return { genre: m.genre, reason: `lead marker "${start.slice(0, 24)}"` };
  return null;
}

/** The outlet's kind: organisation newsrooms, municipal sites, party and think-tank sites, blogs. */
function outletGenre(host: string, path: string, fromPath: Genre | undefined, r: Rules, lead: string): GenreDecision | null {
  const { cfg, outlets } = r;
  // A text the organisation's page credits to a named writer (", skriver Namn Namnsson, expert på …")
  // is that writer's signed piece; a press release says "säger".
  if (outlets.organisation(host)) return creditedWriter(lead) ? { genre: 'analysis', reason: `signed piece at organisation ${host}` } : { genre: 'press_release', reason: `organisation newsroom ${host}` };
  if (isMunicipalSite(host)) return { genre: 'press_release', reason: `municipality's own site ${host}` };
  if (fromPath === 'press_release') return { genre: 'press_release', reason: `URL path ${path}` };
  if (outlets.debate(host)) return { genre: 'debate', reason: `party or organisation opinion site ${host}` };
  if (outlets.analysis(host)) return { genre: 'analysis', reason: `think-tank or magazine essay site ${host}` };
  if (outlets.other(host)) return { genre: 'other', reason: `reference or information page ${host}` };
  if (cfg.blogPatterns.some((p) => host.includes(p))) {
    // A blog on a newspaper's own domain is its writers' column space.
    const parent = host.split('.').slice(1).join('.');
    if (outlets.news(parent)) return { genre: 'column', reason: `blog of news outlet ${parent}` };
    return { genre: 'other', reason: `blog ${host}` };
  }
  return null;
}

/** The feed's own kind: a press-release feed, an opinion feed (letter, column and editorial cues inside it). */
function feedKindGenre(input: GenreInput, titleLower: string, textLower: string): GenreDecision | null {
  if (input.feedKind === 'press_releases') return { genre: 'press_release', reason: 'press-release feed' };
  if (input.feedKind !== 'opinion') return null;
  return mixedOpinionGenre('opinion feed', titleLower, textLower);
}

/** Inside a mixed opinion container (an opinion feed, an outlet's mixed opinion section): its own cues, else an op-ed. */
function mixedOpinionGenre(where: string, titleLower: string, textLower: string): GenreDecision {
  if (/\b(insändare|signaturen)\b/u.test(textLower)) return { genre: 'letter', reason: `${where}, letter cue` };
  if (/\bkrönika\b/u.test(textLower)) return { genre: 'column', reason: `${where}, column cue` };
  if (/\bledare\b/u.test(titleLower)) return { genre: 'editorial', reason: `${where}, editorial cue` };
  return { genre: 'debate', reason: where === 'opinion feed' ? where : `${where}, no other cue` };
}

/**
 * The publisher's label as the first word of the article's slug ("/insandare-vad-forvantade-…"):
 * the title's label, kept in the URL when a feed drops it from the title. Only words that are
 * labels and nothing else ("debatt-om-…" and "ledare-for-…" are news about a debate or a leader).
 */
const SLUG_LABEL = /^(insandare|lasarbrev|replik|slutreplik|kronika|gastkronika|fria-ord)-./;
const SLUG_LABEL_GENRE: Record<string, Genre> = { insandare: 'letter', lasarbrev: 'letter', 'fria-ord': 'letter', replik: 'debate', slutreplik: 'debate', kronika: 'column', gastkronika: 'column' };

/** A writer who calls their own piece a letter ("min insändare") writes letters, whichever section prints the reply. */
const SELF_DESCRIBED_LETTER = /\bmin(?:a)? (?:tidigare )?insändare\b/u;

function decodedPath(url?: string): string {
  try {
    if (url) return decodeURIComponent(new URL(url).pathname).toLowerCase();
  } catch {
    /* no path */
  }
  return '';
}

/** What the text itself says, when the publisher said nothing: cues, an unknown outlet's rules, a personal site. */
function textGenre(input: GenreInput, host: string, path: string, textLower: string, r: Rules): GenreDecision {
  const known = r.outlets.news(host);
  // A news outlet's signed column outside its opinion sections: the byline heads the title or the lead.
  // "Namn: rubrik" over a lead that opens on a quote is an interview with that person, not their column.
  if (known && ((BYLINE.test(input.title) && !opensOnQuote(input.text)) || BYLINE.test(input.text.slice(0, 120)))) return { genre: 'column', reason: 'byline "Namn Namnsson:" at a news outlet' };
  // Elsewhere a demand in the title is an argument only when the writer also speaks in the first
  // person ("Jag …", "vi har inte råd"): a campaign page demands too, in no one's voice.
  if (!known && DEMAND_TITLE.test(input.title) && FIRST_PERSON.test(textLower.slice(0, 300))) return { genre: 'debate', reason: `demand in the title "${input.title.slice(0, 24)}" and a writer's own voice` };
  if (!known) {
    const rule = r.unknownRules.find((u) => (!u.host || u.host.test(host)) && (!u.path || u.path.test(path)));
    if (rule) return { genre: rule.genre, reason: `${rule.why} (${host}${path})` };
  }
  // A headline that demands ("Stoppa …", "Släpp nu fram …") is an argument, not a report ("Ja till …"
  // is left out: news uses it for a decision taken).
  if (known && DEMAND_TITLE.test(input.title)) return { genre: 'debate', reason: `demand in the title "${input.title.slice(0, 24)}"` };
  const scores = new Map<Genre, number>();
  for (const c of r.textCues) if ((c.has === null || textLower.includes(c.has)) && c.re.test(textLower)) scores.set(c.genre, (scores.get(c.genre) ?? 0) + c.w);
  const best = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= (known ? 2 : 1.5)) return { genre: best[0], reason: `text cues (${best[1]})` };
  if (!known && host && isPersonalSite(host, path)) return { genre: 'other', reason: `personal site ${host}` };
  return { genre: 'news', reason: known ? `news outlet ${host}` : 'default' };
}

/** What the registry knows of the outlets it polls. */
export interface GenreRegistry {
  /** Hosts of its news and opinion feeds: known news outlets whether or not genres.json lists them. */
  newsHosts?: readonly string[];
  /** Per-outlet section maps, by host: where a section means what its common name does not. */
  sections?: ReadonlyMap<string, ReadonlyMap<string, Genre | 'opinion'>>;
}

export function compileGenre(cfg: GenresFile, registry: GenreRegistry = {}): (input: GenreInput, titleLower: string, textLower: string) => GenreDecision {
  const r = compileRules(cfg, registry.newsHosts ?? []);
  const sections = registry.sections ?? new Map<string, ReadonlyMap<string, Genre | 'opinion'>>();
  return (input, titleLower, textLower) => {
    const marked = markerGenre(input, r);
    if (marked) return marked;
    const host = hostOf(input.url, input.outlet) ?? '';
    const path = decodedPath(input.url);
    const segments = path.split(/[/]/).filter(Boolean).map(foldAscii);
    // The outlet's own meaning of a section first, then the common Swedish section names.
    const own = byDomain(sections, host);
    const marker = (s: string) => own?.get(s) ?? r.pathMarkers.get(s);
    // A section's name may join two ("åsikt/insändare-debatt"): its words count, not the article's slug.
    const sectionWords = segments.slice(0, -1).flatMap((s) => (s.includes('-') ? s.split('-') : []));
    const slugLabel = SLUG_LABEL.exec(segments.at(-1) ?? '')?.[1];
    const fromPath =
      GENRE_PRIORITY.find((g) => segments.some((s) => marker(s) === g || (g === 'other' && s.startsWith('recension-'))) || sectionWords.some((w) => marker(w) === g)) ??
      (slugLabel ? SLUG_LABEL_GENRE[slugLabel] : undefined);
    // In an opinion section a quoted title is an outside author's op-ed; the paper's own pieces are unquoted.
    if (fromPath === 'editorial' && segments.includes('opinion') && !segments.some((s) => marker(s) === 'editorial' && s !== 'opinion') && /^\s*[”"«]/u.test(input.title)) {
      return { genre: 'debate', reason: `quoted title in the opinion section ${path}` };
    }
    if (fromPath === 'debate' && SELF_DESCRIBED_LETTER.test(textLower.slice(0, 400))) return { genre: 'letter', reason: `the writer calls it a letter, in ${path}` };
    if (fromPath && fromPath !== 'press_release') return { genre: fromPath, reason: `URL path ${path}` };
    if (own && segments.some((s) => own.get(s) === 'opinion')) return mixedOpinionGenre(`opinion section ${path} of ${host}`, titleLower, textLower);
    return outletGenre(host, path, fromPath, r, input.text.slice(0, 500)) ?? feedKindGenre(input, titleLower, textLower) ?? textGenre(input, host, path, textLower, r);
  };
}

/** Municipal websites are named after the municipality: lulea.se, kristinehamn.se, vartlulea.se. */
function isMunicipalSite(host: string): boolean {
  return /(^|\.)(\p{L}+kommun|kommun\p{L}*)\.se$/u.test(host) || MUNICIPAL_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

const MUNICIPAL_HOSTS = [
  'arvika.se', 'borlange.se', 'finspang.se', 'gislaved.se', 'kiruna.se', 'kristinehamn.se', 'lulea.se', 'vartlulea.se', 'mariestad.se', 'olofstrom.se',
  'oxelosund.se', 'oskarshamn.se', 'perstorp.se', 'sandviken.se', 'skovde.se', 'sodertalje.se', 'timra.se', 'trollhattan.se', 'ornskoldsvik.se',
  'skelleftea.se', 'umea.se', 'sundsvall.se', 'karlskoga.se', 'degerfors.se', 'gallivare.se', 'boden.se', 'pitea.se', 'kramfors.se', 'gnosjo.se',
];

/** A personal name as the domain (firstnamelastname.com) or a dated blog path. */
function isPersonalSite(host: string, path: string): boolean {
  if (/^\/\d{4}\/\d{2}\/[^/]+\.html$/.test(path)) return true;
  return /\/\d{4}\/(january|february|march|april|may|june|july|august|september|october|november|december)\//.test(path) || /^[a-z]+(agren|sson|berg|strom|lund|qvist|gren)\.(com|se|nu)$/.test(host);
}

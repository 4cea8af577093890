/**
 * Town scoring: member municipalities by their names, localities and sites, weighted by where they
 * stand and what surrounds them (a dateline, a list, a match report, a brand), the publisher's URL
 * filing, and a hyperlocal outlet's prior; then the rules that keep a passing mention out.
 */
import type { Classification, Topic } from '../types.ts';
import type { FieldHit, Lexicon } from './compile.ts';
import { MAX_REPEATS } from './topics.ts';
import { foldAscii, inList, isDateline, round } from './text.ts';
import { pathSegments } from '../address.ts';

export const MUNICIPALITY_THRESHOLD = 1.5;
/** The weight a hyperlocal outlet adds when no other member is named: as much as one lead mention. */
const HYPERLOCAL_PRIOR = 1.5;
const MUNI_FIELD_FACTOR = { title: 3, lead: 1.5, text: 1 } as const;
const PLACE_CONTEXT = /(?:^|[\s(])(?:i|från|till|utanför|nära|runt|kring|mellan|vid|mot)\s+$/u;

type MuniEvidence = Classification['evidence']['municipalities'];

export interface PlaceInput {
  title: string;
  text: string;
  titleLower: string;
  textLower: string;
  url?: string | undefined;
  host: string | null;
  topics: readonly Topic[];
}

/** One place word's weight where it stands: the title's, the lead's; less in a list, a match report, for a brand. */
function placeWeight(fh: FieldHit, p: Extract<FieldHit['hit']['payload'], { kind: 'muni' }>, a: PlaceInput, ctx: { isSports: boolean; brands: Set<string> }): number {
  const { hit, field } = fh;
  const source = field === 'title' ? a.titleLower : a.textLower;
  const original = field === 'title' ? a.title : a.text;
  let w = p.weight * MUNI_FIELD_FACTOR[field];
  if (field !== 'title' && hit.index === 0 && isDateline(a.text)) w = 0;
  if (ctx.isSports && p.source !== 'locality') w *= 0.2;
  if (p.source === 'name') {
    const before = source.slice(Math.max(0, hit.index - 24), hit.index);
    // "i Luleå", "mot Oxelösund": the place itself; "Karlskoga, Linköping, Örnsköldsvik och …": one of a list.
    if (PLACE_CONTEXT.test(before) && field === 'text') w *= 1.5;
    if (inList(original, hit.index, hit.matched.length)) w *= 0.5;
    // "från Luleå i norr till Ystad i söder": the ends of a span across the country, not the place.
    if (/^s?\s+i\s+(norr|söder|öster|väster)\b/u.test(source.slice(hit.index + hit.matched.length, hit.index + hit.matched.length + 20))) w = 0;
    // A team in a match report, or a brand, is not the town.
    if (ctx.brands.has(p.name)) w *= 0.1;
  }
  if (p.ambiguousCompany) {
    const before = source.slice(Math.max(0, hit.index - 24), hit.index);
    const after = source.slice(hit.index + hit.matched.length, hit.index + hit.matched.length + 12);
    if (PLACE_CONTEXT.test(before) || /^\s+(kommun|centrum|tätort)/u.test(after)) w = 1.5 * MUNI_FIELD_FACTOR[field];
  }
  return w;
}

/** The place words' evidence, and the members named as places (not only as a company that works there). */
function placeWordEvidence(hits: readonly FieldHit[], a: PlaceInput, urlSegments: string[], lex: Lexicon): { evidence: MuniEvidence; placeEvidence: Set<string> } {
  const evidence: MuniEvidence = {};
  const repeats = new Map<string, number>();
  const placeEvidence = new Set<string>();
  const sportsWords = new Set(hits.filter((h) => h.hit.payload.kind === 'sports').map((h) => h.hit.matched));
  // A match report: several sports words, a sports section, or match vocabulary in the title.
  const sportsTitle = hits.some((h) => h.hit.payload.kind === 'sports' && h.field === 'title');
  const isSports = sportsWords.size >= 3 || sportsTitle || urlSegments.some((seg) => lex.sportsPath.has(seg));
  const brands = new Set(hits.flatMap((h) => (h.hit.payload.kind === 'brand' ? [h.hit.payload.name] : [])));
  for (const fh of hits) {
    const p = fh.hit.payload;
    if (p.kind !== 'muni') continue;
    const w = placeWeight(fh, p, a, { isSports, brands });
    const rk = `${p.name}|${fh.hit.term}`;
    const n = (repeats.get(rk) ?? 0) + 1;
    repeats.set(rk, n);
    if (n > MAX_REPEATS) continue;
    const ev = (evidence[p.name] ??= { score: 0, hits: [] });
    ev.score += w;
    // A company that works in several places (Scania, LKAB, SSAB) is weaker than the place itself.
    if (w > 0 && !(p.source === 'site' && p.weight < 1)) placeEvidence.add(p.name);
    ev.hits.push({ term: fh.hit.term, matched: fh.hit.matched, field: fh.field, weight: round(w) });
  }
  return { evidence, placeEvidence };
}

/** The URL's section or slug naming a member ("/perstorp/…", "…-i-sandviken") is the publisher's own filing. */
function urlEvidence(urlSegments: string[], evidence: MuniEvidence, placeEvidence: Set<string>, lex: Lexicon): void {
  const segs = urlSegments.map(foldAscii);
  const sections = segs.slice(0, -1);
  const slugTokens = (segs.at(-1) ?? '').split('-');
  for (const [folded, name] of segs.length ? lex.memberByFolded : []) {
    const section = sections.includes(folded);
    const inSlug = slugTokens.some((t, i) => t === folded && (slugTokens[i - 1] === 'i' || slugTokens[i - 1] === 'fran' || slugTokens[i - 1] === 'till'));
    if (!section && !inSlug) continue;
    const ev = (evidence[name] ??= { score: 0, hits: [] });
    ev.score += MUNICIPALITY_THRESHOLD;
    placeEvidence.add(name);
    ev.hits.push({ term: section ? 'URL section' : 'URL slug', matched: segs.join('/'), field: 'url', weight: MUNICIPALITY_THRESHOLD });
  }
}

export function scoreMunicipalities(hits: readonly FieldHit[], a: PlaceInput, lex: Lexicon): { municipalities: string[]; evidence: MuniEvidence } {
  const urlSegments = pathSegments(a.url);
  const { evidence, placeEvidence } = placeWordEvidence(hits, a, urlSegments, lex);
  urlEvidence(urlSegments, evidence, placeEvidence, lex);
  // A story about something else, located elsewhere, does not become a member's through one
  // mention deep in the body (a weather warning, a relative's home town). In a story on the
  // network's themes such a mention is one of the sites concerned, and counts.
  if (a.topics.length === 0) {
    for (const ev of Object.values(evidence)) {
      const positive = ev.hits.filter((h) => h.weight > 0);
      if (positive.length === 1 && positive[0]!.field === 'text') ev.score = Math.min(ev.score, MUNICIPALITY_THRESHOLD - 0.01);
    }
  }
  const host = a.host;
  const prior = host ? (lex.hyperlocal.get(host) ?? [...lex.hyperlocal].find(([h]) => host.endsWith(`.${h}`))?.[1]) : undefined;
  if (prior && Object.values(evidence).every((e) => e.score < MUNICIPALITY_THRESHOLD)) {
    const ev = (evidence[prior] ??= { score: 0, hits: [] });
    ev.score += HYPERLOCAL_PRIOR;
    ev.hits.push({ term: 'hyperlocal outlet', matched: host!, field: 'outlet', weight: HYPERLOCAL_PRIOR });
  }
  // "Scania i Oskarshamn": when another member is named, a company alone does not add its head-office town.
  const named = Object.keys(evidence).filter((m) => placeEvidence.has(m) && evidence[m]!.score >= MUNICIPALITY_THRESHOLD);
  // A company that works in several places (LKAB, SSAB) names its town only up front: in the body
  // alone it is the company, not the place.
  const companyOnlyInBody = (m: string) => !placeEvidence.has(m) && evidence[m]!.hits.every((h) => h.weight <= 0 || h.field === 'text');
  const municipalities = Object.keys(evidence)
    .filter((m) => evidence[m]!.score >= MUNICIPALITY_THRESHOLD)
    .filter((m) => placeEvidence.has(m) || named.length === 0)
    .filter((m) => !companyOnlyInBody(m))
    .sort((x, y) => evidence[y]!.score - evidence[x]!.score);
  for (const m of Object.values(evidence)) m.score = round(m.score);
  return { municipalities, evidence };
}

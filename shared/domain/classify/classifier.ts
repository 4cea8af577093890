/**
 * The classifier: topics, member municipalities, genre, network mentions and statement matches,
 * each with the evidence that decided it. Pure: compiled once from config, then a function of the
 * article alone.
 */
import type { Classification, Feed, FeedKind, Genre, Statement, StatementMatch, Topic } from '../types.ts';
import { compileStatement, matchStatement, stockholmDate, tokenize, topicWordsOf, type CompiledStatement, type StatementArticle } from '../statement.ts';
import type { GenresFile, MunicipalitiesFile, NetworkFile, TopicsFile } from '../../config/schemas.ts';
import { TermMatcher, type Hit } from './matcher.ts';

export interface ClassifierInput {
  title: string;
  text: string;
  url?: string | undefined;
  outlet?: string | undefined;
  date?: string | undefined;
  feedKind?: FeedKind | undefined;
  /** The publisher's own categories for the item (RSS/Atom category, dc:subject). */
  categories?: string[] | undefined;
}

export interface ClassifierConfig {
  municipalities: MunicipalitiesFile;
  topics: TopicsFile;
  genres: GenresFile;
  network: NetworkFile;
  /** Feeds flagged hyperlocal give their one municipality as a prior, matched on the host. */
  liveFeeds?: Feed[];
  sampleFeeds?: Feed[];
}

/** The weight a hyperlocal outlet adds when no other member is named: as much as one lead mention. */
const HYPERLOCAL_PRIOR = 1.5;

type Payload =
  | { kind: 'topic'; topic: Topic; weight: number }
  | { kind: 'muni'; name: string; weight: number; ambiguousCompany: boolean; source: 'name' | 'locality' | 'site' | 'weak' }
  | { kind: 'stop'; name: string }
  | { kind: 'sports' }
  | { kind: 'brand'; name: string }
  | { kind: 'falseFriend' }
  | { kind: 'otherSense'; sense: number }
  | { kind: 'network' };

/** Characters of the body that count as the lead. */
const LEAD_CHARS = 300;
/** A term repeated in a text counts at most this many times: repetition is not breadth. */
const MAX_REPEATS = 3;
const MUNICIPALITY_THRESHOLD = 1.5;
/** A term this strong names the topic itself (kompetensförsörjning, elpris, stålverk, upphandling). */
const CORE_TERM_WEIGHT = 2.5;

const LOCALITY_WEIGHT = 1.5;
/** Terms this light are generic vocabulary of a topic (anställda, medarbetare): never its evidence alone. */
const GENERIC_TERM_WEIGHT = 1;
const FIELD_FACTOR = { title: 2, lead: 1.5, text: 1 } as const;
const MUNI_FIELD_FACTOR = { title: 3, lead: 1.5, text: 1 } as const;
/** A title reporting an accident or a death. */
const INCIDENT_TITLE = /(?<![\p{L}])(omkom\p{L}*|död|döda|dödsolycka\p{L}*|drunkn\p{L}*|olycka|olyckan|olyckor|räddningsinsats\p{L}*|hittad död|försvunnen|saknad|brand|branden|explosion\p{L}*)(?![\p{L}])/u;
const PLACE_CONTEXT = /(?:^|[\s(])(?:i|från|till|utanför|nära|runt|kring|mellan|vid|mot)\s+$/u;

export interface Classifier {
  classify(input: ClassifierInput, statements?: readonly Statement[]): Classification;
  /**
   * Statement matches alone, for an article classified before (retroactive matching of a new or
   * edited statement): its stored network mention and topics are reused.
   */
  matchStatements(statements: readonly Statement[], article: StatementArticle): StatementMatch[];
}

export function compileClassifier(config: ClassifierConfig): Classifier {
  const entries: Array<{ term: string; payload: Payload }> = [];
  for (const topic of config.topics.topics) {
    for (const t of topic.terms) entries.push({ term: t.t, payload: { kind: 'topic', topic: topic.id, weight: t.w } });
  }
  for (const m of config.municipalities.municipalities) {
    for (const t of m.terms) {
      entries.push({ term: t.t, payload: { kind: 'muni', name: m.name, weight: t.w, ambiguousCompany: !!t.ambiguousCompany, source: 'name' } });
    }
    for (const l of m.localities) {
      entries.push({ term: l, payload: { kind: 'muni', name: m.name, weight: LOCALITY_WEIGHT, ambiguousCompany: false, source: 'locality' } });
    }
    for (const s of m.sites) {
      entries.push({ term: s.t, payload: { kind: 'muni', name: m.name, weight: s.w, ambiguousCompany: false, source: 'site' } });
    }
    for (const s of m.weak) {
      entries.push({ term: s.t, payload: { kind: 'muni', name: m.name, weight: s.w, ambiguousCompany: false, source: 'weak' } });
    }
    for (const s of m.stop) entries.push({ term: s, payload: { kind: 'stop', name: m.name } });
    for (const s of m.brandCues) entries.push({ term: s, payload: { kind: 'brand', name: m.name } });
  }
  for (const s of config.municipalities.sportsCues) entries.push({ term: s, payload: { kind: 'sports' } });
  for (const f of config.topics.falseFriends) entries.push({ term: f, payload: { kind: 'falseFriend' } });
  config.topics.otherSenses.forEach((o, sense) => {
    for (const cue of o.cues) entries.push({ term: cue, payload: { kind: 'otherSense', sense } });
  });
  const senseTerms = config.topics.otherSenses.map((o) => new Set(o.terms));
  const sportsPath = new Set(config.municipalities.sportsPathSegments);
  for (const p of config.network.phrases) entries.push({ term: p, payload: { kind: 'network' } });
  // Topic words and place words compete only among themselves: a site's name ("bae systems
  // hägglunds") is the place and still the company ("hägglunds") of the industry topic.
  const matcher = new TermMatcher<Payload>(entries, (p) => (p.kind === 'topic' || p.kind === 'falseFriend' || p.kind === 'otherSense' ? 0 : p.kind === 'network' ? 2 : 1));
  const memberByFolded = new Map(config.municipalities.municipalities.map((m) => [foldAscii(m.name.toLowerCase()), m.name] as const));
  const thresholds = new Map(config.topics.topics.map((t) => [t.id, t.threshold]));
  const yieldsTo = new Map(config.topics.topics.flatMap((t) => (t.yieldsTo ? [[t.id, t.yieldsTo] as const] : [])));
  const genre = compileGenre(config.genres);
  const networkDomains = config.network.domains;
  const hyperlocal = new Map<string, string>();
  for (const f of [...(config.liveFeeds ?? []), ...(config.sampleFeeds ?? [])]) {
    if (!f.hyperlocal || f.municipalities.length !== 1) continue;
    try {
      hyperlocal.set(new URL(f.url).hostname.replace(/^www\./, ''), f.municipalities[0]!);
    } catch {
      /* a sample feed's placeholder URL */
    }
  }

  // A statement's theme: the topics its own title and key phrases get. Compiled once per statement object.
  const compiledStatements = new WeakMap<Statement, { c: CompiledStatement; topics: Topic[] }>();
  const compiled = (s: Statement) => {
    let v = compiledStatements.get(s);
    if (!v) {
      const topics = self.classify({ title: s.title, text: s.keyPhrases.join('. ') }).topics;
      v = { c: compileStatement(s), topics };
      compiledStatements.set(s, v);
    }
    return v;
  };
  const matchAll = (statements: readonly Statement[], a: StatementArticle): StatementMatch[] => {
    let tokens: string[] | undefined;
    const lazyTokens = () => (tokens ??= tokenize(a.lower));
    const out: StatementMatch[] = [];
    for (const s of statements) {
      const { c, topics } = compiled(s);
      const m = matchStatement(c, a, topics, lazyTokens);
      if (m) out.push(m);
    }
    return out.sort((x, y) => y.score - x.score);
  };

  const self: Classifier = {
    matchStatements: (statements, a) => matchAll(statements, a),
    classify(input, statements = []) {
      const title = input.title ?? '';
      const text = input.text ?? '';
      const titleLower = title.toLowerCase();
      const textLower = text.toLowerCase();
      const hits: Array<{ hit: Hit<Payload>; field: 'title' | 'lead' | 'text' }> = [];
      for (const hit of matcher.match(titleLower)) hits.push({ hit, field: 'title' });
      for (const hit of matcher.match(textLower)) hits.push({ hit, field: hit.index < LEAD_CHARS ? 'lead' : 'text' });

      // Topics. A word counts for the most specific term it matched: "industriprogrammet" is
      // skills (industriprogram), not industry (industri). A hit inside a false friend ("Dagens
      // Industri", "musikindustrin", "varsel om strejk") does not count at all.
      const falseSpans = hits.some((h) => h.hit.payload.kind === 'falseFriend') ? hits.filter((h) => h.hit.payload.kind === 'falseFriend').map((h) => ({ field: h.field === 'title' ? 't' : 'x', from: h.hit.index, to: h.hit.index + h.hit.matched.length })) : [];
      const insideFalseFriend = (field: string, index: number) => falseSpans.some((f) => f.field === (field === 'title' ? 't' : 'x') && index >= f.from && index < f.to);
      // Another sense up front (banks and funds; handicraft): its topic words do not count.
      const offTerms = new Set<string>();
      for (const h of hits) if (h.hit.payload.kind === 'otherSense' && h.field !== 'text') for (const t of senseTerms[h.hit.payload.sense]!) offTerms.add(t);
      const topicEvidence: Classification['evidence']['topics'] = {};
      const repeats = new Map<string, number>();
      const bestForWord = new Map<string, number>();
      for (const { hit, field } of hits) {
        if (hit.payload.kind !== 'topic') continue;
        const wk = `${field === 'title' ? 't' : 'x'}${hit.index}`;
        bestForWord.set(wk, Math.max(bestForWord.get(wk) ?? 0, termLength(hit.term)));
      }
      for (const { hit, field } of hits) {
        if (hit.payload.kind !== 'topic') continue;
        if (termLength(hit.term) < (bestForWord.get(`${field === 'title' ? 't' : 'x'}${hit.index}`) ?? 0)) continue;
        if (insideFalseFriend(field, hit.index)) continue;
        if (offTerms.size && offTerms.has(hit.term)) continue;
        // "El Paso", "El Mencho": a Spanish article before a name, not electricity.
        if (hit.term === 'el$' && /^El\s+\p{Lu}/u.test((field === 'title' ? title : text).slice(hit.index, hit.index + 6))) continue;
        const rk = `${hit.payload.topic}|${hit.term}`;
        const n = (repeats.get(rk) ?? 0) + 1;
        repeats.set(rk, n);
        if (n > MAX_REPEATS) continue;
        const w = hit.payload.weight * FIELD_FACTOR[field];
        const ev = (topicEvidence[hit.payload.topic] ??= { score: 0, threshold: thresholds.get(hit.payload.topic) ?? 3, hits: [] });
        ev.score += w;
        ev.hits.push({ term: hit.term, matched: hit.matched, field, weight: round(w) });
      }
      // A passing word is not a topic: the score must reach the threshold from at least two
      // distinct words, or from the title; and the title or the lead must carry some of it (body
      // text alone never decides).
      // An accident or a death at a plant, a mine or a power station is a news event at that place,
      // not a story about the industry or energy policy: with such a title the topic needs two
      // distinct words of its own, not the one facility named again in the lead.
      const incident = INCIDENT_TITLE.test(titleLower);
      const otherSenseUpFront = offTerms.size > 0;
      let strongest = 0;
      for (const t in topicEvidence) strongest = Math.max(strongest, topicEvidence[t as Topic]!.score);
      const topics = (Object.keys(topicEvidence) as Topic[]).filter((t) => {
        const ev = topicEvidence[t]!;
        const distinct = new Set(ev.hits.map((h) => h.matched)).size;
        // A feed item's lead is its summary: one core word of the topic there (direktupphandla,
        // vindkraftsutbyggnad) is what it is about, unless the words around it speak of another
        // sense (funds, banks) or another topic carries the item by far.
        const coreLead = !otherSenseUpFront && strongest < 2 * ev.score && ev.hits.some((h) => h.field === 'lead' && h.weight / FIELD_FACTOR.lead >= CORE_TERM_WEIGHT);
        if (!(ev.score >= ev.threshold && (distinct >= 2 || coreLead || ev.hits.some((h) => h.field === 'title')))) return false;
        if (incident && distinct < 2) return false;
        // Evidence only deep in the body needs a core term of the topic (a secondary theme of the
        // article), not just a pile of generic words (anställda, företag, anläggning).
        // A generic word alone in the title ("anställda") with nothing in the lead does not put the topic up front.
        const upFront = ev.hits.some((h) => h.field === 'lead' || (h.field === 'title' && h.weight / FIELD_FACTOR.title > GENERIC_TERM_WEIGHT));
        if (!upFront && !ev.hits.some((h) => h.weight >= CORE_TERM_WEIGHT)) return false;
        const yields = yieldsTo.get(t);
        const other = yields && topicEvidence[yields.topic];
        return !(yields && other && other.score >= yields.ratio * ev.score);
      });
      for (const t of Object.values(topicEvidence)) t.score = round(t.score);

      // Municipalities
      const muniEvidence: Classification['evidence']['municipalities'] = {};
      const muniRepeats = new Map<string, number>();
      const placeEvidence = new Set<string>();
      const sportsWords = new Set(hits.filter((h) => h.hit.payload.kind === 'sports').map((h) => h.hit.matched));
      // A match report: several sports words, a sports section, or match vocabulary in the title.
      const sportsTitle = hits.some((h) => h.hit.payload.kind === 'sports' && h.field === 'title');
      const urlSegments = pathSegments(input.url);
      const isSports = sportsWords.size >= 3 || sportsTitle || urlSegments.some((seg) => sportsPath.has(seg));
      const brands = new Set(hits.flatMap((h) => (h.hit.payload.kind === 'brand' ? [h.hit.payload.name] : [])));
      for (const { hit, field } of hits) {
        const p = hit.payload;
        if (p.kind !== 'muni') continue;
        const source = field === 'title' ? titleLower : textLower;
        const original = field === 'title' ? title : text;
        let w = p.weight * MUNI_FIELD_FACTOR[field];
        if (field !== 'title' && hit.index === 0 && isDateline(text)) w = 0;
        if (isSports && p.source !== 'locality') w *= 0.2;
        if (p.source === 'name') {
          const before = source.slice(Math.max(0, hit.index - 24), hit.index);
          // "i Luleå", "mot Oxelösund": the place itself; "Karlskoga, Linköping, Örnsköldsvik och …": one of a list.
          if (PLACE_CONTEXT.test(before) && field === 'text') w *= 1.5;
          if (inList(original, hit.index, hit.matched.length)) w *= 0.5;
          // "från Luleå i norr till Ystad i söder": the ends of a span across the country, not the place.
          if (/^s?\s+i\s+(norr|söder|öster|väster)\b/u.test(source.slice(hit.index + hit.matched.length, hit.index + hit.matched.length + 20))) w = 0;
          // A team in a match report, or a brand, is not the town.
          if (brands.has(p.name)) w *= 0.1;
        }
        if (p.ambiguousCompany) {
          const before = source.slice(Math.max(0, hit.index - 24), hit.index);
          const after = source.slice(hit.index + hit.matched.length, hit.index + hit.matched.length + 12);
          if (PLACE_CONTEXT.test(before) || /^\s+(kommun|centrum|tätort)/u.test(after)) w = 1.5 * MUNI_FIELD_FACTOR[field];
        }
        const rk = `${p.name}|${hit.term}`;
        const n = (muniRepeats.get(rk) ?? 0) + 1;
        muniRepeats.set(rk, n);
        if (n > MAX_REPEATS) continue;
        const ev = (muniEvidence[p.name] ??= { score: 0, hits: [] });
        ev.score += w;
        // A company that works in several places (Scania, LKAB, SSAB) is weaker than the place itself.
        if (w > 0 && !(p.source === 'site' && p.weight < 1)) placeEvidence.add(p.name);
        ev.hits.push({ term: hit.term, matched: hit.matched, field, weight: round(w) });
      }
      // The URL's section or slug naming a member ("/perstorp/…", "…-i-sandviken") is the publisher's own filing.
      const segs = urlSegments.map(foldAscii);
      const sections = segs.slice(0, -1);
      const slugTokens = (segs.at(-1) ?? '').split('-');
      for (const [folded, name] of segs.length ? memberByFolded : []) {
        const section = sections.includes(folded);
        const inSlug = slugTokens.some((t, i) => t === folded && (slugTokens[i - 1] === 'i' || slugTokens[i - 1] === 'fran' || slugTokens[i - 1] === 'till'));
        if (!section && !inSlug) continue;
        const ev = (muniEvidence[name] ??= { score: 0, hits: [] });
        ev.score += MUNICIPALITY_THRESHOLD;
        placeEvidence.add(name);
        ev.hits.push({ term: section ? 'URL section' : 'URL slug', matched: segs.join('/'), field: 'url', weight: MUNICIPALITY_THRESHOLD });
      }
      // A story about something else, located elsewhere, does not become a member's through one
      // mention deep in the body (a weather warning, a relative's home town). In a story on the
      // network's themes such a mention is one of the sites concerned, and counts.
      if (topics.length === 0) {
        for (const ev of Object.values(muniEvidence)) {
          const positive = ev.hits.filter((h) => h.weight > 0);
          if (positive.length === 1 && positive[0]!.field === 'text') ev.score = Math.min(ev.score, MUNICIPALITY_THRESHOLD - 0.01);
        }
      }
      const host = hostOf(input.url, input.outlet);
      const prior = host ? (hyperlocal.get(host) ?? [...hyperlocal].find(([h]) => host.endsWith(`.${h}`))?.[1]) : undefined;
      if (prior && Object.values(muniEvidence).every((e) => e.score < MUNICIPALITY_THRESHOLD)) {
        const ev = (muniEvidence[prior] ??= { score: 0, hits: [] });
        ev.score += HYPERLOCAL_PRIOR;
        ev.hits.push({ term: 'hyperlocal outlet', matched: host!, field: 'outlet', weight: HYPERLOCAL_PRIOR });
      }
      // "Scania i Oskarshamn": when another member is named, a company alone does not add its head-office town.
      const named = Object.keys(muniEvidence).filter((m) => placeEvidence.has(m) && muniEvidence[m]!.score >= MUNICIPALITY_THRESHOLD);
      // A company that works in several places (LKAB, SSAB) names its town only up front: in the body
      // alone it is the company, not the place.
      const companyOnlyInBody = (m: string) => !placeEvidence.has(m) && muniEvidence[m]!.hits.every((h) => h.weight <= 0 || h.field === 'text');
      const municipalities = Object.keys(muniEvidence)
        .filter((m) => muniEvidence[m]!.score >= MUNICIPALITY_THRESHOLD)
        .filter((m) => placeEvidence.has(m) || named.length === 0)
        .filter((m) => !companyOnlyInBody(m))
        .sort((a, b) => muniEvidence[b]!.score - muniEvidence[a]!.score);
      for (const m of Object.values(muniEvidence)) m.score = round(m.score);

      // Network
      const network: string[] = [];
      for (const { hit, field } of hits) if (hit.payload.kind === 'network') network.push(`${field}: ${hit.matched}`);
      if (host && networkDomains.some((d) => host === d || host.endsWith(`.${d}`))) network.push(`outlet: ${host}`);
      const mentionsNetwork = network.length > 0;

      const g = genre(input, titleLower, textLower);
      return {
        topics,
        municipalities,
        genre: g.genre,
        mentionsNetwork,
        statements: statements.length && input.date ? matchAll(statements, { lower: `${titleLower}\n${textLower}`, day: stockholmDate(input.date), mentionsNetwork, topics, topicWords: topicWordsOf(topicEvidence) }) : [],
        evidence: { topics: topicEvidence, municipalities: muniEvidence, genre: g, network },
      };
    },
  };
  return self;
}

const round = (n: number) => Math.round(n * 100) / 100;

const termLength = (term: string) => term.replace(/^\*|\$$/g, '').length;

function pathSegments(url?: string): string[] {
  if (!url) return [];
  try {
    return new URL(url).pathname.toLowerCase().split('/').filter(Boolean);
  } catch {
    return [];
  }
}

const LIST_BEFORE = /\p{Lu}[\p{L}-]+(?:,|\s+och|\s+eller)\s+$/u;
const LIST_AFTER = /^(?:,|\s+och|\s+eller)\s+\p{Lu}[\p{L}-]+/u;

/** The mention is one of three or more capitalised names: "Karlskoga, Linköping, Örnsköldsvik och Trollhättan". */
function inList(original: string, index: number, length: number): boolean {
  let items = 1;
  let before = original.slice(Math.max(0, index - 80), index);
  for (let m = LIST_BEFORE.exec(before); m && items < 4; m = LIST_BEFORE.exec(before)) {
    items++;
    before = before.slice(0, m.index);
  }
  let after = original.slice(index + length, index + length + 80).replace(/^s\b/u, '');
  for (let m = LIST_AFTER.exec(after); m && items < 4; m = LIST_AFTER.exec(after)) {
    items++;
    after = after.slice(m[0].length);
  }
  return items >= 3;
}

/** "LULEÅ. …" or "Luleå (TT) –": a place that only says where the reporter was. */
function isDateline(text: string): boolean {
  return /^[\p{Lu}ÅÄÖ-]{3,}(?:\s*\([^)]{1,20}\))?\s*[.:–—-]\s/u.test(text) || /^\p{L}+\s*\((?:TT|NTB|AFP|Reuters)\)/u.test(text);
}

function hostOf(url?: string, outlet?: string): string | null {
  try {
    if (url) return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    /* fall through to the outlet */
  }
  return outlet ? outlet.toLowerCase().replace(/^www\./, '') : null;
}

const GENRE_PRIORITY: Genre[] = ['column', 'letter', 'analysis', 'editorial', 'debate', 'other', 'press_release'];

/**
 * A signed piece's byline as its title or the start of its lead: "Förnamn Efternamn: rubrik". Two or
 * more capitalised words before the colon (a person, not "Experten:" or "Kravet:"), and not a quote
 * after it (an interview: "Elin Skarin: ”…”").
 */
const BYLINE = /^\s*\p{Lu}[\p{Ll}é]+(?:[ -](?:de |la |af |von |van )?\p{Lu}[\p{Ll}é]+){1,3}\s*:\s*(?![”"«'’])\S/u;

function compileGenre(cfg: GenresFile) {
  const titleMarkers = cfg.titleMarkers.map((m) => ({ re: new RegExp(m.re, 'iu'), genre: m.genre }));
  const categoryMarkers = cfg.categoryMarkers.map((m) => ({ re: new RegExp(m.re, 'iu'), genre: m.genre }));
  const leadMarkers = cfg.leadMarkers.map((m) => ({ re: new RegExp(m.re, 'u'), genre: m.genre }));
  const pathMarkers = new Map(cfg.pathMarkers.map((m) => [m.segment, m.genre]));
  const textCues = cfg.textCues.map((c) => ({ re: new RegExp(c.re, 'iu'), genre: c.genre, w: c.w }));
  const inList = (host: string, list: string[]) => list.some((d) => host === d || host.endsWith(`.${d}`));
  const unknownRules = cfg.unknownOutletRules.map((r) => ({ host: r.host ? new RegExp(r.host, 'i') : null, path: r.path ? new RegExp(r.path, 'i') : null, genre: r.genre, why: r.why }));

  return (input: ClassifierInput, titleLower: string, textLower: string): { genre: Genre; reason: string } => {
    // The publisher's own markers first: the title's, the item's categories, the lead's label.
    for (const m of titleMarkers) if (m.re.test(input.title)) return { genre: m.genre, reason: `title marker "${input.title.slice(0, 20)}"` };
    for (const c of input.categories ?? []) {
      const m = categoryMarkers.find((x) => x.re.test(c.trim()));
      if (m) return { genre: m.genre, reason: `publisher category "${c}"` };
    }
    // A photo credit may stand before the label ("Foto: Namn/TT KÅSERI …").
    let leadStart = input.text.slice(0, 100);
    if (/^(foto|bild):/i.test(leadStart)) leadStart = leadStart.replace(/^(?:foto|bild):\s*[^/\n]{1,40}\/\S+\s+/iu, '');
    // Labels are upper-case words at the start, or after a section name and "|": look only then.
    if (/^\p{Lu}{3}|^[^|]{0,30}\|/u.test(leadStart)) {
      for (const m of leadMarkers) if (m.re.test(leadStart)) return { genre: m.genre, reason: `lead marker "${leadStart.slice(0, 24)}"` };
    }

    const host = hostOf(input.url, input.outlet) ?? '';
    let path = '';
    try {
      if (input.url) path = decodeURIComponent(new URL(input.url).pathname).toLowerCase();
    } catch {
      path = '';
    }
    const segments = path.split(/[/]/).filter(Boolean).map(foldAscii);
    const fromPath = GENRE_PRIORITY.find((g) => segments.some((s) => pathMarkers.get(s) === g || (g === 'other' && s.startsWith('recension-'))));
    // In an opinion section a quoted title is an outside author's op-ed; the paper's own pieces are unquoted.
    if (fromPath === 'editorial' && segments.includes('opinion') && !segments.some((s) => pathMarkers.get(s) === 'editorial' && s !== 'opinion') && /^\s*[”"«]/u.test(input.title)) {
      return { genre: 'debate', reason: `quoted title in the opinion section ${path}` };
    }
    if (fromPath && fromPath !== 'press_release') return { genre: fromPath, reason: `URL path ${path}` };

    if (inList(host, cfg.organisationOutlets)) return { genre: 'press_release', reason: `organisation newsroom ${host}` };
    if (isMunicipalSite(host)) return { genre: 'press_release', reason: `municipality's own site ${host}` };
    if (fromPath === 'press_release') return { genre: 'press_release', reason: `URL path ${path}` };
    if (inList(host, cfg.debateOutlets)) return { genre: 'debate', reason: `party or organisation opinion site ${host}` };
    if (inList(host, cfg.analysisOutlets)) return { genre: 'analysis', reason: `think-tank or magazine essay site ${host}` };
    if (inList(host, cfg.otherOutlets)) return { genre: 'other', reason: `reference or information page ${host}` };
    if (cfg.blogPatterns.some((p) => host.includes(p))) {
      // A blog on a newspaper's own domain is its writers' column space.
      const parent = host.split('.').slice(1).join('.');
      if (inList(parent, cfg.newsOutlets)) return { genre: 'column', reason: `blog of news outlet ${parent}` };
      return { genre: 'other', reason: `blog ${host}` };
    }

    if (input.feedKind === 'press_releases') return { genre: 'press_release', reason: 'press-release feed' };
    if (input.feedKind === 'opinion') {
      if (/\b(insändare|signaturen)\b/u.test(textLower)) return { genre: 'letter', reason: 'opinion feed, letter cue' };
      if (/\bkrönika\b/u.test(textLower)) return { genre: 'column', reason: 'opinion feed, column cue' };
      if (/\bledare\b/u.test(titleLower)) return { genre: 'editorial', reason: 'opinion feed, editorial cue' };
      return { genre: 'debate', reason: 'opinion feed' };
    }
    const known = inList(host, cfg.newsOutlets);
    // A news outlet's signed column outside its opinion sections: the byline heads the title or the lead.
    if (known && (BYLINE.test(input.title) || BYLINE.test(input.text.slice(0, 120)))) return { genre: 'column', reason: 'byline "Namn Namnsson:" at a news outlet' };
    if (!known) {
      const rule = unknownRules.find((r) => (!r.host || r.host.test(host)) && (!r.path || r.path.test(path)));
      if (rule) return { genre: rule.genre, reason: `${rule.why} (${host}${path})` };
    }
    const scores = new Map<Genre, number>();
    for (const c of textCues) if (c.re.test(textLower)) scores.set(c.genre, (scores.get(c.genre) ?? 0) + c.w);
    const best = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] >= (known ? 2 : 1.5)) return { genre: best[0], reason: `text cues (${best[1]})` };
    if (!known && host && isPersonalSite(host, path)) return { genre: 'other', reason: `personal site ${host}` };
    return { genre: 'news', reason: known ? `news outlet ${host}` : 'default' };
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

function foldAscii(s: string): string {
  // URL paths are mostly ASCII already: no normalisation pass for them.
  return /^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}


/**
 * Topic scoring: each topic word counts for the most specific term it matched, weighted by where it
 * stands (title, lead, body), never inside a false friend or under another sense; then the rules
 * that keep a passing word from making a topic.
 */
import type { Classification, Topic } from '../types.ts';
import type { FieldHit, Lexicon } from './compile.ts';
import { round, termLength } from './text.ts';

/** A term repeated in a text counts at most this many times: repetition is not breadth. */
export const MAX_REPEATS = 3;
/** A term this strong names the topic itself (kompetensförsörjning, elpris, stålverk, upphandling). */
const CORE_TERM_WEIGHT = 2.5;
/** Terms this light are generic vocabulary of a topic (anställda, medarbetare): never its evidence alone. */
const GENERIC_TERM_WEIGHT = 1;
export const FIELD_FACTOR = { title: 2, lead: 1.5, text: 1 } as const;
/** A feed item's whole text is its lead: two sentences hold fewer mentions than an article, so the bar is lower. */
export const SHORT_TEXT = 320;
const SHORT_FACTOR = 0.9;
/** A title reporting an accident or a death. */
const INCIDENT_TITLE = /(?<![\p{L}])(omkom\p{L}*|död|döda|dödsolycka\p{L}*|drunkn\p{L}*|olycka|olyckan|olyckor|räddningsinsats\p{L}*|hittad död|försvunnen|saknad|(?:en|man|kvinna|person|pojke|flicka|barn|\p{N}+-åring) saknas|brand|branden|rökutveckling|explosion\p{L}*)(?![\p{L}])/u;

type TopicEvidence = Classification['evidence']['topics'];

/** The topic words that count, summed per topic with their evidence; and whether another sense stands up front. */
function collectTopicEvidence(hits: readonly FieldHit[], title: string, text: string, lex: Lexicon): { evidence: TopicEvidence; otherSenseUpFront: boolean } {
  // A word counts for the most specific term it matched: "industriprogrammet" is skills
  // (industriprogram), not industry (industri). A hit inside a false friend ("Dagens Industri",
  // "musikindustrin", "varsel om strejk") does not count at all.
  const falseSpans = hits.some((h) => h.hit.payload.kind === 'falseFriend') ? hits.filter((h) => h.hit.payload.kind === 'falseFriend').map((h) => ({ field: h.field === 'title' ? 't' : 'x', from: h.hit.index, to: h.hit.index + h.hit.matched.length })) : [];
  const insideFalseFriend = (field: string, index: number) => falseSpans.some((f) => f.field === (field === 'title' ? 't' : 'x') && index >= f.from && index < f.to);
  // Another sense up front (banks and funds; handicraft): its topic words do not count.
  const offTerms = new Set<string>();
  for (const h of hits) if (h.hit.payload.kind === 'otherSense' && h.field !== 'text') for (const t of lex.senseTerms[h.hit.payload.sense]!) offTerms.add(t);
  const evidence: TopicEvidence = {};
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
    const ev = (evidence[hit.payload.topic] ??= { score: 0, threshold: lex.thresholds.get(hit.payload.topic) ?? 3, hits: [] });
    ev.score += w;
    ev.hits.push({ term: hit.term, matched: hit.matched, field, weight: round(w) });
  }
  return { evidence, otherSenseUpFront: offTerms.size > 0 };
}

/**
 * A passing word is not a topic: the score must reach the threshold from at least two distinct
 * words, or from the title; and the title or the lead must carry some of it (body text alone never
 * decides). An accident or a death at a plant, a mine or a power station is a news event at that
 * place, not a story about the industry or energy policy: with such a title the topic needs two
 * distinct words of its own, not the one facility named again in the lead.
 */
function decideTopics(evidence: TopicEvidence, titleLower: string, otherSenseUpFront: boolean, lex: Lexicon, short: boolean): Topic[] {
  const incident = INCIDENT_TITLE.test(titleLower);
  let strongest = 0;
  for (const t in evidence) strongest = Math.max(strongest, evidence[t as Topic]!.score);
  return (Object.keys(evidence) as Topic[]).filter((t) => {
    const ev = evidence[t]!;
    const distinct = new Set(ev.hits.map((h) => h.matched)).size;
    // A feed item's lead is its summary: one core word of the topic there (direktupphandla,
    // vindkraftsutbyggnad) is what it is about, unless the words around it speak of another
    // sense (funds, banks) or another topic carries the item by far.
    const coreLead = !otherSenseUpFront && strongest < 2 * ev.score && ev.hits.some((h) => h.field === 'lead' && h.weight / FIELD_FACTOR.lead >= CORE_TERM_WEIGHT);
    if (!(ev.score >= ev.threshold * (short ? SHORT_FACTOR : 1) && (distinct >= 2 || coreLead || ev.hits.some((h) => h.field === 'title')))) return false;
    // The same facility named again in the lead, in another form ("vattenkraftstationen"), is one word.
    // The owner's name beside its plant ("brand på Holmens pappersbruk") is the same place again.
    if (incident && new Set(ev.hits.filter((h) => !lex.companyTerms.has(h.term)).map((h) => h.term)).size < 2) return false;
    // Evidence only deep in the body needs a core term of the topic (a secondary theme of the
    // article), not just a pile of generic words (anställda, företag, anläggning).
    // A generic word alone in the title ("anställda") with nothing in the lead does not put the topic up front.
    const upFront = ev.hits.some((h) => h.field === 'lead' || (h.field === 'title' && h.weight / FIELD_FACTOR.title > GENERIC_TERM_WEIGHT));
    if (!upFront && !ev.hits.some((h) => h.weight >= CORE_TERM_WEIGHT)) return false;
    const yields = lex.yieldsTo.get(t);
    const other = yields && evidence[yields.topic];
    return !(yields && other && other.score >= yields.ratio * ev.score);
  });
}

export function scoreTopics(hits: readonly FieldHit[], title: string, text: string, titleLower: string, lex: Lexicon): { topics: Topic[]; evidence: TopicEvidence } {
  const { evidence, otherSenseUpFront } = collectTopicEvidence(hits, title, text, lex);
  const topics = decideTopics(evidence, titleLower, otherSenseUpFront, lex, text.length <= SHORT_TEXT);
  for (const t of Object.values(evidence)) t.score = round(t.score);
  return { topics, evidence };
}

/**
 * The classification's evidence in Swedish words, for the readers' "Varför?": which words in which
 * part of the text gave each label, and why the genre is what it is. The stored evidence keeps the
 * classifier's own terms (stable for the eval and the JSON contracts); only what a reader sees is
 * translated here.
 */
import { GENRE_LABELS, TOPIC_LABELS } from '../labels.ts';
import type { Article, Topic } from '../types.ts';

const FIELD_NAMES: Record<string, string> = { title: 'rubrik', lead: 'ingress', text: 'text', url: 'adress', outlet: 'avsändare', feed: 'flöde' };

/** "opinion section /opinion/x of host" → Swedish; anything else as it stands. */
const opinionPlace = (where: string) => where.replace(/^opinion section (.*) of (.*)$/s, 'blandad opinionsavdelning $1 hos $2');

/** The genre reason's English phrasing (shared/domain/classify/genre.ts) → Swedish; the quoted or named part is kept. */
const GENRE_REASONS: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^title marker (.*)$/s, (m) => `markör i rubriken ${m[1]}`],
  [/^publisher category (.*)$/s, (m) => `utgivarens kategori ${m[1]}`],
  [/^lead marker (.*)$/s, (m) => `markör i ingressen ${m[1]}`],
  [/^quoted title in the opinion section (.*)$/s, (m) => `citerad rubrik på opinionssidan ${m[1]}`],
  [/^URL path (.*)$/s, (m) => `avdelning i adressen ${m[1]}`],
  [/^organisation newsroom (.*)$/s, (m) => `organisationens nyhetsrum ${m[1]}`],
  [/^signed piece at organisation (.*)$/s, (m) => `signerad text hos organisationen ${m[1]}`],
  [/^municipality's own site (.*)$/s, (m) => `kommunens egen webbplats ${m[1]}`],
  [/^party or organisation opinion site (.*)$/s, (m) => `partiets eller organisationens debattsida ${m[1]}`],
  [/^think-tank or magazine essay site (.*)$/s, (m) => `tankesmedja eller tidskrift ${m[1]}`],
  [/^reference or information page (.*)$/s, (m) => `uppslags- eller informationssida ${m[1]}`],
  [/^blog of news outlet (.*)$/s, (m) => `blogg hos nyhetsmediet ${m[1]}`],
  [/^blog (.*)$/s, (m) => `blogg ${m[1]}`],
  [/^press-release feed$/, () => 'flöde med pressmeddelanden'],
  [/^opinion feed, letter cue$/, () => 'opinionsflöde, ordet insändare'],
  [/^opinion feed, column cue$/, () => 'opinionsflöde, ordet krönika'],
  [/^opinion feed, editorial cue$/, () => 'opinionsflöde, ordet ledare'],
  [/^opinion feed$/, () => 'opinionsflöde'],
  // An outlet's mixed opinion section, from the registry's section map.
  [/^(.*), letter cue$/s, (m) => `${opinionPlace(m[1]!)}, ordet insändare`],
  [/^(.*), column cue$/s, (m) => `${opinionPlace(m[1]!)}, ordet krönika`],
  [/^(.*), editorial cue$/s, (m) => `${opinionPlace(m[1]!)}, ordet ledare`],
  [/^(.*), no other cue$/s, (m) => `${opinionPlace(m[1]!)}, debattartikel när inget annat sägs`],
  [/^the writer calls it a letter, in (.*)$/s, (m) => `skribenten kallar texten sin insändare, i ${m[1]}`],
  [/^byline "Namn Namnsson:" at a news outlet$/, () => 'skribentens namn före rubriken hos ett nyhetsmedium'],
  [/^demand in the title (.*) and a writer's own voice$/s, (m) => `krav i rubriken ${m[1]} och skribentens egen röst`],
  [/^demand in the title (.*)$/s, (m) => `krav i rubriken ${m[1]}`],
  [/^text cues \((.*)\)$/, (m) => `ord i texten (${m[1]})`],
  [/^personal site (.*)$/s, (m) => `personlig webbplats ${m[1]}`],
  [/^news outlet (.*)$/s, (m) => `nyhetsmedium ${m[1]}`],
  [/^default$/, () => 'inget särskilt tecken'],
  // The config's rules for unknown outlets: "a newsroom path (host/path)".
  [/^a newsroom path (.*)$/s, (m) => `nyhetsrum i adressen ${m[1]}`],
  [/^an authority's press page (.*)$/s, (m) => `myndighetens presssida ${m[1]}`],
  [/^an authority's information page (.*)$/s, (m) => `myndighetens informationssida ${m[1]}`],
  [/^an organisation's news page (.*)$/s, (m) => `organisationens nyhetssida ${m[1]}`],
  [/^an information page (.*)$/s, (m) => `informationssida ${m[1]}`],
];

export function genreReasonText(reason: string): string {
  for (const [re, say] of GENRE_REASONS) {
    const m = reason.match(re);
    if (m) return say(m);
  }
  // A reason from a rule added to config/genres.json later: its host and path, without the English words.
  const where = reason.match(/\(([^()]+)\)\s*$/);
  return where ? `adressen ${where[1]}` : 'utgivarens uppgifter';
}

/** "title: Nätverket för starka industrikommuner" → "rubrik: Nätverket för starka industrikommuner". */
function networkText(item: string): string {
  const m = item.match(/^(\w+): (.*)$/s);
  return m ? `${FIELD_NAMES[m[1]!] ?? m[1]}: ${m[2]}` : item;
}

/** The label evidence in words, for "Varför?". */
export function whyText(a: Article | undefined): string | undefined {
  if (!a) return undefined;
  const ev = a.classification.evidence;
  const parts: string[] = [];
  for (const [topic, t] of Object.entries(ev.topics)) {
    if (!a.classification.topics.includes(topic as Topic)) continue;
    parts.push(`${TOPIC_LABELS[topic as Topic]}: ${[...new Set(t.hits.map((h) => `"${h.matched}" (${FIELD_NAMES[h.field] ?? 'text'})`))].slice(0, 5).join(', ')}`);
  }
  for (const [m, t] of Object.entries(ev.municipalities)) {
    if (!a.classification.municipalities.includes(m)) continue;
    parts.push(`${m}: ${[...new Set(t.hits.map((h) => `"${h.matched}"`))].slice(0, 4).join(', ')}`);
  }
  parts.push(`Genre ${GENRE_LABELS[a.classification.genre]}: ${genreReasonText(ev.genre.reason)}`);
  if (ev.network.length) parts.push(`Nätverket: ${ev.network.slice(0, 2).map(networkText).join(', ')}`);
  for (const s of a.classification.statements) parts.push(`Utspelet ${s.statementId}: ${s.evidence.join(', ')}`);
  return parts.join(' · ');
}

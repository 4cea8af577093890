/**
 * A generated week of stored articles for the digest bench and tests: Swedish-style titles and
 * leads from templates (all text written for this project), a share about the network's themes
 * and member towns, and wire stories carried by several outlets with small edits. Every article
 * carries its true story key, so grouping can be scored. Seeded: the same seed, the same week.
 */
import { parseIsoWeek } from '../shared/domain/week.ts';
import { loadConfigDir } from '../shared/config/config-dir.ts';
import { join } from 'node:path';
import { seededRandom } from '../tests/support/random.ts';
import type { Article, Genre, Topic } from '../shared/domain/types.ts';

/** The member towns, from the config the classifier reads. */
export const MEMBERS = loadConfigDir(join(import.meta.dirname, '../config')).municipalities.municipalities.map((m) => m.name);
const OTHER_TOWNS = ['Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Växjö', 'Umeå', 'Karlstad', 'Gävle', 'Jönköping', 'Norrköping', 'Halmstad', 'Sundsvall', 'Östersund', 'Kalmar', 'Falun'];
const COMPANIES = ['Norrstål', 'Bergsverken', 'Vätterns Motor', 'Kustkraft', 'Älvdalens Papper', 'Nordgruvan', 'Brukets Smide', 'Hamnverken', 'Skärgårdens Varv', 'Batterinord', 'Fjällkemi', 'Sydgjuteriet', 'Mälarpump', 'Forsbacka Verktyg', 'Västkustens Plast', 'Järnbäraren', 'Vindvägen Energi', 'Kolvik Cement'];
const FIRST = ['Anna', 'Karin', 'Maria', 'Eva', 'Lena', 'Sara', 'Johan', 'Anders', 'Per', 'Lars', 'Mikael', 'Erik', 'Fredrik', 'Sofia', 'Hanna', 'Ola', 'Nils', 'Ingrid'];
const LAST = ['Berg', 'Lund', 'Holm', 'Ström', 'Sjöberg', 'Nyström', 'Lindqvist', 'Ek', 'Dahl', 'Forsberg', 'Wallin', 'Hedlund', 'Björk', 'Sandberg'];
const ROLES = ['svetsare', 'elektriker', 'CNC-operatörer', 'ingenjörer', 'lärare i teknik', 'underhållstekniker', 'lastbilschaufförer'];
const THINGS = ['skolskjuts', 'en ny simhall', 'vägunderhåll', 'IT-drift', 'skolmat', 'en ny reningsanläggning', 'bredband till landsbygden'];
const DEMANDS = ['mer elnät', 'snabbare tillstånd', 'fler yrkesutbildningar', 'bättre järnväg', 'en ny hamn', 'bostäder för nyanställda'];
const DAYS = ['måndagen', 'tisdagen', 'onsdagen', 'torsdagen', 'fredagen'];
const TEAMS = ['IFK', 'AIK', 'BK Forward', 'IK Sirius', 'Hammarby', 'Frölunda', 'Färjestad', 'Brynäs', 'Växjö Lakers', 'Rögle'];

interface Template {
  topics: Topic[];
  town: 'member' | 'none';
  genre: Genre;
  network?: boolean;
  make: (s: Slots) => [string, string];
}
interface Slots {
  town: string;
  company: string;
  person: string;
  n: number;
  m: number;
  year: number;
  role: string;
  thing: string;
  demand: string;
  day: string;
}

const RELEVANT: Template[] = [
  { topics: ['industry'], town: 'member', genre: 'news', make: (s) => [`${s.company} varslar ${s.n} anställda i ${s.town}`, `Beskedet kom under ${s.day}. Enligt ${s.company} berörs ${s.n} tjänster vid anläggningen i ${s.town}, främst inom produktionen.`] },
  { topics: ['industry'], town: 'member', genre: 'news', make: (s) => [`${s.company} investerar ${s.n} miljoner i ny fabrik i ${s.town}`, `Investeringen ska ge omkring ${s.m} nya jobb i ${s.town} när fabriken står klar ${s.year}.`] },
  { topics: ['energy', 'industry'], town: 'member', genre: 'news', make: (s) => [`Elnätet i ${s.town} räcker inte – ${s.company} får vänta ${s.n} månader`, `Kapacitetsbristen gör att etableringen i ${s.town} försenas, uppger ${s.person} på ${s.company}.`] },
  { topics: ['procurement'], town: 'member', genre: 'news', make: (s) => [`${s.town} kommun tilldelar ${s.company} avtal värt ${s.n} miljoner`, `Upphandlingen gäller ${s.thing} och avtalet löper i ${s.m} år, enligt beslutet i kommunstyrelsen.`] },
  { topics: ['skills'], town: 'member', genre: 'news', make: (s) => [`Brist på ${s.role} i ${s.town}: ${s.n} tjänster obesatta`, `Företagen i ${s.town} hittar inte ${s.role}, och ${s.person} vill se ${s.m} fler utbildningsplatser.`] },
  { topics: ['industry', 'energy'], town: 'none', genre: 'news', make: (s) => [`${s.company} ställer om till fossilfri produktion för ${s.n} miljoner`, `Omställningen ska vara klar ${s.year}, säger vd ${s.person}. Den kräver ${s.m} megawatt mer el.`] },
  { topics: ['industry'], town: 'member', genre: 'debate', make: (s) => [`${s.town} behöver ${s.demand} – ${s.n} jobb står på spel`, `Vi som företräder industrin i ${s.town} ser hur ${s.n} jobb hotas om inget görs, skriver ${s.person}.`] },
  { topics: ['energy'], town: 'none', genre: 'editorial', make: (s) => [`Elpriset hotar ${s.n} industrijobb`, `Regeringen måste agera innan ${s.company} och andra flyttar ${s.m} tjänster utomlands.`] },
  { topics: ['skills'], town: 'member', genre: 'letter', make: (s) => [`Insändare: Ge unga i ${s.town} ${s.demand}`, `Jag har jobbat ${s.n} år inom industrin och ser att ${s.role} saknas överallt. /${s.person}`] },
  { topics: ['industry', 'energy'], town: 'member', genre: 'news', network: true, make: (s) => [`Industrikommunerna kräver ${s.demand} för ${s.town}`, `Nätverket för starka industrikommuner vill se besked inom ${s.n} dagar, säger ${s.person}.`] },
];

const NOISE: Array<(s: Slots, r: () => number) => [string, string]> = [
  (s, r) => [`${pick(TEAMS, r)} vann mot ${pick(TEAMS, r)} med ${s.n % 7}–${s.m % 5} inför ${s.n * 10} åskådare`, `Matchen avgjordes i tredje perioden, och ${s.person} gjorde det avgörande målet.`],
  (s) => [`Snöoväder väntas i ${s.town} – upp till ${s.n % 60} centimeter på ${s.day}`, `SMHI varnar för hala vägar och stora snömängder, och ${s.person} på kommunen ber folk stanna hemma.`],
  (s) => [`Trafikolycka på E${s.n % 30} utanför ${s.town} – ${s.m % 6 + 1} till sjukhus`, `Kollisionen inträffade på ${s.day} vid ${s.n % 24}-tiden, enligt polisens presstalesperson ${s.person}.`],
  (s) => [`Konsert i ${s.town} lockade ${s.n * 10} besökare`, `Arrangören ${s.person} är nöjd och planerar en ny festival ${s.year}.`],
  (s) => [`${s.person} tar över som tränare i ${s.town} efter ${s.m % 12 + 1} år`, `Kontraktet gäller i ${s.m % 4 + 1} säsonger, meddelar klubben på ${s.day}.`],
  (s) => [`Restaurangen i ${s.town} stänger efter ${s.n % 90 + 3} år`, `Ägaren ${s.person} går i pension och har inte hittat någon köpare.`],
  (s) => [`Polisen söker vittnen efter inbrott i ${s.town} – ${s.n % 50 + 2} villor drabbade`, `Inbrotten skedde natten till ${s.day}, uppger ${s.person} vid polisen.`],
  (s) => [`${s.person} fyller ${s.n % 70 + 30} år och firar i ${s.town}`, `Jubilaren tar emot på ${s.day} i församlingshemmet.`],
  (s) => [`Bostadspriserna i ${s.town} steg med ${s.n % 20 + 1},${s.m % 10} procent`, `Enligt mäklaren ${s.person} är det framför allt villor som blivit dyrare.`],
  (s) => [`Ny bok av ${s.person} utspelar sig i ${s.town}`, `Romanen på ${s.n} sidor släpps ${s.year} och handlar om en familj under ${s.m % 50 + 1950}-talet.`],
];

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)]!;

export interface GeneratedWeek {
  articles: Article[];
  /** Article id → the story it truly belongs to. */
  storyKey: Map<string, string>;
  relevant: number;
}

export function generateWeek(opts: { articles: number; seed: number; week: string; relevantShare?: number; outlets?: number }): GeneratedWeek {
  const r = seededRandom(opts.seed);
  const { start } = parseIsoWeek(opts.week);
  const span = 7 * 24 * 3600_000 - 3 * 3600_000;
  const outlets = Array.from({ length: opts.outlets ?? 80 }, (_, i) => `${[...MEMBERS, ...OTHER_TOWNS][i % 33]}s ${['Tidning', 'Kuriren', 'Posten', 'Allehanda', 'Nyheter'][Math.floor(i / 33) % 5]}`);
  const share = opts.relevantShare ?? 0.07;
  const articles: Article[] = [];
  const storyKey = new Map<string, string>();
  const used = new Set<string>();
  let relevant = 0;
  let storyNo = 0;
  while (articles.length < opts.articles) {
    // About two copies per relevant story on average: stories drawn at half the article share.
    const isRelevant = r() < share / 2;
    const template = isRelevant ? pick(RELEVANT, r) : undefined;
    const slots: Slots = {
      town: template ? (template.town === 'member' ? pick(MEMBERS, r) : pick(OTHER_TOWNS, r)) : pick([...OTHER_TOWNS, ...OTHER_TOWNS, ...MEMBERS], r),
      company: pick(COMPANIES, r),
      person: `${pick(FIRST, r)} ${pick(LAST, r)}`,
      n: 2 + Math.floor(r() * 898),
      m: 2 + Math.floor(r() * 300),
      year: 2027 + Math.floor(r() * 4),
      role: pick(ROLES, r),
      thing: pick(THINGS, r),
      demand: pick(DEMANDS, r),
      day: pick(DAYS, r),
    };
    const [title, lead] = template ? template.make(slots) : pick(NOISE, r)(slots, r);
    // Two distinct stories never share every specific fact.
    if (used.has(title)) continue;
    used.add(title);
    const key = `s${storyNo++}`;
    const published = start.getTime() + Math.floor(r() * span);
    // A quarter of the relevant stories (and a few others) are wire copies in 2–8 papers.
    const copies = r() < (isRelevant ? 0.25 : 0.05) ? 2 + Math.floor(r() * 7) : 1;
    const firstOutlet = Math.floor(r() * outlets.length);
    for (let c = 0; c < copies && articles.length < opts.articles; c++) {
      const variant = c === 0 ? title : pick([title, `${title} (TT)`, `JUST NU: ${title}`, title], r);
      const summary = c === 0 || r() < 0.6 ? lead : lead.slice(0, 90);
      const id = `${opts.week}-${key}-${c}`;
      const publishedAt = new Date(Math.min(published + c * Math.floor(r() * 3 * 3600_000), start.getTime() + span)).toISOString();
      const outlet = outlets[(firstOutlet + c * 7) % outlets.length]!;
      const municipalities = template?.town === 'member' ? [slots.town] : [];
      const genre: Genre = template?.genre ?? 'news';
      articles.push({
        id,
        url: `https://${outlet.toLowerCase().replace(/[^a-z]+/g, '')}.example/nyheter/${id}`,
        title: variant,
        summary,
        publishedAt,
        dateEstimated: false,
        outlet,
        feedId: `feed-${(firstOutlet + c * 7) % outlets.length}`,
        feedKind: genre === 'news' ? 'news' : 'opinion',
        categories: [],
        language: 'sv',
        sources: [`feed-${(firstOutlet + c * 7) % outlets.length}`],
        isoWeek: opts.week,
        storedAt: publishedAt,
        classification: {
          topics: template?.topics ?? [],
          municipalities,
          genre,
          mentionsNetwork: !!template?.network,
          statements: [],
          evidence: { topics: {}, municipalities: {}, genre: { genre, reason: 'generated' }, network: [] },
        },
      });
      storyKey.set(id, key);
      if (template) relevant++;
    }
  }
  return { articles, storyKey, relevant };
}

/** zod schemas for the domain config files under config/. */
import * as z from 'zod';
import { GENRES, TOPICS } from './vocabulary.ts';

/** `company`: a company's name (SSAB, Holmen): evidence of the topic, but in an incident's title it names the place, as the plant does. */
const term = z.object({ t: z.string().min(2), w: z.number().positive(), ambiguousCompany: z.boolean().optional(), company: z.boolean().optional() });

export const municipalitiesFile = z.object({
  municipalities: z
    .array(
      z.object({
        name: z.string().min(2),
        terms: z.array(term).min(1),
        localities: z.array(z.string().min(2)).default([]),
        sites: z.array(term).default([]),
        weak: z.array(term).default([]),
        stop: z.array(z.string().min(2)).default([]),
        /** Words that show the name is a brand (Mariestad beer): the name's weight then drops. */
        brandCues: z.array(z.string().min(2)).default([]),
        /** The municipality's own website: a page there is about the town unless it names another member. */
        website: z.string().regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'a host name such as arvika.se').optional(),
      }),
    )
    .length(18, 'the network has 18 members'),
  /** Words of a match report: a town named as a team is not the town. */
  sportsCues: z.array(z.string().min(2)).default([]),
  sportsPathSegments: z.array(z.string().min(2)).default([]),
});

export const topicsFile = z.object({
  topics: z.array(
    z.object({
      id: z.enum(TOPICS),
      label: z.string(),
      threshold: z.number().positive(),
      terms: z.array(term).min(1),
      /** Off when the named topic scores `ratio` times higher: an education piece full of "industri" is skills. */
      yieldsTo: z.object({ topic: z.enum(TOPICS), ratio: z.number().positive() }).optional(),
    }),
  ),
  /**
   * Words and phrases that contain a topic term but are not the topic: outlet names ("Dagens
   * Industri"), other industries ("musikindustrin"), strike notices ("varsel om strejk"). A topic
   * hit inside one of them does not count.
   */
  falseFriends: z.array(z.string()).default([]),
  /**
   * Other senses of topic words: when one of `cues` stands in the title or the lead, the listed
   * topic `terms` do not count (banks and funds make "investering" money, a craftsman's
   * "verkstad" is not industry).
   */
  otherSenses: z.array(z.object({ why: z.string().min(10), cues: z.array(z.string()).min(1), terms: z.array(z.string()).min(1) })).default([]),
});

const genre = z.enum(GENRES);
export const genresFile = z.object({
  titleMarkers: z.array(z.object({ re: z.string(), genre })),
  /** The publisher's own RSS/Atom category for the item ("Ledare", "Debatt"): matched whole, case-insensitive. */
  categoryMarkers: z.array(z.object({ re: z.string(), genre })).default([]),
  /** The publisher's label at the start of the lead ("LEDARE.", "DEBATT.", "EKONOMI | KOMMENTAR"): case-sensitive. */
  leadMarkers: z.array(z.object({ re: z.string(), genre })).default([]),
  pathMarkers: z.array(z.object({ segment: z.string(), genre })),
  newsOutlets: z.array(z.string()),
  organisationOutlets: z.array(z.string()),
  otherOutlets: z.array(z.string()),
  debateOutlets: z.array(z.string()),
  analysisOutlets: z.array(z.string()),
  blogPatterns: z.array(z.string()),
  textCues: z.array(z.object({ re: z.string(), genre, w: z.number() })),
  /** For outlets in none of the lists: host and path patterns, first match wins. */
  unknownOutletRules: z.array(z.object({ host: z.string().optional(), path: z.string().optional(), genre, why: z.string() })).default([]),
});

export const networkFile = z.object({
  name: z.string(),
  phrases: z.array(z.string().min(3)).min(1),
  domains: z.array(z.string()),
});

const httpUrl = z.string().url().refine((u) => /^https?:\/\//i.test(u), 'only http and https feeds');

export const feedsFile = z.object({
  feeds: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
      url: httpUrl,
      outlet: z.string().min(1),
      kind: z.enum(['news', 'opinion', 'press_releases']),
      municipalities: z.array(z.string()).default([]),
      language: z.enum(['sv', 'en']).default('sv'),
      verified: z.boolean().default(false),
      /** Writes only about its one municipality: a weak prior for the classifier when nothing else names a member. */
      hyperlocal: z.boolean().optional(),
      /** An aggregator (Google News and the like): only its items' <source> names the real outlet. */
      aggregator: z.boolean().optional(),
      encoding: z.enum(['utf-8', 'iso-8859-1', 'windows-1252']).optional(),
      format: z.enum(['rss', 'atom']).optional(),
      /** Its opinion items carry a teaser only: the page is fetched once for the thesis and signature. */
      fetchArticle: z.boolean().optional(),
      /**
       * What this outlet's URL sections mean where they differ from the common Swedish names
       * (genres.json pathMarkers): a folded path segment to a genre, or to `opinion` for a mixed
       * opinion section whose letters, columns and op-eds are told apart by their own cues.
       */
      sections: z.record(z.string().regex(/^[a-z0-9-]+$/, 'a URL path segment in lower-case ASCII'), z.enum([...GENRES, 'opinion'])).optional(),
      /** Days the outlet takes reply op-eds after publication; 7 when absent. */
      replyWindowDays: z.number().int().min(1).max(60).optional(),
      /** Why the URL is believed right (the live registry gives one for every entry). */
      evidence: z.string().min(10).optional(),
      /** How strong that evidence is: a dated 2023+ probe or config of this URL, the form confirmed for a sibling, or none. */
      evidenceLevel: z.enum(['confirmed', 'pattern', 'none']).optional(),
      /** Where the evidence was found (the registry check's source keys). */
      evidenceSource: z.string().min(3).optional(),
    }),
  ),
});

/** Years a statement's dates may fall in: the network's own era, with room; a typo of year 0001 or 9999 is no statement. */
export const STATEMENT_YEARS = { from: 2000, to: 2100 } as const;
/** The longest window a statement is matched in (from `date` to `until`): a year. */
export const MAX_STATEMENT_DAYS = 366;

/** A real calendar date (2026-02-30 and 2026-13-01 are not) in STATEMENT_YEARS, as YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  if (year < STATEMENT_YEARS.from || year > STATEMENT_YEARS.to) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Swedish for a missing or mistyped field: the secretariat reads these next to the form field. */
const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'saknas' : `ska vara ${what}`) });

const calendarDate = (example: string) =>
  z
    .string(required('text'))
    .max(10, `ett datum som ${example}`)
    .refine(isCalendarDate, { error: (issue) => (/^\d{4}-\d{2}-\d{2}$/.test(String(issue.input)) ? `${String(issue.input)} är inget giltigt datum mellan år ${STATEMENT_YEARS.from} och ${STATEMENT_YEARS.to}` : `ett datum som ${example}`) });

const dayCount = (from: string, until: string) => (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000;

/**
 * A statement of the network, as the secretariat registers it (config, CLI, web form) and as it is
 * read back from the table: every stored record passes this again, so none can stop classification.
 * Messages are Swedish: the secretariat reads them next to the form field or on the command line.
 */
export const statementSchema = z
  .object({
    id: z.string(required('text')).min(1, 'id saknas').max(64, 'högst 64 tecken').regex(/^[a-z0-9-]+$/, 'bara a–z, 0–9 och bindestreck'),
    date: calendarDate('2026-11-20'),
    // Matching stops here: an old statement's generic words do not claim next year's articles.
    until: calendarDate('2026-12-20').optional(),
    title: z.string(required('text')).trim().min(3, 'minst 3 tecken').max(300, 'högst 300 tecken'),
    keyPhrases: z.array(z.string(required('text')).trim().min(3, 'varje fras minst 3 tecken').max(120, 'varje fras högst 120 tecken'), required('en lista av fraser')).min(1, 'minst en nyckelfras').max(20, 'högst 20 nyckelfraser'),
    people: z.array(z.string(required('text')).trim().min(3, 'varje namn minst 3 tecken').max(120, 'varje namn högst 120 tecken'), required('en lista av namn')).max(20, 'högst 20 personer').default([]),
    // Shown as a link to the secretariat: http(s) only, never javascript: or data:.
    url: z.string(required('text')).max(2048, 'högst 2 048 tecken').url('en webbadress').refine((u) => /^https?:\/\//i.test(u), 'en http(s)-adress').optional(),
  }, { error: (issue) => (issue.input === undefined ? 'saknas' : 'ett utspel är ett JSON-objekt') })
  .refine((s) => !s.until || !isCalendarDate(s.date) || !isCalendarDate(s.until) || s.until >= s.date, { message: 'slutdatumet ligger före startdatumet', path: ['until'] })
  .refine((s) => !s.until || !isCalendarDate(s.date) || !isCalendarDate(s.until) || dayCount(s.date, s.until) <= MAX_STATEMENT_DAYS, { message: `fönstret är längre än ${MAX_STATEMENT_DAYS} dagar`, path: ['until'] });
export const statementsFile = z.object({ statements: z.array(statementSchema, required('en lista av utspel')) });

export const subscriberInput = z.object({
  // Bounded: one oversized cell is a rejected row (named with its line), never a half-done import.
  email: z.string().max(254, 'adressen är längre än 254 tecken').email(),
  name: z.string().min(1).max(200, 'namnet är längre än 200 tecken'),
  role: z.enum(['member', 'secretariat', 'communicator']),
  municipalities: z.array(z.string().max(60)).max(18).default([]),
  topics: z.array(z.enum(TOPICS)).default([...TOPICS]),
  active: z.boolean().default(true),
  /** The daily debate alert; unset means the role's default (communicators daily, others off). */
  alerts: z.enum(['daily', 'off']).optional(),
  /** The weekly letter: weekly (default) or off (the person still signs in to the web app). */
  digest: z.enum(['weekly', 'off']).optional(),
});
export const subscribersFile = z.object({ subscribers: z.array(subscriberInput) });

export type MunicipalitiesFile = z.infer<typeof municipalitiesFile>;
export type TopicsFile = z.infer<typeof topicsFile>;
export type GenresFile = z.infer<typeof genresFile>;
export type NetworkFile = z.infer<typeof networkFile>;

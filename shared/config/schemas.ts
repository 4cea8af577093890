/** zod schemas for the domain config files under config/. */
import * as z from 'zod';
import { GENRES, TOPICS } from './vocabulary.ts';

const term = z.object({ t: z.string().min(2), w: z.number().positive(), ambiguousCompany: z.boolean().optional() });

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
      encoding: z.enum(['utf-8', 'iso-8859-1', 'windows-1252']).optional(),
      format: z.enum(['rss', 'atom']).optional(),
      /** Days the outlet takes reply op-eds after publication; 7 when absent. */
      replyWindowDays: z.number().int().min(1).max(60).optional(),
      /** Why the URL is believed right (the live registry gives one for every entry). */
      evidence: z.string().min(10).optional(),
    }),
  ),
});

export const statementSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-20'),
  // Matching stops here: an old statement's generic words do not claim next year's articles.
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-20').optional(),
  title: z.string().min(3),
  keyPhrases: z.array(z.string().min(3)).min(1),
  people: z.array(z.string().min(3)).default([]),
  // Shown as a link to the secretariat: http(s) only, never javascript: or data:.
  url: z.string().url().refine((u) => /^https?:\/\//i.test(u), 'an http(s) address').optional(),
}).refine((s) => !s.until || s.until >= s.date, { message: 'until is before date', path: ['until'] });
export const statementsFile = z.object({ statements: z.array(statementSchema) });

export const subscriberInput = z.object({
  email: z.string().email(),
  name: z.string().min(1),
  role: z.enum(['member', 'secretariat', 'communicator']),
  municipalities: z.array(z.string()).default([]),
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

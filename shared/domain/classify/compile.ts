/**
 * Compiling the config into matchers: every lexicon term (topic words, place words, the network's
 * names, false friends, other senses, sports and brand cues) into one TermMatcher with its payload,
 * and the lookups the scoring reads. Done once per container.
 */
import type { Feed, Genre, Statement, Topic } from '../types.ts';
import type { GenresFile, MunicipalitiesFile, NetworkFile, TopicsFile } from '../../config/schemas.ts';
import { TermMatcher, type Hit } from './matcher.ts';
import { foldAscii } from './text.ts';

export interface ClassifierConfig {
  municipalities: MunicipalitiesFile;
  topics: TopicsFile;
  genres: GenresFile;
  network: NetworkFile;
  /** Feeds flagged hyperlocal give their one municipality as a prior, matched on the host. */
  liveFeeds?: Feed[];
  sampleFeeds?: Feed[];
  /** A statement that cannot be compiled or matched is skipped; this hears about it (default: a warning line). */
  onStatementError?: (statement: Statement, error: unknown) => void;
}

export type Payload =
  | { kind: 'topic'; topic: Topic; weight: number }
  | { kind: 'muni'; name: string; weight: number; ambiguousCompany: boolean; source: 'name' | 'locality' | 'site' | 'weak' }
  | { kind: 'stop'; name: string }
  | { kind: 'sports' }
  | { kind: 'brand'; name: string }
  | { kind: 'falseFriend' }
  | { kind: 'otherSense'; sense: number }
  | { kind: 'network' };

/** A matched term and the part of the article it stood in. */
export interface FieldHit {
  hit: Hit<Payload>;
  field: 'title' | 'lead' | 'text';
}

const LOCALITY_WEIGHT = 1.5;

/** What the scoring reads: the matcher and the config's lookups. */
export interface Lexicon {
  matcher: TermMatcher<Payload>;
  /** Per other sense (banks and funds, handicraft): the topic terms it switches off. */
  senseTerms: Array<Set<string>>;
  sportsPath: Set<string>;
  memberByFolded: Map<string, string>;
  thresholds: Map<Topic, number>;
  yieldsTo: Map<Topic, { topic: Topic; ratio: number }>;
  networkDomains: string[];
  /** Host of a hyperlocal outlet → its one member. */
  hyperlocal: Map<string, string>;
  /** Topic terms that are company names: with an incident title they name the place, not a second word of the topic. */
  companyTerms: Set<string>;
}

function topicEntries(config: ClassifierConfig): Array<{ term: string; payload: Payload }> {
  const entries: Array<{ term: string; payload: Payload }> = [];
  for (const topic of config.topics.topics) {
    for (const t of topic.terms) entries.push({ term: t.t, payload: { kind: 'topic', topic: topic.id, weight: t.w } });
  }
  for (const f of config.topics.falseFriends) entries.push({ term: f, payload: { kind: 'falseFriend' } });
  config.topics.otherSenses.forEach((o, sense) => {
    for (const cue of o.cues) entries.push({ term: cue, payload: { kind: 'otherSense', sense } });
  });
  for (const p of config.network.phrases) entries.push({ term: p, payload: { kind: 'network' } });
  return entries;
}

function placeEntries(config: ClassifierConfig): Array<{ term: string; payload: Payload }> {
  const entries: Array<{ term: string; payload: Payload }> = [];
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
  return entries;
}

/** A feed's host, www. left off; none for a placeholder or a loopback sample URL. */
function feedHost(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host === '127.0.0.1' || host === 'localhost' ? undefined : host;
  } catch {
    return undefined;
  }
}

const registryFeeds = (config: ClassifierConfig) => [...(config.liveFeeds ?? []), ...(config.sampleFeeds ?? [])];

function hyperlocalHosts(config: ClassifierConfig): Map<string, string> {
  const hyperlocal = new Map<string, string>();
  for (const f of registryFeeds(config)) {
    const host = f.hyperlocal && f.municipalities.length === 1 ? feedHost(f.url) : undefined;
    if (host) hyperlocal.set(host, f.municipalities[0]!);
  }
  // A member's own website speaks of that member as a hyperlocal outlet does.
  for (const m of config.municipalities.municipalities) if (m.website) hyperlocal.set(m.website, m.name);
  return hyperlocal;
}

/** The hosts of the registry's news and opinion feeds: known news outlets for genre. */
export function registryNewsHosts(config: ClassifierConfig): string[] {
  return registryFeeds(config).flatMap((f) => (f.kind === 'press_releases' || f.aggregator ? [] : (feedHost(f.url) ?? [])));
}

/** The registry's per-outlet section maps, by host: where an outlet's section means what the common name does not. */
export function registrySections(config: ClassifierConfig): Map<string, ReadonlyMap<string, Genre | 'opinion'>> {
  const byHost = new Map<string, ReadonlyMap<string, Genre | 'opinion'>>();
  for (const f of registryFeeds(config)) {
    const host = f.sections ? feedHost(f.url) : undefined;
    if (host) byHost.set(host, new Map([...(byHost.get(host) ?? []), ...Object.entries(f.sections!)]));
  }
  return byHost;
}

export function compileLexicon(config: ClassifierConfig): Lexicon {
  // Order matters only within a family: topic words first, then place words, as the matcher was always fed.
  const topical = topicEntries(config);
  const network = topical.filter((e) => e.payload.kind === 'network');
  const topicWords = topical.filter((e) => e.payload.kind === 'topic');
  const senses = topical.filter((e) => e.payload.kind === 'falseFriend' || e.payload.kind === 'otherSense');
  const places = placeEntries(config);
  const sports = places.filter((e) => e.payload.kind === 'sports');
  const entries = [...topicWords, ...places.filter((e) => e.payload.kind !== 'sports'), ...sports, ...senses, ...network];
  // Topic words and place words compete only among themselves: a site's name ("bae systems
  // hägglunds") is the place and still the company ("hägglunds") of the industry topic.
  const matcher = new TermMatcher<Payload>(entries, (p) => (p.kind === 'topic' || p.kind === 'falseFriend' || p.kind === 'otherSense' ? 0 : p.kind === 'network' ? 2 : 1));
  return {
    matcher,
    senseTerms: config.topics.otherSenses.map((o) => new Set(o.terms)),
    sportsPath: new Set(config.municipalities.sportsPathSegments),
    memberByFolded: new Map(config.municipalities.municipalities.map((m) => [foldAscii(m.name.toLowerCase()), m.name] as const)),
    thresholds: new Map(config.topics.topics.map((t) => [t.id, t.threshold])),
    yieldsTo: new Map(config.topics.topics.flatMap((t) => (t.yieldsTo ? [[t.id, t.yieldsTo] as const] : []))),
    networkDomains: config.network.domains,
    hyperlocal: hyperlocalHosts(config),
    companyTerms: new Set(config.topics.topics.flatMap((t) => t.terms.filter((x) => x.company).map((x) => x.t))),
  };
}

/** The domain configuration: every config file, validated, in one object. */
import type { Feed, Statement } from './vocabulary.ts';
import {
  feedsFile,
  genresFile,
  municipalitiesFile,
  networkFile,
  statementsFile,
  subscribersFile,
  topicsFile,
  type GenresFile,
  type MunicipalitiesFile,
  type NetworkFile,
  type TopicsFile,
} from './schemas.ts';
import { ConfigError, validateConfig } from './validate.ts';
import type { z } from 'zod';

export interface DomainConfig {
  municipalities: MunicipalitiesFile;
  topics: TopicsFile;
  genres: GenresFile;
  network: NetworkFile;
  sampleFeeds: Feed[];
  liveFeeds: Feed[];
  statements: Statement[];
  sampleSubscribers: z.infer<typeof subscribersFile>['subscribers'];
}

/** The file names under config/, one per part. */
export const CONFIG_FILES = {
  municipalities: 'municipalities.json',
  topics: 'topics.json',
  genres: 'genres.json',
  network: 'network.json',
  sampleFeeds: 'feeds.sample.json',
  liveFeeds: 'feeds.live.json',
  statements: 'statements.json',
  sampleSubscribers: 'subscribers.sample.json',
} as const;

export type RawConfig = Record<keyof typeof CONFIG_FILES, unknown>;

/** Validates every file; an error names the file, the entry and the field. */
export function parseDomainConfig(raw: RawConfig, dir = 'config'): DomainConfig {
  const f = (k: keyof typeof CONFIG_FILES) => `${dir}/${CONFIG_FILES[k]}`;
  const municipalities = validateConfig(municipalitiesFile, raw.municipalities, f('municipalities'));
  const names = new Set(municipalities.municipalities.map((m) => m.name));
  const checkMunicipalities = (file: string, list: Array<{ municipalities: string[] }>, label: string) => {
    const problems: string[] = [];
    list.forEach((entry, i) =>
      entry.municipalities.forEach((m, j) => {
        if (!names.has(m)) problems.push(`entry ${label}[${i}], field municipalities.${j}: "${m}" is not a member municipality`);
      }),
    );
    if (problems.length) throw new ConfigError(file, problems);
  };
  const sampleFeeds = parseFeedRegistry(raw.sampleFeeds, f('sampleFeeds'), names);
  const liveFeeds = parseFeedRegistry(raw.liveFeeds, f('liveFeeds'), names);
  const sampleSubscribers = validateConfig(subscribersFile, raw.sampleSubscribers, f('sampleSubscribers')).subscribers;
  checkMunicipalities(f('sampleSubscribers'), sampleSubscribers, 'subscribers');
  return {
    municipalities,
    topics: validateConfig(topicsFile, raw.topics, f('topics')),
    genres: validateConfig(genresFile, raw.genres, f('genres')),
    network: validateConfig(networkFile, raw.network, f('network')),
    sampleFeeds,
    liveFeeds,
    statements: validateConfig(statementsFile, raw.statements, f('statements')).statements,
    sampleSubscribers,
  };
}

/** A feed registry (config/feeds.*.json, or any file of that schema): schema, member names, unique ids. */
export function parseFeedRegistry(raw: unknown, file: string, members: ReadonlySet<string>): Feed[] {
  const feeds = validateConfig(feedsFile, raw, file).feeds;
  const problems: string[] = [];
  const seen = new Set<string>();
  feeds.forEach((feed, i) => {
    feed.municipalities.forEach((m, j) => {
      if (!members.has(m)) problems.push(`entry feeds[${i}], field municipalities.${j}: "${m}" is not a member municipality`);
    });
    if (seen.has(feed.id)) problems.push(`entry feeds[${i}] (${feed.id}), field id: duplicate id`);
    seen.add(feed.id);
  });
  if (problems.length) throw new ConfigError(file, problems);
  return feeds;
}

/**
 * The config files bundled into each Lambda by esbuild (JSON imports), validated once per
 * container with the same schemas the CLI uses on files.
 */
import municipalities from '../../config/municipalities.json' with { type: 'json' };
import topics from '../../config/topics.json' with { type: 'json' };
import genres from '../../config/genres.json' with { type: 'json' };
import network from '../../config/network.json' with { type: 'json' };
import sampleFeeds from '../../config/feeds.sample.json' with { type: 'json' };
import liveFeeds from '../../config/feeds.live.json' with { type: 'json' };
import statements from '../../config/statements.json' with { type: 'json' };
import sampleSubscribers from '../../config/subscribers.sample.json' with { type: 'json' };
import { parseDomainConfig, type DomainConfig } from './domain-config.ts';

let cached: DomainConfig | undefined;

export function bundledConfig(): DomainConfig {
  cached ??= parseDomainConfig({ municipalities, topics, genres, network, sampleFeeds, liveFeeds, statements, sampleSubscribers });
  return cached;
}

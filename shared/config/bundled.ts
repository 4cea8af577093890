/**
 * The domain config of each Lambda: validated when the bundle was built (esbuild injects
 * `__MONITOR_CONFIG__`, see validatedConfigModule in the CDK construct), so a cold start only reads
 * it. Run from source (tsx, tests, the local runtime) the same files are validated here, once per
 * process, with the same schemas.
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

declare const __MONITOR_CONFIG__: DomainConfig | undefined;

let cached: DomainConfig | undefined;

export function bundledConfig(): DomainConfig {
  cached ??= typeof __MONITOR_CONFIG__ !== 'undefined' ? __MONITOR_CONFIG__ : parseDomainConfig({ municipalities, topics, genres, network, sampleFeeds, liveFeeds, statements, sampleSubscribers });
  return cached;
}

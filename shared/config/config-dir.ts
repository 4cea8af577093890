/** Loads the domain config from a folder of JSON files (the CLI's --config-dir). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILES, parseDomainConfig, parseFeedRegistry, type DomainConfig, type RawConfig } from './domain-config.ts';
import type { Feed } from './vocabulary.ts';
import { ConfigError } from './validate.ts';

export function loadConfigDir(dir: string): DomainConfig {
  const raw = {} as RawConfig;
  for (const [key, file] of Object.entries(CONFIG_FILES) as Array<[keyof RawConfig, string]>) {
    const path = join(dir, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new ConfigError(path, [`cannot read file: ${(e as Error).message}`]);
    }
    try {
      raw[key] = JSON.parse(text);
    } catch (e) {
      throw new ConfigError(path, [`not valid JSON: ${(e as Error).message}`]);
    }
  }
  return parseDomainConfig(raw, dir);
}

/** Reads a feed registry file (`monitor run --feeds`), validated like the bundled ones. */
export function loadFeedRegistry(path: string, domain: DomainConfig): Feed[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(path, [`cannot read a JSON feed registry: ${(e as Error).message}`]);
  }
  return parseFeedRegistry(raw, path, new Set(domain.municipalities.municipalities.map((m) => m.name)));
}

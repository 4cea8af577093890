/**
 * The domain config, validated at build time (synth, benches): a bad config fails the deploy with
 * the file, entry and field named, and no Lambda spends its cold start validating it. The module
 * written exports `__MONITOR_CONFIG__`, which esbuild injects where `bundledConfig()` looks for it.
 * Named by content and renamed into place, so parallel builds never read a partial file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfigDir } from '../../../shared/config/config-dir.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export function validatedConfigModule(configDir = join(REPO_ROOT, 'config')): string {
  const json = JSON.stringify(loadConfigDir(configDir));
  const dir = join(REPO_ROOT, '.build');
  const file = join(dir, `validated-config-${createHash('sha256').update(json).digest('hex').slice(0, 16)}.mjs`);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  // JSON.parse of one string literal: faster to load than the same object as a literal.
  writeFileSync(tmp, `export const __MONITOR_CONFIG__ = JSON.parse(${JSON.stringify(json)});\n`);
  renameSync(tmp, file);
  return file;
}

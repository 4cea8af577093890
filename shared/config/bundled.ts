/**
 * The domain config of a Lambda bundle. It is validated when the bundle is built (CDK synth, with
 * the CLI's schemas and messages) and injected by esbuild as `__MONITOR_CONFIG__` (see
 * validatedConfigModule in the CDK construct), so a cold start neither loads the schemas nor
 * validates: it reads a config that was already checked. Code run from source (CLI, tests, local
 * runtime) loads and validates config/ with loadConfigDir and passes it to the wiring itself.
 */
import type { DomainConfig } from './domain-config.ts';

declare const __MONITOR_CONFIG__: DomainConfig | undefined;

export function bundledConfig(): DomainConfig {
  if (typeof __MONITOR_CONFIG__ === 'undefined') {
    throw new Error('no bundled config: a Lambda bundle gets config/ validated at build (validatedConfigModule, injected by esbuild); from source, use loadConfigDir');
  }
  return __MONITOR_CONFIG__;
}

/** Imports go one way: functions → shared, infra → shared. shared/ never reaches into infra/, functions/ or the CDK. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);

describe('import direction', () => {
  it('shared/ imports neither infra/, functions/ nor aws-cdk-lib', () => {
    const offenders = sources('shared').flatMap((f) =>
      importsOf(f)
        .filter((i) => /(^|\/)(infra|functions)\/|^#infra|^#functions|^aws-cdk-lib|^constructs/.test(i))
        .map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('functions/ import only shared code and libraries, never infra/ or another function', () => {
    const offenders = sources('functions').flatMap((f) =>
      importsOf(f)
        .filter((i) => /infra\/|^#infra|^#functions|^\.\//.test(i))
        .map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no handler builds a DynamoDB command itself', () => {
    const offenders = sources('functions').filter((f) => /@aws-sdk\/client-dynamodb/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the external SES client is only ever imported lazily: a value import would load it at every cold start of the functions that can mail', () => {
    // esbuild hoists an external module's static import to the top of the bundle, even from a module it loads lazily.
    const offenders = [...sources('shared'), ...sources('functions')].filter((f) => /^import\s+(?!type\b)[^;]*from\s+['"]@aws-sdk\/client-sesv2['"]/m.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

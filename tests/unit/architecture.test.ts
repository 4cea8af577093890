/** Imports go one way: functions → shared, infra → shared. shared/ never reaches into infra/, functions/ or the CDK. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawHouse, linesOf } from '../../scripts/import-graph.ts';

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

describe('the house drawn from its imports (npm run graph)', () => {
  const root = join(import.meta.dirname, '../..');
  const house = drawHouse(root);

  it('has no circle between rooms (folders) or between files, so no arrow runs back up', () => {
    expect(house.roomCircles).toEqual([]);
    expect(house.fileCircles).toEqual([]);
  });

  it('has the user entrance in cli/, and infra/ keeps the runtime only (never imports the CLI)', () => {
    expect(house.rooms).toContain('cli');
    expect(house.rooms.some((r) => r.startsWith('infra/local/commands'))).toBe(false);
    expect(house.arrows.filter(([from, to]) => from.startsWith('infra') && to === 'cli')).toEqual([]);
    expect(house.arrows.filter(([from, to]) => (from.startsWith('shared') || from === 'functions') && to === 'cli')).toEqual([]);
  });

  it('keeps every source file of shared/, cli/ and functions/ under 400 lines', () => {
    const long = house.files.filter((f) => /^(shared|cli|functions)\//.test(f)).map((f) => [f, linesOf(root, f)] as const).filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });

  it('reads config as the lowest floor: config/ imports no other room of shared/', () => {
    expect(house.arrows.filter(([from]) => from === 'shared/config')).toEqual([]);
  });
});


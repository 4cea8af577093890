/**
 * npm run bench:bundle — each function's esbuild bundle (the CDK's options) and its cold import
 * time in a fresh Node process with the functions' NODE_OPTIONS, source maps included (median of
 * several runs). Targets: < 1 MB minified, < 150 ms.
 */
import { benchErrors, QUICK } from './support/bench.ts';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { functionNames, topology } from '../infra/topology.ts';
import { bundling, FUNCTION_NODE_OPTIONS } from '../infra/cdk/constructs/monitor-function.ts';

benchErrors('bundle');

const root = resolve(import.meta.dirname, '..');
const outRoot = join(root, '.bench/bundles');
const RUNS = QUICK ? 1 : 7;
/**
 * The page reader carries a DOM and Readability (linkedom + htmlparser2 + cssomnom, ≈ 600 KiB): it
 * runs off the pipeline's path, one page at a time, so its cold start is felt by nobody; the rest keep 1 MiB.
 */
const TARGET_KIB: Partial<Record<string, number>> = { 'read-article-page': 1536 };
const rows: string[] = [];
let worst = { bytes: 0, ms: 0 };
for (const name of functionNames) {
  const outdir = join(outRoot, name);
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'index.mjs');
  const result = await build({
    entryPoints: [join(root, topology.functions[name].entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: bundling.target,
    minify: bundling.minify,
    sourcemap: bundling.sourceMap,
    sourcesContent: bundling.sourcesContent,
    mainFields: bundling.mainFields,
    banner: { js: bundling.banner },
    external: bundling.externalModules,
    inject: bundling.inject,
    metafile: true,
    logLevel: 'error',
  });
  const bytes = statSync(outfile).size;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(`file://${outfile}`)}); console.log(performance.now() - t);`], {
      encoding: 'utf8',
      // As in Lambda: the function's NODE_OPTIONS (source maps are parsed at import).
      env: { PATH: process.env.PATH, POWERTOOLS_METRICS_DISABLED: 'true', NODE_OPTIONS: FUNCTION_NODE_OPTIONS },
    });
    times.push(Number(out.trim()));
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  const top = Object.entries(result.metafile!.outputs[Object.keys(result.metafile!.outputs).find((k) => k.endsWith('index.mjs'))!]!.inputs)
    .map(([path, v]) => [path.replace(/^node_modules\//, '').split('/').slice(0, path.includes('@') ? 2 : 1).join('/'), v.bytesInOutput] as const)
    .reduce((m, [k, v]) => m.set(k, (m.get(k) ?? 0) + v), new Map<string, number>());
  const biggest = [...top].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)}k`).join(', ');
  rows.push(`${name.padEnd(17)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB  ${ms.toFixed(0).padStart(4)} ms   ${biggest}`);
  if (TARGET_KIB[name]) rows.push(`${''.padEnd(17)} (own target < ${TARGET_KIB[name]} KiB: ${bytes / 1024 < TARGET_KIB[name]! ? 'kept' : 'MISSED'})`);
  else worst = { bytes: Math.max(worst.bytes, bytes), ms: Math.max(worst.ms, ms) };
}
console.log(`function            bundle   cold import (median of ${RUNS})   largest parts`);
for (const r of rows) console.log(r);
console.log(`largest bundle on the pipeline's path ${(worst.bytes / 1024).toFixed(0)} KiB (target < 1024), slowest cold import ${worst.ms.toFixed(0)} ms (target < 150)`);

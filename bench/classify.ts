/**
 * npm run bench:classify [-- FILE.jsonl] — articles per second on one thread over the dev texts
 * (or generated ones), and the cold start as in Lambda: a fresh Node process importing the esbuild
 * bundle of the config (validated at build, as the CDK bundles it) + matcher compilation (median of 7).
 */
import { benchErrors, benchArgs, QUICK } from './support/bench.ts';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { loadConfigDir } from '../shared/config/config-dir.ts';
import { compileClassifier } from '../shared/domain/classify/classifier.ts';
import { validatedConfigModule } from '../infra/cdk/constructs/validated-config.ts';

benchErrors('classify');

const classifier = compileClassifier(loadConfigDir('config'));
const file = benchArgs()[0] ?? '../shared/eval/dev.jsonl';
const docs: Array<{ title: string; text: string; url?: string }> = existsSync(file)
  ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : Array.from({ length: 50 }, (_, i) => ({ title: `Stålverket i Luleå investerar ${i}`, text: 'Industrin i Kiruna och Borlänge behöver el och kompetensförsörjning. '.repeat(8) }));
for (let i = 0; i < 5000; i++) classifier.classify(docs[i % docs.length]!);
const n = QUICK ? 5_000 : 100_000;
const start = performance.now();
for (let i = 0; i < n; i++) classifier.classify(docs[i % docs.length]!);
const perSecond = n / ((performance.now() - start) / 1000);

const out = resolve(import.meta.dirname, '../.bench/classify-cold/index.mjs');
mkdirSync(join(out, '..'), { recursive: true });
await build({ entryPoints: [join(import.meta.dirname, 'classify-cold-entry.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', minify: true, target: 'node24', inject: [validatedConfigModule()], logLevel: 'error' });
const colds = Array.from({ length: QUICK ? 1 : 7 }, () =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(`file://${out}`)}); console.log(performance.now() - t);`], { encoding: 'utf8' }).trim()),
).sort((a, b) => a - b);
console.log(`classify: ${Math.round(perSecond).toLocaleString('en')} articles/s on one thread over ${docs.length} texts (${existsSync(file) ? file : 'generated'}); target >= 20,000`);
console.log(`cold start (import of the bundle: config validated at build, classifier compiled; fresh process, median of ${colds.length}): ${colds[Math.floor(colds.length / 2)]!.toFixed(1)} ms; target < 50 ms`);

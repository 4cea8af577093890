/** npm run bench:classify [-- FILE.jsonl]: articles per second on one thread, and cold start (config load + compile). */
import { readFileSync, existsSync } from 'node:fs';
const t0 = performance.now();
const { loadConfigDir } = await import('../shared/config/config-dir.ts');
const { compileClassifier } = await import('../shared/domain/classify/classifier.ts');
const config = loadConfigDir('config');
const classifier = compileClassifier(config);
const cold = performance.now() - t0;
const file = process.argv[2] ?? '../shared/eval/dev.jsonl';
const docs: Array<{ title: string; text: string; url?: string }> = existsSync(file)
  ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : Array.from({ length: 50 }, (_, i) => ({ title: `Stålverket i Luleå investerar ${i}`, text: 'Industrin i Kiruna och Borlänge behöver el och kompetensförsörjning. '.repeat(8) }));
for (let i = 0; i < 2000; i++) classifier.classify(docs[i % docs.length]!);
const n = 50_000;
const start = performance.now();
for (let i = 0; i < n; i++) classifier.classify(docs[i % docs.length]!);
const s = (performance.now() - start) / 1000;
console.log(`classify: ${Math.round(n / s)} articles/s over ${docs.length} texts (${file}), cold start ${cold.toFixed(1)} ms (module import + config load + compile)`);

/**
 * npm run model:cv [-- DIR] — measures a small learned topic model against the hand rules (#21):
 * logistic regression (AdaGrad, L2) over word unigrams, title words, word bigrams of the lead and
 * the rules' own scores, by 5-fold cross-validation over the labelled sets in DIR (default
 * ../shared/eval: dev, stream-dev, local-dev). Prints micro P/R/F1 per set for the rules, the model
 * alone and the model combined with the rules. Deterministic (fixed seed). Nothing is shipped: the
 * figures decide whether a model would be (README, "Measured on the dev sets").
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileClassifier } from '../shared/domain/classify/classifier.ts';
import { loadConfigDir } from '../shared/config/config-dir.ts';
import { TOPICS, type Topic } from '../shared/domain/types.ts';
import { feedLead } from '../shared/domain/classify/evaluate.ts';
import { SHORT_TEXT } from '../shared/domain/classify/topics.ts';

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '../../shared/eval'));
const SETS = ['dev', 'stream-dev', 'local-dev'];
/** Dev's items cut to what a feed gives (title + two sentences), kept in the fold of their whole text. */
const FEED_LENGTH = 'dev@feed';
const REPORTED = [...SETS, FEED_LENGTH];
const FOLDS = 5;
const EPOCHS = 30;
const L2 = 1e-3;
const RATE = 0.3;

const classifier = compileClassifier(loadConfigDir(join(import.meta.dirname, '../config')));
interface Row { set: string; fold: number; short: boolean; gold: Set<Topic>; rules: Set<Topic>; features: Map<string, number> }

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function featuresOf(title: string, text: string, ruleScore: (t: Topic) => number): Map<string, number> {
  const f = new Map<string, number>();
  const add = (k: string, v = 1) => f.set(k, Math.min(2, (f.get(k) ?? 0) + v));
  const tw = words(title);
  const xw = words(text.slice(0, 600));
  for (const w of [...tw, ...xw]) add(`w:${w}`);
  for (const w of tw) add(`t:${w}`);
  for (let i = 0; i + 1 < xw.length; i++) add(`b:${xw[i]}_${xw[i + 1]}`);
  for (const t of TOPICS) f.set(`rule:${t}`, Math.min(3, ruleScore(t)));
  f.set('bias', 1);
  return f;
}

const rows: Row[] = [];
type Rec = { title: string; text?: string; summary?: string; url?: string; outlet?: string; categories?: string[]; labels: { topics: Topic[] } };
function rowOf(set: string, fold: number, r: Rec, text: string): Row {
  const c = classifier.classify({ title: r.title, text, url: r.url, outlet: r.outlet, categories: r.categories ?? [] });
  const score = (t: Topic) => {
    const e = c.evidence.topics[t];
    return e ? e.score / e.threshold : 0;
  };
  return { set, fold, short: text.length <= SHORT_TEXT, gold: new Set(r.labels.topics), rules: new Set(c.topics), features: featuresOf(r.title, text, score) };
}
let n = 0;
for (const set of SETS) {
  for (const line of readFileSync(join(dir, `${set}.jsonl`), 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as Rec;
    const text = r.text ?? r.summary ?? '';
    const fold = n++ % FOLDS;
    rows.push(rowOf(set, fold, r, text));
    // Scored only, never trained on: its whole text is already in the same fold.
    if (set === 'dev') rows.push(rowOf(FEED_LENGTH, fold, r, feedLead(text)));
  }
}

let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
function train(idx: number[], topic: Topic): Map<string, number> {
  const w = new Map<string, number>();
  const g2 = new Map<string, number>();
  for (let e = 0; e < EPOCHS; e++) {
    const order = idx.map((i) => [random(), i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    for (const i of order) {
      const x = rows[i]!.features;
      const p = probability(w, x);
      const g = p - (rows[i]!.gold.has(topic) ? 1 : 0);
      for (const [k, v] of x) {
        const gk = g * v + L2 * (w.get(k) ?? 0);
        const acc = (g2.get(k) ?? 0) + gk * gk;
        g2.set(k, acc);
        w.set(k, (w.get(k) ?? 0) - (RATE * gk) / Math.sqrt(acc + 1e-8));
      }
    }
  }
  return w;
}
function probability(w: Map<string, number>, x: Map<string, number>): number {
  let z = 0;
  for (const [k, v] of x) z += (w.get(k) ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

// Out-of-fold probabilities: every item is scored by a model that never saw it.
const p: Array<Partial<Record<Topic, number>>> = rows.map(() => ({}));
for (let k = 0; k < FOLDS; k++) {
  const trainIdx = rows.map((_, i) => i).filter((i) => rows[i]!.fold !== k && rows[i]!.set !== FEED_LENGTH);
  for (const t of TOPICS) {
    const w = train(trainIdx, t);
    rows.forEach((r, i) => {
      if (r.fold === k) p[i]![t] = probability(w, r.features);
    });
  }
}

function report(name: string, predict: (i: number) => Set<Topic>) {
  const cells = REPORTED.map((set) => {
    let tp = 0, fp = 0, fn = 0;
    rows.forEach((r, i) => {
      if (r.set !== set) return;
      const got = predict(i);
      for (const t of TOPICS) {
        if (got.has(t) && r.gold.has(t)) tp++;
        else if (got.has(t)) fp++;
        else if (r.gold.has(t)) fn++;
      }
    });
    const P = tp / (tp + fp || 1);
    const R = tp / (tp + fn || 1);
    return `${set} P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${((2 * P * R) / (P + R || 1)).toFixed(3)}`;
  });
  console.log(`${name.padEnd(24)} ${cells.join(' | ')}`);
}
const above = (i: number, th: number) => TOPICS.filter((t) => (p[i]![t] ?? 0) > th);
report('rules', (i) => rows[i]!.rules);
for (const th of [0.5, 0.85]) {
  report(`model > ${th}`, (i) => new Set(above(i, th)));
  report(`rules or model > ${th}`, (i) => new Set([...rows[i]!.rules, ...above(i, th)]));
  report(`rules and model > ${(1 - th).toFixed(2)}`, (i) => new Set([...rows[i]!.rules].filter((t) => (p[i]![t] ?? 0) > 1 - th)));
  // Where the rules see least: a feed-length item (title and a lead of two sentences).
  report(`short: rules|m > ${th}`, (i) => new Set([...rows[i]!.rules, ...(rows[i]!.short ? above(i, th) : [])]));
}

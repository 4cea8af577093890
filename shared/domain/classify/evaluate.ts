/** Precision, recall and F1 per label, micro and macro averages, genre accuracy and confusion. */
import { OPINION_GENRES, type Genre } from '../types.ts';

export interface LabeledPrediction {
  id: string;
  /** "random" for a random sample of the stream: the noise rate is measured on those. */
  sample?: string | undefined;
  /** `mentionsNetwork` undefined: the set does not label it (opinion-dev), so it is not scored. */
  gold: { topics: string[]; municipalities: string[]; genre: Genre; mentionsNetwork?: boolean | undefined };
  predicted: { topics: string[]; municipalities: string[]; genre: Genre; mentionsNetwork: boolean };
}

export interface LabelScore {
  label: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SetScore {
  perLabel: LabelScore[];
  micro: { precision: number; recall: number; f1: number };
  macroF1: number;
}

export interface EvalReport {
  count: number;
  topics: SetScore;
  municipalities: SetScore;
  genre: { accuracy: number; confusion: Record<string, Record<string, number>> };
  network: { tp: number; fp: number; fn: number };
  /** Opinion (editorial, debate, column, letter, analysis) against everything else. */
  opinion: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  /** Share of random stream items given a topic or member that the gold labels do not have (null without such records). */
  noise: { items: number; noisy: number; rate: number } | null;
  misclassified: string[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function scoreSets(rows: LabeledPrediction[], pick: (s: LabeledPrediction['gold']) => string[]): SetScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (l: string) => {
    let c = counts.get(l);
    if (!c) counts.set(l, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const r of rows) {
    const gold = new Set(pick(r.gold));
    const pred = new Set(pick(r.predicted));
    for (const l of pred) (gold.has(l) ? get(l).tp++ : get(l).fp++);
    for (const l of gold) if (!pred.has(l)) get(l).fn++;
  }
  const perLabel = [...counts.entries()]
    .map(([label, c]) => {
      const precision = ratio(c.tp, c.tp + c.fp);
      const recall = ratio(c.tp, c.tp + c.fn);
      return { label, ...c, precision, recall, f1: f1(precision, recall) };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  const tp = perLabel.reduce((s, l) => s + l.tp, 0);
  const fp = perLabel.reduce((s, l) => s + l.fp, 0);
  const fn = perLabel.reduce((s, l) => s + l.fn, 0);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    perLabel,
    micro: { precision, recall, f1: f1(precision, recall) },
    macroF1: ratio(perLabel.reduce((s, l) => s + l.f1, 0), perLabel.length),
  };
}

export function evaluate(rows: LabeledPrediction[]): EvalReport {
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  const network = { tp: 0, fp: 0, fn: 0 };
  const misclassified: string[] = [];
  for (const r of rows) {
    const row = (confusion[r.gold.genre] ??= {});
    row[r.predicted.genre] = (row[r.predicted.genre] ?? 0) + 1;
    if (r.gold.genre === r.predicted.genre) correct++;
    const labelled = r.gold.mentionsNetwork !== undefined;
    if (labelled && r.gold.mentionsNetwork && r.predicted.mentionsNetwork) network.tp++;
    else if (labelled && r.predicted.mentionsNetwork) network.fp++;
    else if (labelled && r.gold.mentionsNetwork) network.fn++;
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
    if (
      !same(r.gold.topics, r.predicted.topics) ||
      !same(r.gold.municipalities, r.predicted.municipalities) ||
      r.gold.genre !== r.predicted.genre ||
      (labelled && r.gold.mentionsNetwork !== r.predicted.mentionsNetwork)
    )
      misclassified.push(r.id);
  }
  const op = { tp: 0, fp: 0, fn: 0 };
  for (const r of rows) {
    const g = OPINION_GENRES.includes(r.gold.genre);
    const p = OPINION_GENRES.includes(r.predicted.genre);
    if (g && p) op.tp++;
    else if (p) op.fp++;
    else if (g) op.fn++;
  }
  const opP = ratio(op.tp, op.tp + op.fp);
  const opR = ratio(op.tp, op.tp + op.fn);
  const random = rows.filter((r) => r.sample === 'random');
  const noisy = random.filter((r) => r.predicted.topics.some((t) => !r.gold.topics.includes(t)) || r.predicted.municipalities.some((m) => !r.gold.municipalities.includes(m))).length;
  return {
    count: rows.length,
    opinion: { ...op, precision: opP, recall: opR, f1: f1(opP, opR) },
    noise: random.length ? { items: random.length, noisy, rate: ratio(noisy, random.length) } : null,
    topics: scoreSets(rows, (s) => s.topics),
    municipalities: scoreSets(rows, (s) => s.municipalities),
    genre: { accuracy: ratio(correct, rows.length), confusion },
    network,
    misclassified,
  };
}

const sentences = new Intl.Segmenter('sv', { granularity: 'sentence' });
/** Characters a feed's description rarely exceeds. */
const FEED_LEAD_CHARS = 320;

/**
 * A text as a feed delivers it: the first two sentences, at most ~320 characters (cut at a word).
 * Labels set on the whole article then measure what the classifier finds from a feed item alone.
 */
export function feedLead(text: string): string {
  let out = '';
  let n = 0;
  for (const { segment } of sentences.segment(text)) {
    out += segment;
    if (++n === 2) break;
  }
  out = out.trim();
  if (out.length <= FEED_LEAD_CHARS) return out;
  const cut = out.lastIndexOf(' ', FEED_LEAD_CHARS);
  return `${out.slice(0, cut > FEED_LEAD_CHARS / 2 ? cut : FEED_LEAD_CHARS)} …`;
}

/**
 * The summariser against hand labels (../shared/eval/opinion-dev.jsonl format): thesis accuracy (the
 * first thesis sentence is one of the labelled ones), the title-only baseline beside it, author
 * precision and recall, reply precision and recall (is it a reply at all).
 */
import type { OpinionFacts } from './summarize.ts';

export interface OpinionGold {
  thesis: string[];
  author: string | null;
  repliesTo: { title: string | null; author: string | null } | null;
}

export interface OpinionEvalRow {
  id: string;
  title: string;
  gold: OpinionGold;
  predicted: OpinionFacts;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[”"«»“'’]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.!?:;,–-]+$/u, '')
    .trim();

/** The same sentence, allowing for a quote mark or a final stop, or a label cut a little short. */
export function sameSentence(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= 0.8 * long.length;
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

export interface OpinionReport {
  count: number;
  thesis: { correct: number; accuracy: number; titleBaseline: number };
  author: { tp: number; fp: number; fn: number; precision: number; recall: number };
  reply: { tp: number; fp: number; fn: number; precision: number; recall: number };
  misses: string[];
}

export function evaluateOpinion(rows: readonly OpinionEvalRow[]): OpinionReport {
  let correct = 0;
  let titleCorrect = 0;
  const author = { tp: 0, fp: 0, fn: 0 };
  const reply = { tp: 0, fp: 0, fn: 0 };
  const misses: string[] = [];
  for (const r of rows) {
    const first = r.predicted.thesis[0];
    const ok = first !== undefined && r.gold.thesis.some((g) => sameSentence(first, g));
    if (ok) correct++;
    else misses.push(`${r.id}: thesis ”${(first ?? '–').slice(0, 90)}” (labelled ”${(r.gold.thesis[0] ?? '–').slice(0, 90)}”)`);
    if (r.gold.thesis.some((g) => sameSentence(r.title, g))) titleCorrect++;
    const pa = r.predicted.author;
    const ga = r.gold.author;
    if (pa && ga && norm(pa) === norm(ga)) author.tp++;
    else {
      if (pa) author.fp++, misses.push(`${r.id}: author ${pa} (labelled ${ga ?? 'none'})`);
      if (ga) author.fn++, pa || misses.push(`${r.id}: author missed (${ga})`);
    }
    const pr = r.predicted.repliesTo !== null;
    const gr = r.gold.repliesTo !== null;
    if (pr && gr) reply.tp++;
    else if (pr) reply.fp++, misses.push(`${r.id}: reply found, none labelled`);
    else if (gr) reply.fn++, misses.push(`${r.id}: reply missed (to ${r.gold.repliesTo?.author ?? r.gold.repliesTo?.title ?? '?'})`);
  }
  return {
    count: rows.length,
    thesis: { correct, accuracy: ratio(correct, rows.length), titleBaseline: ratio(titleCorrect, rows.length) },
    author: { ...author, precision: ratio(author.tp, author.tp + author.fp), recall: ratio(author.tp, author.tp + author.fn) },
    reply: { ...reply, precision: ratio(reply.tp, reply.tp + reply.fp), recall: ratio(reply.tp, reply.tp + reply.fn) },
    misses,
  };
}

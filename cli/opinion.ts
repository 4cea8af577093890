/** `monitor summarize` and `monitor eval --opinion`: the opinion summariser's CLI contracts. */
import * as z from 'zod';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { compileClassifier } from '#shared/domain/classify/classifier.ts';
import { OPINION_GENRES, type Topic } from '#shared/domain/types.ts';
import { TOPIC_LABELS } from '#shared/domain/digest/build.ts';
import { summarizeOpinion } from '#shared/domain/opinion/summarize.ts';
import { evaluateOpinion, type OpinionEvalRow } from '#shared/domain/opinion/evaluate.ts';
import { classifyRecord, inputLine, labelledRecords, records } from './classify.ts';
import { withStores, type StoreOptions, type Write } from './compose.ts';
import { buildDebates } from '#shared/domain/digest/debates.ts';
import { quoteThesis, replyNote, voiceLabel } from '#shared/domain/digest/render-opinion.ts';
import { nextLetterWeek, formatSwedishDate, parseIsoWeek, previousWeek } from '#shared/domain/week.ts';

/**
 * One line per record: `{"id","genre","opinion","thesis","author","authorRole","repliesTo"}`. The
 * thesis, author and reply are given for every record (the summariser does not depend on the
 * genre); `opinion` says whether the pipeline treats the piece as opinion.
 */
export async function runSummarize(config: DomainConfig, file: string, write: Write): Promise<void> {
  const classifier = compileClassifier(config);
  for await (const rec of records(file, write)) {
    const c = classifyRecord(classifier, rec, []);
    const facts = summarizeOpinion({ title: rec.title, text: rec.text ?? rec.summary ?? '', author: rec.author, url: rec.url });
    write(JSON.stringify({ id: rec.id, genre: c.genre, opinion: OPINION_GENRES.includes(c.genre), thesis: facts.thesis, author: facts.author, authorRole: facts.authorRole, repliesTo: facts.repliesTo }));
  }
}

const labeled = inputLine.safeExtend({
  labels: z.object({
    thesis: z.array(z.string()),
    author: z.string().nullable().optional(),
    replies_to: z.object({ title: z.string().nullable().optional(), author: z.string().nullable().optional() }).nullable().optional(),
  }),
});

const pct = (n: number) => n.toFixed(3);

export async function runEvalOpinion(file: string, opts: { json?: boolean }, write: Write): Promise<number> {
  const rows: OpinionEvalRow[] = [];
  const { records: labelledRows, errors } = await labelledRecords(file, labeled, write);
  labelledRows.forEach((r) => {
    const l = r.labels;
    rows.push({
      id: r.id,
      title: r.title,
      gold: { thesis: l.thesis, author: l.author ?? null, repliesTo: l.replies_to ? { title: l.replies_to.title ?? null, author: l.replies_to.author ?? null } : null },
      predicted: summarizeOpinion({ title: r.title, text: r.text ?? r.summary ?? '', author: r.author, url: r.url }),
    });
  });
  const report = evaluateOpinion(rows);
  if (opts.json) {
    write(JSON.stringify(report));
    return errors;
  }
  write(`Opinionssammanfattning, ${report.count} inlägg (${file})${errors ? `, ${errors} rader avvisade` : ''}\n`);
  write(`Tes (första meningen är en märkt): ${pct(report.thesis.accuracy)} (${report.thesis.correct} av ${report.count}); bara rubriken: ${pct(report.thesis.titleBaseline)}`);
  write(`Skribent: P ${pct(report.author.precision)}  R ${pct(report.author.recall)}   tp ${report.author.tp}  fp ${report.author.fp}  fn ${report.author.fn}`);
  write(`Replik:   P ${pct(report.reply.precision)}  R ${pct(report.reply.recall)}   tp ${report.reply.tp}  fp ${report.reply.fp}  fn ${report.reply.fn}`);
  write(`\nMissar (${report.misses.length}):`);
  for (const m of report.misses) write(`  ${m}`);
  return errors;
}

/** Weeks read before the week itself: a reply links to a piece up to 30 days older. */
const LINK_WEEKS = 4;

/**
 * `monitor opinion [--week YYYY-Www] [--format json|text]`: the week's debates (default: the week
 * the next letter covers), from the stored relevant entries of that week and the four before it.
 */
export async function runOpinion(domain: DomainConfig, opts: StoreOptions & { week?: string; format?: 'json' | 'text' }, write: Write): Promise<number> {
  const now = new Date();
  const week = opts.week ?? nextLetterWeek(now);
  parseIsoWeek(week);
  const weeks = [week];
  while (weeks.length <= LINK_WEEKS) weeks.unshift(previousWeek(weeks[0]!));
  const entries = await withStores(domain, opts, async (d) => (await Promise.all(weeks.map((w) => d.stores.articles.relevantByWeek(w)))).flatMap((r) => r.entries));
  const { pieces, debates } = buildDebates(entries, week, now);
  if (opts.format !== 'text') {
    // The contract's keys exactly.
    const json = {
      week,
      pieces,
      debates: debates.map((x) => ({
        id: x.id,
        subject: x.subject,
        themes: x.themes,
        towns: x.towns,
        open: x.open,
        replyBy: x.replyBy,
        pieces: x.pieces.map((p) => ({ url: p.url, title: p.title, outlet: p.outlet, genre: p.genre, publishedAt: p.publishedAt, author: p.author, authorRole: p.authorRole, thesis: p.thesis, repliesTo: p.repliesTo, own: p.own, stanceToNetwork: p.stanceToNetwork })),
      })),
    };
    write(JSON.stringify(json));
    return 0;
  }
  write(`Veckans opinion vecka ${week}: ${pieces} debattinlägg i ${debates.length} debatter.`);
  for (const x of debates) {
    write(`\n${x.subject}  [${[...x.towns, ...x.themes.map((t) => TOPIC_LABELS[t as Topic] ?? t)].join(', ') || '–'}]${x.open && x.replyBy ? `  öppen, svara senast ${formatSwedishDate(x.replyBy)}` : ''}`);
    for (const p of x.pieces) {
      const stance = p.stanceToNetwork ? ` – ${p.stanceToNetwork === 'stöder' ? 'stöder' : 'kritiserar'} nätverket` : '';
      const answers = replyNote(p, x.pieces);
      write(`  ${p.own ? 'Nätverket: ' : ''}${voiceLabel(p)}${answers ? `, ${answers}` : ''}: ${quoteThesis(p.thesis[0] ?? p.title)}${stance}`);
    }
  }
  return 0;
}

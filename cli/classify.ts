/** `monitor classify` and `monitor eval`: the classifier's CLI contracts. */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { compileClassifier, type Classifier } from '#shared/domain/classify/classifier.ts';
import { evaluate, feedLead, type LabeledPrediction } from '#shared/domain/classify/evaluate.ts';
import { GENRES, type Classification, type Genre, type Statement } from '#shared/domain/types.ts';
import type { DomainConfig } from '#shared/config/domain-config.ts';

export const inputLine = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    title: z.string(),
    /** The text; `summary` (as `monitor parse/fetch --items` write it) is read when `text` is absent. */
    text: z.string().optional(),
    summary: z.string().optional(),
    url: z.string().optional().nullable(),
    outlet: z.string().optional().nullable(),
    date: z.string().optional().nullable(),
    publishedAt: z.string().optional().nullable(),
    categories: z.array(z.string()).optional(),
    feedKind: z.enum(['news', 'opinion', 'press_releases']).optional(),
    /** The feed's author field (`monitor summarize`). */
    author: z.string().optional().nullable(),
  })
  .refine((r) => r.text !== undefined || r.summary !== undefined, { message: 'needs "text" or "summary"', path: ['text'] });

const labeledLine = inputLine.safeExtend({
  sample: z.string().optional(),
  labels: z.object({
    topics: z.array(z.string()),
    municipalities: z.array(z.string()),
    genre: z.enum(GENRES),
    /** Absent in sets that do not label it (opinion-dev): not scored there. */
    mentions_network: z.boolean().optional(),
  }),
});

export async function readLines(file: string): Promise<string[]> {
  if (file !== '-') return readFileSync(file, 'utf8').split(/\r?\n/);
  // Standard input read as a stream: a pipe from another process may be non-blocking.
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
}

export function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
}

export function classifyRecord(classifier: Classifier, rec: z.infer<typeof inputLine>, statements: Statement[]): Classification {
  return classifier.classify(
    {
      title: rec.title,
      text: rec.text ?? rec.summary ?? '',
      url: rec.url ?? undefined,
      outlet: rec.outlet ?? undefined,
      date: rec.date ?? rec.publishedAt ?? undefined,
      feedKind: rec.feedKind,
      categories: rec.categories,
    },
    statements,
  );
}

/**
 * The valid records of a JSON lines file (or standard input), in order; a line that is not JSON or
 * not a record gets its error line in the output and the rest still go through.
 */
export async function* records(file: string, write: (s: string) => void): AsyncGenerator<z.infer<typeof inputLine>> {
  for (const line of await readLines(file)) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      write(JSON.stringify({ id: null, error: `not JSON: ${(e as Error).message}` }));
      continue;
    }
    const parsed = inputLine.safeParse(json);
    if (!parsed.success) {
      const rawId = (json as { id?: unknown } | null)?.id;
      write(JSON.stringify({ id: typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null, error: describe(parsed.error) }));
      continue;
    }
    yield parsed.data;
  }
}

export async function runClassify(config: DomainConfig, file: string, write: (s: string) => void): Promise<void> {
  const classifier = compileClassifier(config);
  for await (const rec of records(file, write)) {
    const c = classifyRecord(classifier, rec, config.statements);
    write(
      JSON.stringify({
        id: rec.id,
        topics: c.topics,
        municipalities: c.municipalities,
        genre: c.genre,
        mentionsNetwork: c.mentionsNetwork,
        // The contract's keys exactly; statement matches travel inside the evidence.
        evidence: { ...c.evidence, statements: c.statements },
      }),
    );
  }
}

const pct = (n: number) => n.toFixed(3);

/** The labelled lines of an eval file: the valid records, and a Swedish line per rejected one (with its line number). */
export async function labelledRecords<S extends z.ZodType>(file: string, schema: S, write: (s: string) => void): Promise<{ records: Array<z.infer<S>>; errors: number }> {
  const records: Array<z.infer<S>> = [];
  let errors = 0;
  (await readLines(file)).forEach((line, i) => {
    if (!line.trim()) return;
    let parsed;
    try {
      parsed = schema.safeParse(JSON.parse(line));
    } catch (e) {
      errors++;
      write(`rad ${i + 1}: inte JSON: ${(e as Error).message}`);
      return;
    }
    if (!parsed.success) {
      errors++;
      write(`rad ${i + 1}: ${describe(parsed.error)}`);
      return;
    }
    records.push(parsed.data);
  });
  return { records, errors };
}

export async function runEval(config: DomainConfig, file: string, opts: { json?: boolean; feedLength?: boolean }, write: (s: string) => void): Promise<number> {
  const classifier = compileClassifier(config);
  const rows: LabeledPrediction[] = [];
  const evidence = new Map<string, Classification>();
  let errors = 0;
  const labelled = await labelledRecords(file, labeledLine, write);
  errors += labelled.errors;
  labelled.records.forEach((data) => {
    const rec = opts.feedLength ? { ...data, text: feedLead(data.text ?? data.summary ?? '') } : data;
    const c = classifyRecord(classifier, rec, config.statements);
    evidence.set(rec.id, c);
    rows.push({
      id: rec.id,
      sample: rec.sample,
      gold: { topics: rec.labels.topics, municipalities: rec.labels.municipalities, genre: rec.labels.genre as Genre, mentionsNetwork: rec.labels.mentions_network },
      predicted: { topics: c.topics, municipalities: c.municipalities, genre: c.genre, mentionsNetwork: c.mentionsNetwork },
    });
  });
  const report = evaluate(rows);
  if (opts.json) {
    write(JSON.stringify(report));
    return errors;
  }
  write(`Utvärdering av ${report.count} artiklar (${file})${opts.feedLength ? ' i flödeslängd (rubrik + två meningar)' : ''}${errors ? `, ${errors} rader avvisade` : ''}\n`);
  for (const [name, set] of [['Ämnen (topics)', report.topics], ['Kommuner (municipalities)', report.municipalities]] as const) {
    write(name);
    write(`  ${'label'.padEnd(16)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp  fp  fn`);
    for (const l of set.perLabel) {
      write(`  ${l.label.padEnd(16)} ${pct(l.precision).padStart(6)} ${pct(l.recall).padStart(6)} ${pct(l.f1).padStart(6)}  ${String(l.tp).padStart(3)} ${String(l.fp).padStart(3)} ${String(l.fn).padStart(3)}`);
    }
    write(`  micro P ${pct(set.micro.precision)}  R ${pct(set.micro.recall)}  F1 ${pct(set.micro.f1)}   macro F1 ${pct(set.macroF1)}\n`);
  }
  write(`Genre: accuracy ${pct(report.genre.accuracy)}`);
  const genres = GENRES.filter((g) => report.genre.confusion[g] || Object.values(report.genre.confusion).some((r) => r[g]));
  write(`  ${'gold \\ pred'.padEnd(14)}${genres.map((g) => g.slice(0, 8).padStart(9)).join('')}`);
  for (const g of genres) {
    const row = report.genre.confusion[g] ?? {};
    write(`  ${g.padEnd(14)}${genres.map((p) => String(row[p] ?? 0).padStart(9)).join('')}`);
  }
  write(`Opinion (ledare, debatt, krönika, insändare, analys) mot övrigt: P ${pct(report.opinion.precision)}  R ${pct(report.opinion.recall)}  F1 ${pct(report.opinion.f1)}`);
  if (report.noise) write(`Brus: ${report.noise.noisy} av ${report.noise.items} slumpvisa flödesposter fick ett ämne eller en kommun de inte har (${(report.noise.rate * 100).toFixed(1)} %)`);
  write(`\nNätverket nämns: tp ${report.network.tp}  fp ${report.network.fp}  fn ${report.network.fn}\n`);
  write(`Felklassade (${report.misclassified.length}):`);
  for (const id of report.misclassified) {
    const row = rows.find((r) => r.id === id)!;
    const c = evidence.get(id)!;
    const diff: string[] = [];
    const fmt = (a: string[]) => `[${a.join(', ')}]`;
    if (fmt([...row.gold.topics].sort()) !== fmt([...row.predicted.topics].sort())) {
      const ev = Object.entries(c.evidence.topics).map(([t, e]) => `${t} ${e.score}/${e.threshold}: ${e.hits.map((h) => `${h.matched}@${h.field}`).join(' ')}`);
      diff.push(`ämnen ${fmt(row.gold.topics)} → ${fmt(row.predicted.topics)} {${ev.join(' | ')}}`);
    }
    if (fmt([...row.gold.municipalities].sort()) !== fmt([...row.predicted.municipalities].sort())) {
      const ev = Object.entries(c.evidence.municipalities).map(([m, e]) => `${m} ${e.score}: ${e.hits.map((h) => `${h.matched}@${h.field}`).join(' ')}`);
      diff.push(`kommuner ${fmt(row.gold.municipalities)} → ${fmt(row.predicted.municipalities)} {${ev.join(' | ')}}`);
    }
    if (row.gold.genre !== row.predicted.genre) diff.push(`genre ${row.gold.genre} → ${row.predicted.genre} (${c.evidence.genre.reason})`);
    if (row.gold.mentionsNetwork !== row.predicted.mentionsNetwork) diff.push(`nätverket ${row.gold.mentionsNetwork} → ${row.predicted.mentionsNetwork}`);
    write(`  ${id}: ${diff.join('; ')}`);
  }
  return errors;
}

/**
 * Reading a subscriber list as people export it: Swedish Excel's `;` or a plain `,` (or tab),
 * UTF-8 with or without BOM, UTF-16, or windows-1252; a header row required (English or Swedish
 * column names). Streamed, so a 60 MB file is read in bounded memory.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { UserError } from './errors.ts';
import { fold } from '#shared/domain/subscriber.ts';

const COLUMN_ALIASES: Record<string, string> = {
  email: 'email', 'e-post': 'email', epost: 'email', mejl: 'email', mail: 'email', 'e-postadress': 'email',
  name: 'name', namn: 'name',
  role: 'role', roll: 'role',
  municipalities: 'municipalities', municipality: 'municipalities', kommuner: 'municipalities', kommun: 'municipalities',
  topics: 'topics', amnen: 'topics', teman: 'topics', tema: 'topics',
  active: 'active', aktiv: 'active',
  alerts: 'alerts', debattbevakning: 'alerts', 'dagens debatt': 'alerts', bevakning: 'alerts',
};

export interface CsvShape {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  skip: number;
  delimiter: string;
  columns: string[];
}

/** Encoding, delimiter and header from the file's first 64 KB. */
export async function sniffCsv(file: string): Promise<CsvShape> {
  const fh = await open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(65_536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  let encoding: CsvShape['encoding'] = 'utf-8';
  let skip = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) skip = 3;
  else if (head[0] === 0xff && head[1] === 0xfe) [encoding, skip] = ['utf-16le', 2];
  else if (head[0] === 0xfe && head[1] === 0xff) [encoding, skip] = ['utf-16be', 2];
  else {
    try {
      // A prefix may end inside a character: decode as a stream chunk, so only real errors throw.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      encoding = 'windows-1252';
    }
  }
  const text = new TextDecoder(encoding).decode(head.subarray(skip), { stream: true });
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  const delimiter = counts[0]![1] > 0 ? counts[0]![0] : ',';
  const columns = firstLine.split(delimiter).map((c) => COLUMN_ALIASES[fold(c.replace(/^"|"$/g, ''))] ?? fold(c));
  if (!columns.includes('email')) {
    throw new UserError(`${file} saknar rubrikrad: första raden ska namnge kolumnerna, t.ex. email;name;role;municipalities;topics (eller e-post;namn;roll;kommuner;ämnen)`);
  }
  return { encoding, skip, delimiter, columns };
}

const MAX_RECORD_BYTES = 64 * 1024;

/** The rows, as objects keyed by the normalised column names, with their line numbers. */
export async function* csvRows(file: string, shape: CsvShape): AsyncGenerator<{ line: number; row: Record<string, string> }> {
  const bytes = createReadStream(file, { start: shape.skip, highWaterMark: 256 * 1024 });
  const text = Readable.fromWeb(Readable.toWeb(bytes).pipeThrough(new TextDecoderStream(shape.encoding)) as import('node:stream/web').ReadableStream);
  // A record is a subscriber's few fields: one of over 64 KB is a broken file, said in one line, not a memory sink.
  const parser = text.pipe(parse({ delimiter: shape.delimiter, columns: () => shape.columns, skip_empty_lines: true, trim: true, relax_column_count: true, info: true, max_record_size: MAX_RECORD_BYTES }));
  try {
    for await (const r of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) yield { line: r.info.lines, row: r.record };
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    if (err.code === 'CSV_MAX_RECORD_SIZE') throw new UserError(`${file}: raden kring rad ${err.lines ?? '?'} är större än ${MAX_RECORD_BYTES / 1024} KB; inget importerades`);
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) throw new UserError(`${file}: filen kan inte läsas som CSV kring rad ${err.lines ?? '?'} (${err.message ?? err.code}); inget importerades`);
    throw e;
  }
}

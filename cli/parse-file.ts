/**
 * A feed file through the same decode + parse + normalise path fetch-feed uses, with a time
 * limit. Shared by `monitor parse` and the corpus check.
 */
import { readFile } from 'node:fs/promises';
import { parseFeed, type ParseResult } from '#shared/domain/feed/parse.ts';

/** feedparser-style test files announce the HTTP charset they simulate in a comment header. */
export function simulatedHttpCharset(bytes: Uint8Array): string | undefined {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(600, bytes.byteLength)).toString('latin1').match(/Header:\s*Content-type:[^\n]*charset\s*=\s*([\w-]+)/i)?.[1];
}

export async function parseFeedFile(file: string, timeoutMs = 2000): Promise<ParseResult> {
  const bytes = await readFile(file);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      parseFeed(bytes, { feedId: 'file', feedUrl: 'http://localhost/feed', outlet: 'file', kind: 'news' }, { httpCharset: simulatedHttpCharset(bytes), now: new Date() }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`time limit of ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

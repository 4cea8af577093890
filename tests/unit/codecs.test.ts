import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeArticleJob, decodeFeedJob, encodeJob, MAX_MESSAGE_BYTES, MessageError } from '#shared/messages.ts';
import { statementSchema } from '#shared/config/schemas.ts';
import { ConfigError, validateConfig } from '#shared/config/validate.ts';
import type { ArticleJob } from '#shared/ports.ts';

const candidate = fc.record({
  id: fc.string({ minLength: 1, maxLength: 30 }),
  url: fc.webUrl(),
  title: fc.string({ maxLength: 200 }),
  summary: fc.string({ maxLength: 2000 }),
  publishedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  dateEstimated: fc.boolean(),
  outlet: fc.string({ maxLength: 40 }),
  feedId: fc.string({ minLength: 1, maxLength: 20 }),
  feedKind: fc.constantFrom('news' as const, 'opinion' as const, 'press_releases' as const),
  categories: fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
  language: fc.constantFrom('sv' as const, 'en' as const, 'other' as const),
});

describe('message codecs (property)', () => {
  it('decode(encode(job)) is the job, for any valid article job', () => {
    fc.assert(
      fc.property(candidate, (article) => {
        const job: ArticleJob = { v: 1, type: 'classify-article', article };
        expect(decodeArticleJob(encodeJob(job))).toEqual(job);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('any other body is refused with a MessageError that says why, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (body) => {
        for (const decode of [decodeFeedJob, decodeArticleJob]) {
          try {
            decode(body);
          } catch (e) {
            expect(e).toBeInstanceOf(MessageError);
            expect((e as Error).message.length).toBeGreaterThan(10);
          }
        }
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('names the wrong version, the wrong shape and the size', () => {
    expect(() => decodeFeedJob('{"v":2,"type":"fetch-feed","feedId":"x"}')).toThrow(/version 2/);
    expect(() => decodeFeedJob('{"v":1,"type":"fetch-feed"}')).toThrow(/feedId/);
    expect(() => decodeFeedJob('not json')).toThrow(/not JSON/);
    expect(() => decodeFeedJob(JSON.stringify({ v: 1, pad: 'x'.repeat(MAX_MESSAGE_BYTES) }))).toThrow(/larger than/);
  });
});

describe('statements', () => {
  it('an invalid statement names the file and the field', () => {
    expect(() => validateConfig(statementSchema, { id: 'Bad Id', date: '27/11', title: 'x', keyPhrases: [] }, 'utspel.json')).toThrow(ConfigError);
    const bad = () => validateConfig(statementSchema, { id: 'ok-id', date: '27/11', title: 'Ett utspel', keyPhrases: ['el'] }, 'utspel.json');
    expect(bad).toThrow(/utspel\.json[\s\S]*field date[\s\S]*2026-11-20/);
    expect(bad).toThrow(/keyPhrases\[0\]/);
  });
});

describe('the SQS job queue', () => {
  it('encodes each job once and leaves out (and counts) one too large for a message, sending the rest', async () => {
    const { createSqsJobQueue } = await import('#shared/adapters/sqs-job-queue.ts');
    const sent: string[] = [];
    const client = { send: async (cmd: { input: { Entries: Array<{ Id: string; MessageBody: string }> } }) => (sent.push(...cmd.input.Entries.map((e) => e.MessageBody)), { Successful: cmd.input.Entries.map((e) => ({ Id: e.Id })) }) };
    let encodes = 0;
    const q = createSqsJobQueue<string>({ client: client as never, queueUrl: 'q', encode: (s) => (encodes++, s), maxMessageBytes: 10 });
    expect(await q.sendAll(['a', 'b'.repeat(11), 'c'])).toEqual({ sent: 2, failed: [], tooLarge: 1 });
    expect(sent).toEqual(['a', 'c']);
    expect(encodes).toBe(3);
  });
});

/** Sends jobs to an SQS queue with SendMessageBatch: ten per call, within the batch size limit. */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue } from '../ports.ts';
import { MAX_MESSAGE_BYTES } from '../messages.ts';

const MAX_BATCH_BYTES = 250 * 1024;

export function createSqsJobQueue<T>(opts: { client: SQSClient; queueUrl: string; encode: (job: T) => string; maxMessageBytes?: number }): JobQueue<T> {
  const max = opts.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  return {
    async sendAll(jobs) {
      // Each body is encoded once; one that does not fit a message is left out (counted), not sent to fail every time.
      const encoded = jobs.map(opts.encode);
      const bodies = encoded.filter((b) => Buffer.byteLength(b) <= max);
      const batches: string[][] = [];
      let cur: string[] = [];
      let bytes = 0;
      for (const b of bodies) {
        const size = Buffer.byteLength(b);
        if (cur.length === 10 || (cur.length && bytes + size > MAX_BATCH_BYTES)) {
          batches.push(cur);
          cur = [];
          bytes = 0;
        }
        cur.push(b);
        bytes += size;
      }
      if (cur.length) batches.push(cur);
      let sent = 0;
      const failed: string[] = [];
      for (const batch of batches) {
        let entries = batch.map((body, i) => ({ Id: String(i), MessageBody: body }));
        // One retry for entries SQS reports failed (throttling); what still fails is returned.
        for (let attempt = 0; attempt < 2 && entries.length; attempt++) {
          const out = await opts.client.send(new SendMessageBatchCommand({ QueueUrl: opts.queueUrl, Entries: entries }));
          sent += out.Successful?.length ?? 0;
          const failedIds = new Set((out.Failed ?? []).map((f) => f.Id));
          entries = entries.filter((e) => failedIds.has(e.Id));
        }
        failed.push(...entries.map((e) => e.MessageBody));
      }
      return { sent, failed, tooLarge: encoded.length - bodies.length };
    },
  };
}

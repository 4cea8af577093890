/**
 * Takes jobs from an SQS queue one at a time, for a scheduled reader that drains its own queue
 * instead of an event source mapping (no idle polling, one reader at a time). A job that is not
 * marked done comes back after the queue's visibility timeout, and to its DLQ after maxReceiveCount.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { InboxMessage, JobInbox } from '../ports.ts';

export function createSqsJobInbox(opts: { client: SQSClient; queueUrl: string }): JobInbox {
  return {
    async next() {
      // One message per receive: it is read at once, so its visibility timeout covers one page, not ten.
      const out = await opts.client.send(
        new ReceiveMessageCommand({ QueueUrl: opts.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
      );
      const m = out.Messages?.[0];
      if (!m?.ReceiptHandle) return undefined;
      return { body: m.Body ?? '', receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? '1'), handle: m.ReceiptHandle };
    },
    async done(message: InboxMessage) {
      await opts.client.send(new DeleteMessageCommand({ QueueUrl: opts.queueUrl, ReceiptHandle: message.handle }));
    },
  };
}

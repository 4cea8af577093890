/**
 * Plays Lambda's SQS event source locally: receive up to the batch size, invoke the handler with a
 * real SQS event, delete what succeeded, and leave reported batchItemFailures for redelivery (after
 * `retryDelaySeconds`), so poison messages reach the DLQ after maxReceiveCount like in AWS.
 */
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface PollOnceResult {
  received: number;
  succeeded: number;
  failed: number;
  crashed: boolean;
}

export function lambdaContext(functionName: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function toSqsEvent(messages: Message[], queueArn: string, region: string): SQSEvent {
  return {
    Records: messages.map((msg) => ({
      messageId: msg.MessageId!,
      receiptHandle: msg.ReceiptHandle!,
      body: msg.Body ?? '',
      attributes: {
        ApproximateReceiveCount: msg.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: msg.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: msg.Attributes?.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: msg.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: msg.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}

export async function pollOnce(opts: {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  batchSize: number;
  functionName: string;
  timeoutSeconds: number;
  handler: SqsHandler;
  retryDelaySeconds: number;
  onError?: (e: unknown) => void;
}): Promise<PollOnceResult> {
  const out = await opts.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: opts.queueUrl, MaxNumberOfMessages: opts.batchSize, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }),
  );
  const messages = out.Messages ?? [];
  if (!messages.length) return { received: 0, succeeded: 0, failed: 0, crashed: false };
  let failedIds: Set<string>;
  let crashed = false;
  try {
    const res = await opts.handler(toSqsEvent(messages, opts.queueArn, opts.region), lambdaContext(opts.functionName, opts.timeoutSeconds));
    failedIds = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  } catch (e) {
    // A handler that throws fails the whole batch, as on Lambda.
    crashed = true;
    opts.onError?.(e);
    failedIds = new Set(messages.map((m) => m.MessageId!));
  }
  const ok = messages.filter((m) => !failedIds.has(m.MessageId!));
  const failed = messages.filter((m) => failedIds.has(m.MessageId!));
  if (ok.length) {
    await opts.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: opts.queueUrl, Entries: ok.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
  }
  if (failed.length) {
    await opts.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: opts.queueUrl,
        Entries: failed.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: opts.retryDelaySeconds })),
      }),
    );
  }
  return { received: messages.length, succeeded: ok.length, failed: failed.length, crashed };
}

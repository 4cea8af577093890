/** Wiring for send-digest: articles, subscribers, statements, editions and the ledger (DynamoDB), the digest queue. */
import {
  createDynamoArticleStore,
  createDynamoDigestLedger,
  createDynamoEditionStore,
  createDynamoStatementStore,
  createDynamoSubscriberStore,
} from '../adapters/dynamo/index.ts';
import { createSqsClient } from '../aws/sqs.ts';
import type { DigestJob } from '../ports.ts';
import { checkDigests, planDigest } from '../use-cases/send-digest.ts';
import { common, jobQueue, type WiringInput } from './common.ts';

export function wireSendDigest(input: WiringInput) {
  const c = common(input);
  const subscribers = createDynamoSubscriberStore(c.table);
  const plan = planDigest({
    articles: createDynamoArticleStore(c.table),
    subscribers,
    statements: createDynamoStatementStore(c.table),
    editions: createDynamoEditionStore(c.table),
    digestJobs: jobQueue<DigestJob>(input.overrides?.sqs ?? createSqsClient(input.config), input.config, 'digests'),
    clock: c.clock,
  });
  return { clock: c.clock, planDigest: plan, checkDigests: checkDigests({ subscribers, ledger: createDynamoDigestLedger(c.table) }) };
}

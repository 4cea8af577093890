/** What every Lambda entry shares: dependencies built once per container, and SQS partial batches. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { bundledConfig } from './config/bundled.ts';
import { readRuntimeConfig } from './config/env.ts';
import { buildDeps, type Deps } from './wiring.ts';

let deps: Deps | undefined;

/** Built on first use, not at import, so a local runtime can set the environment first. */
export function lambdaDeps(): Deps {
  deps ??= buildDeps(readRuntimeConfig(), bundledConfig());
  return deps;
}

/** Each record is handled on its own; a throw marks only that record failed (batchItemFailures). */
export async function processSqsBatch(event: SQSEvent, context: Context, handle: (record: SQSRecord) => Promise<void>): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  return processPartialResponse(event, handle, processor, { context });
}

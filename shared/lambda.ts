/** What every Lambda entry shares: its own wiring built once per container, and SQS partial batches. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { bundledConfig } from './config/bundled.ts';
import { readRuntimeConfig } from './config/env.ts';
import type { WiringInput } from './wiring/common.ts';

/** Built on first use, not at import, so a local runtime or test can set the environment first. */
export function lazyWiring<T>(wire: (input: WiringInput) => T): () => T {
  let deps: T | undefined;
  return () => (deps ??= wire({ config: readRuntimeConfig(), domain: bundledConfig() }));
}

/** Each record is handled on its own; a throw marks only that record failed (batchItemFailures). */
export async function processSqsBatch(event: SQSEvent, context: Context, handle: (record: SQSRecord) => Promise<void>): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  return processPartialResponse(event, handle, processor, { context });
}

/** What every Lambda entry shares: its own wiring built once per container, and SQS partial batches. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { bundledConfig } from '../config/bundled.ts';
import { readRuntimeConfig } from '../config/env.ts';
import type { WiringInput } from './common.ts';
import { envName } from '../config/env.ts';
import type { MiddlewareObj } from '@middy/core';

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

/**
 * Middy middleware: before the first invocation, reads the unsubscribe signing key from Secrets
 * Manager (Powertools Parameters, cached) into the environment the runtime config reads.
 */
export function unsubscribeSecretFromSecretsManager(): MiddlewareObj {
  return {
    before: async () => {
      const arn = process.env[envName.unsubscribeSecretArn];
      if (!arn || process.env[envName.unsubscribeSecret]) return;
      const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
      const value = await getSecret(arn, { maxAge: 3600 });
      if (typeof value !== 'string' || value.length < 16) throw new Error(`secret ${arn} is missing or shorter than 16 characters`);
      process.env[envName.unsubscribeSecret] = value;
    },
  };
}

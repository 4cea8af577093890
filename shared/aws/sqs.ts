/** The SQS client, for the functions that send jobs. */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { RuntimeConfig } from '../config/env.ts';
import { localCredentials } from './clients.ts';

export function createSqsClient(config: Pick<RuntimeConfig, 'region' | 'endpoints'>): SQSClient {
  return new SQSClient({ region: config.region, endpoint: config.endpoints.sqs, credentials: localCredentials(config) });
}

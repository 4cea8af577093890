/**
 * AWS SDK clients, built once per container from validated config; an endpoint points them at the
 * local stack. One factory per service, so a bundle holds only the clients its function uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RuntimeConfig } from '../config/env.ts';

type ClientConfig = Pick<RuntimeConfig, 'region' | 'endpoints'>;

/** The local servers accept any credentials; fixed dummy ones keep the SDK from searching for real ones. */
export function localCredentials(config: ClientConfig) {
  return config.endpoints.dynamodb || config.endpoints.sqs ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
}

export function createDynamoClient(config: ClientConfig): DynamoDBClient {
  return new DynamoDBClient({ region: config.region, endpoint: config.endpoints.dynamodb, credentials: localCredentials(config), maxAttempts: 5 });
}

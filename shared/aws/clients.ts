/** AWS SDK clients, built once per container from validated config; an endpoint points them at the local stack. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { RuntimeConfig } from '../config/env.ts';

export interface AwsClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
}

export function createClients(config: Pick<RuntimeConfig, 'region' | 'endpoints'>, middleware?: (c: AwsClients) => void): AwsClients {
  const local = config.endpoints.dynamodb || config.endpoints.sqs;
  // The local servers accept any credentials; fixed dummy ones keep the SDK from searching for real ones.
  const credentials = local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
  const clients = {
    dynamodb: new DynamoDBClient({ region: config.region, endpoint: config.endpoints.dynamodb, credentials, maxAttempts: 5 }),
    sqs: new SQSClient({ region: config.region, endpoint: config.endpoints.sqs, credentials }),
  };
  middleware?.(clients);
  return clients;
}

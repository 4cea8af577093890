// SQS(digests) → deliverDigest → edition (DynamoDB, cached per container) → ledger claim → Mailer (SES v2)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent } from 'aws-lambda';
import { lazyWiring, processSqsBatch, unsubscribeSecretFromSecretsManager } from '#shared/wiring/lambda.ts';
import { decodeDigestJob } from '#shared/messages.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireDeliverDigest } from '#shared/wiring/deliver-digest.ts';

const { logger, metrics } = observability('deliver-digest');

export const createHandler = (getDeps: () => ReturnType<typeof wireDeliverDigest>) => (event: SQSEvent, context: Context) =>
  processSqsBatch(event, context, async (record) => {
    const job = decodeDigestJob(record.body);
    try {
      const outcome = await getDeps().deliverDigest(job);
      if (outcome === 'sent') metrics.addMetric(metricNames.digestsSent, MetricUnit.Count, 1);
      else logger.info('digest not sent', { week: job.week, subscriberId: job.subscriberId, outcome });
    } catch (e) {
      // The subscriber id, never the address; the record is retried by SQS, then goes to the DLQ.
      logger.warn('digest failed', { week: job.week, subscriberId: job.subscriberId, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  });

export const handler = middy(createHandler(lazyWiring(wireDeliverDigest))).use(injectLambdaContext(logger)).use(unsubscribeSecretFromSecretsManager()).use(logMetrics(metrics));

// EventBridge Scheduler (weekly-digest) → planDigest → edition (DynamoDB) + one job per subscriber → SQS(digests)
// EventBridge Scheduler (digest-watchdog) → checkDigests
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { lazyWiring } from '#shared/wiring/lambda.ts';
import { digestWeekFor } from '#shared/domain/week.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireSendDigest } from '#shared/wiring/send-digest.ts';

const { logger, metrics } = observability('send-digest');

/** The schedules send {} or {"check": true}; an operator may name a week, force a rebuild and resend, or limit to some addresses. */
const eventSchema = z
  .object({ week: z.string().regex(/^\d{4}-W\d{2}$/).optional(), force: z.boolean().optional(), only: z.array(z.string()).optional(), check: z.boolean().optional() })
  .passthrough();

export const createHandler = (getDeps: () => Pick<ReturnType<typeof wireSendDigest>, 'planDigest' | 'checkDigests' | 'clock'>) => async (event: unknown) => {
  const input = eventSchema.parse(event ?? {});
  const deps = getDeps();
  const week = input.week ?? digestWeekFor(deps.clock.now());
  if (input.check) {
    const status = await deps.checkDigests(week);
    metrics.addMetric(metricNames.digestsMissing, MetricUnit.Count, status.missing);
    logger.info('digest check', { ...status });
    return status;
  }
  const plan = await deps.planDigest({ week, force: input.force, only: input.only });
  // Ids and counts only: addresses are personal data and stay out of logs.
  logger.info('digest planned', { ...plan });
  return plan;
};

export const handler = middy(createHandler(lazyWiring(wireSendDigest))).use(injectLambdaContext(logger)).use(logMetrics(metrics));

// EventBridge Scheduler (weekly-digest, digest-watchdog) → sendDigest / checkDigests → Mailer (SES v2)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { lazyWiring, unsubscribeSecretFromSecretsManager } from '#shared/lambda.ts';
import { digestWeekFor } from '#shared/domain/week.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireSendDigest } from '#shared/wiring/send-digest.ts';

const { logger, metrics } = observability('send-digest');

/** The schedules send {} or {"check": true}; an operator may name a week, force a resend, or limit to some addresses. */
const eventSchema = z
  .object({ week: z.string().regex(/^\d{4}-W\d{2}$/).optional(), force: z.boolean().optional(), only: z.array(z.string()).optional(), check: z.boolean().optional() })
  .passthrough();

export const createHandler = (getDeps: () => Pick<ReturnType<typeof wireSendDigest>, 'sendDigest' | 'checkDigests' | 'clock'>) => async (event: unknown) => {
  const input = eventSchema.parse(event ?? {});
  const deps = getDeps();
  const week = input.week ?? digestWeekFor(deps.clock.now());
  if (input.check) {
    const status = await deps.checkDigests(week);
    metrics.addMetric(metricNames.digestsMissing, MetricUnit.Count, status.missing);
    logger.info('digest check', { ...status });
    return status;
  }
  const report = await deps.sendDigest({ week, force: input.force, only: input.only });
  metrics.addMetric(metricNames.digestsSent, MetricUnit.Count, report.sent.length);
  // Ids only: addresses are personal data and stay out of logs.
  logger.info('digest run', { week: report.week, sent: report.sent.length, skipped: report.skipped.length, failed: report.failed.map((f) => f.subscriberId), undecodable: report.undecodable });
  // A failure makes the scheduler retry; the ledger keeps the others from being sent twice.
  if (report.failed.length) throw new Error(`${report.failed.length} digests failed: ${report.failed.map((f) => f.subscriberId).join(', ')}`);
  return report;
};

export const handler = middy(createHandler(lazyWiring(wireSendDigest))).use(injectLambdaContext(logger)).use(unsubscribeSecretFromSecretsManager()).use(logMetrics(metrics));

// EventBridge Scheduler (weekly-digest) → sendDigest → Mailer (SES v2)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { lambdaDeps } from '#shared/lambda.ts';
import { digestWeekFor } from '#shared/domain/week.ts';
import { metricNames, observability } from '#shared/observability.ts';
import type { Deps } from '#shared/wiring.ts';

const { logger, metrics } = observability('send-digest');

/** The schedule sends {}; an operator may name a week, force a resend, or limit to some addresses. */
const eventSchema = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/).optional(), force: z.boolean().optional(), only: z.array(z.string()).optional() }).passthrough();

export const createHandler = (getDeps: () => Pick<Deps, 'sendDigest' | 'clock'>) => async (event: unknown) => {
  const input = eventSchema.parse(event ?? {});
  const deps = getDeps();
  const report = await deps.sendDigest({ week: input.week ?? digestWeekFor(deps.clock.now()), force: input.force, only: input.only });
  metrics.addMetric(metricNames.digestsSent, MetricUnit.Count, report.sent.length);
  metrics.addMetric(metricNames.digestFailures, MetricUnit.Count, report.failed.length);
  // Ids only: addresses are personal data and stay out of logs.
  logger.info('digest run', { week: report.week, sent: report.sent.length, skipped: report.skipped.length, failed: report.failed.map((f) => f.subscriberId), undecodable: report.undecodable });
  // A failure makes the scheduler retry; the ledger keeps the others from being sent twice.
  if (report.failed.length) throw new Error(`${report.failed.length} digests failed: ${report.failed.map((f) => f.subscriberId).join(', ')}`);
  return report;
};

export const handler = middy(createHandler(lambdaDeps)).use(injectLambdaContext(logger)).use(logMetrics(metrics));

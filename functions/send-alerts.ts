// EventBridge Scheduler (daily-debate, weekdays 07:00 Europe/Stockholm) → sendAlerts → ledger claim → Mailer (SES v2)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { lazyWiring, unsubscribeSecretFromSecretsManager } from '#shared/wiring/lambda.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireSendAlerts } from '#shared/wiring/send-alerts.ts';

const { logger, metrics } = observability('send-alerts');

/** The schedule sends {}; an operator may name a day (YYYY-MM-DD) and force a resend. */
const eventSchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), force: z.boolean().optional() }).passthrough();

export const createHandler = (getDeps: () => Pick<ReturnType<typeof wireSendAlerts>, 'sendAlerts'>) => async (event: unknown) => {
  const input = eventSchema.parse(event ?? {});
  try {
    const run = await getDeps().sendAlerts({ day: input.day, force: input.force });
    metrics.addMetric(metricNames.alertsSent, MetricUnit.Count, run.sent);
    // Ids and counts only: addresses are personal data and stay out of logs.
    logger.info('debate alerts', { ...run });
    return run;
  } catch (e) {
    const run = (e as { run?: unknown }).run;
    logger.error('debate alerts failed', { error: e instanceof Error ? e.message : String(e), ...(run ? { run } : {}) });
    throw e;
  }
};

export const handler = middy(createHandler(lazyWiring(wireSendAlerts))).use(injectLambdaContext(logger)).use(unsubscribeSecretFromSecretsManager()).use(logMetrics(metrics));

// Lambda function URL → Hono app (archive, debates, coverage, settings; sign-in by emailed link) → DynamoDB Query/Get, SES, SQS(articles) for new statements
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { handle } from 'hono/aws-lambda';
import type { Context as LambdaContext, LambdaFunctionURLEvent } from 'aws-lambda';
import { lazyWiring, unsubscribeSecretFromSecretsManager } from '#shared/wiring/lambda.ts';
import { metricNames, observability } from '#shared/observability.ts';
import { wireWeb } from '#shared/wiring/web.ts';

const { logger, metrics } = observability('web');

const app = lazyWiring((input) =>
  handle(
    wireWeb(input, {
      // The function URL's own record of the caller, not a header the caller could set.
      clientIp: (c) => (c.env as { event?: LambdaFunctionURLEvent } | undefined)?.event?.requestContext?.http?.sourceIp ?? 'unknown',
      onSignInCapReached: () => {
        logger.warn('hourly cap on sign-in mail reached: no sign-in mail until the next hour');
        metrics.addMetric(metricNames.signInMailCapped, MetricUnit.Count, 1);
        metrics.publishStoredMetrics();
      },
      onServerError: (path, error) => {
        logger.error('web request failed', { path, error: error instanceof Error ? error.message : String(error) });
        metrics.addMetric(metricNames.webServerErrors, MetricUnit.Count, 1);
        metrics.publishStoredMetrics();
      },
    }),
  ),
);

export const handler = middy((event: LambdaFunctionURLEvent, context: LambdaContext) => app()(event as never, context))
  .use(injectLambdaContext(logger))
  .use(unsubscribeSecretFromSecretsManager());

// Lambda function URL (GET link, POST one-click) → verify signed token → SubscriberStore.setActive(false)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import { lazyWiring, unsubscribeSecretFromSecretsManager } from '#shared/lambda.ts';
import { verifyUnsubscribeToken } from '#shared/domain/digest/unsubscribe.ts';
import { observability } from '#shared/observability.ts';
import { wireUnsubscribe } from '#shared/wiring/unsubscribe.ts';

const { logger } = observability('unsubscribe');
const page = (status: number, text: string): APIGatewayProxyResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body: `<!DOCTYPE html><html lang="sv"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Mediebevakningen</title><p style="font-family:sans-serif;font-size:18px;margin:2em">${text}</p></html>`,
});

export const createHandler = (getDeps: () => ReturnType<typeof wireUnsubscribe>) => async (event: LambdaFunctionURLEvent) => {
  const q = event.queryStringParameters ?? {};
  const id = q.s ?? '';
  const token = q.t ?? '';
  const deps = getDeps();
  if (!/^[a-f0-9]{16,64}$/.test(id) || !token || !verifyUnsubscribeToken(deps.unsubscribeSecret, id, token)) return page(400, 'Länken är ogiltig eller har ändrats.');
  const done = await deps.subscribers.setActive(id, false);
  logger.info('unsubscribe', { subscriberId: id, found: done, oneClick: event.requestContext?.http?.method === 'POST' });
  return page(200, 'Du prenumererar inte längre på veckobrevet.');
};

export const handler = middy(createHandler(lazyWiring(wireUnsubscribe))).use(injectLambdaContext(logger)).use(unsubscribeSecretFromSecretsManager());

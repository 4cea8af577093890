// Lambda function URL → verify signed token → GET: a confirmation page; POST (button or one-click) → SubscriberStore.setActive(false)
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import { lazyWiring, unsubscribeSecretFromSecretsManager } from '#shared/wiring/lambda.ts';
import { verifyUnsubscribeToken } from '#shared/domain/digest/unsubscribe.ts';
import { escapeHtml } from '#shared/domain/digest/render.ts';
import { observability } from '#shared/observability.ts';
import { wireUnsubscribe } from '#shared/wiring/unsubscribe.ts';

const { logger } = observability('unsubscribe');
const page = (status: number, body: string): APIGatewayProxyResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" },
  body: `<!DOCTYPE html><html lang="sv"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Mediebevakningen</title><div style="font-family:sans-serif;font-size:18px;margin:2em">${body}</div></html>`,
});

export const createHandler = (getDeps: () => ReturnType<typeof wireUnsubscribe>) => async (event: LambdaFunctionURLEvent) => {
  const q = event.queryStringParameters ?? {};
  const id = q.s ?? '';
  const token = q.t ?? '';
  const deps = getDeps();
  if (!/^[a-f0-9]{16,64}$/.test(id) || !token || !verifyUnsubscribeToken(deps.unsubscribeSecret, id, token)) return page(400, '<p>Länken är ogiltig eller har ändrats.</p>');
  // Mail scanners open links in advance: a GET only asks, a POST (the button, or the mail
  // client's one-click List-Unsubscribe-Post) unsubscribes.
  if (event.requestContext?.http?.method !== 'POST') {
    const action = `?s=${encodeURIComponent(id)}&t=${encodeURIComponent(token)}`;
    return page(200, `<p>Vill du sluta få veckobrevet från mediebevakningen?</p><form method="post" action="${escapeHtml(action)}"><button type="submit" style="font-size:18px;padding:.5em 1em">Avsluta prenumerationen</button></form>`);
  }
  const done = await deps.subscribers.setActive(id, false);
  logger.info('unsubscribe', { subscriberId: id, found: done });
  return page(200, '<p>Du prenumererar inte längre på veckobrevet.</p>');
};

export const handler = middy(createHandler(lazyWiring(wireUnsubscribe))).use(injectLambdaContext(logger)).use(unsubscribeSecretFromSecretsManager());

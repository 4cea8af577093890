/** Signed unsubscribe tokens: HMAC of the subscriber id, so a link cannot be forged for another person. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function unsubscribeToken(secret: string, subscriberId: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${subscriberId}`).digest('base64url').slice(0, 32);
}

export function verifyUnsubscribeToken(secret: string, subscriberId: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, subscriberId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function unsubscribeUrl(baseUrl: string, secret: string, subscriberId: string): string {
  const u = new URL(baseUrl);
  u.searchParams.set('s', subscriberId);
  u.searchParams.set('t', unsubscribeToken(secret, subscriberId));
  return u.toString();
}

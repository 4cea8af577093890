/**
 * Web sign-in: single-use emailed links (random tokens, stored only as SHA-256, 15 minutes),
 * sessions as HMAC-signed cookies (subscriber id + expiry; a forged or altered cookie fails the
 * signature), and CSRF tokens bound to the session (or, before sign-in, to a random cookie).
 * Keys are derived from the deployment's unsubscribe signing key, so there is one secret to keep.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_HOURS = 12;

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(`sign-in:${token}`).digest('hex');

export interface SessionKeys {
  session: Buffer;
  csrf: Buffer;
}

export function sessionKeys(secret: string): SessionKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`web:${purpose}`).digest();
  return { session: derive('session'), csrf: derive('csrf') };
}

const mac = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `v2.<subscriberId>.<expiry ms>.<epoch>.<signature>`. The epoch is the subscriber's session epoch
 * when signed in: signing out raises it, so every earlier cookie of that person stops working.
 */
export function signSession(keys: SessionKeys, subscriberId: string, epoch: number, now: Date): string {
  const body = `v2.${subscriberId}.${now.getTime() + SESSION_HOURS * 3600_000}.${epoch}`;
  return `${body}.${mac(keys.session, body)}`;
}

export function verifySession(keys: SessionKeys, cookie: string | undefined, now: Date): { subscriberId: string; epoch: number } | undefined {
  if (!cookie || cookie.length > 200) return undefined;
  const parts = cookie.split('.');
  if (parts.length !== 5 || parts[0] !== 'v2' || !/^[0-9a-f]{24}$/.test(parts[1]!) || !/^\d{1,15}$/.test(parts[2]!) || !/^\d{1,9}$/.test(parts[3]!)) return undefined;
  const body = parts.slice(0, 4).join('.');
  if (!same(mac(keys.session, body), parts[4]!)) return undefined;
  if (Number(parts[2]) <= now.getTime()) return undefined;
  return { subscriberId: parts[1]!, epoch: Number(parts[3]) };
}

/** A CSRF token for forms: bound to the session cookie, or to the pre-sign-in cookie on the sign-in form. */
export const csrfToken = (keys: SessionKeys, binding: string) => mac(keys.csrf, `csrf:${binding}`);
export const csrfValid = (keys: SessionKeys, binding: string | undefined, token: unknown) => !!binding && typeof token === 'string' && same(csrfToken(keys, binding), token);

/** A client as the limits count it: an IPv4 address, or an IPv6 address's /64 (one home or host gets a whole /64). */
export function clientKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const v4 = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (v4) return v4[1]!;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Per 15 minutes: mails to one address, requests from one client (an IPv6 /64); per hour: sign-in mails in all (an alarm when reached). */
export const SIGN_IN_LIMITS = { windowSeconds: 900, perAddress: 5, perClient: 20, perHour: 300 };

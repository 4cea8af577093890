/** Subscriber ids: a hash of the normalised address, so the same person is one subscriber and ids hold no address. */
import { createHash } from 'node:crypto';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function subscriberId(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 24);
}

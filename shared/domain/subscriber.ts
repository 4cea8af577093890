/**
 * Subscribers: ids from a keyed hash of the normalised address (the same person is one subscriber;
 * an id in a log or a link holds no address and cannot be confirmed by hashing a guessed one),
 * validation of one subscriber, and member towns as people type them.
 */
import { createHash, createHmac } from 'node:crypto';
import { subscriberInput } from '../config/schemas.ts';
import type { Subscriber } from './types.ts';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The id: HMAC-SHA256 under the deployment's signing key (the unsubscribe key), 24 hex characters. */
export function subscriberId(email: string, key: string): string {
  return createHmac('sha256', key).update(`subscriber-id:${normaliseEmail(email)}`).digest('hex').slice(0, 24);
}

/** The unkeyed id of tables from before keyed ids (`monitor subscribers rekey` moves them). */
export function legacySubscriberId(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 24);
}

export interface SubscriberRejection {
  line: number;
  reason: string;
}

/** Lower case without accents: how a name is compared when people type it ("lulea", "E-POST"). */
export const fold = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * A member town as a person types it: any case, with or without å, ä, ö ("lulea" is Luleå). An
 * unknown name gets a suggestion when one member is close ("Lulå" → "Luleå?").
 */
export function resolveMunicipality(name: string, members: ReadonlySet<string>): { name: string } | { unknown: string; suggestion?: string } {
  if (members.has(name)) return { name };
  const f = fold(name);
  for (const m of members) if (fold(m) === f) return { name: m };
  let best: { m: string; d: number } | undefined;
  for (const m of members) {
    const d = editDistance(f, fold(m));
    if (d <= 2 && (!best || d < best.d)) best = { m, d };
  }
  return best ? { unknown: name, suggestion: best.m } : { unknown: name };
}

/** Whether the person gets the daily debate alert: their own setting, else communicators yes and others no. */
export const alertsFor = (s: Pick<Subscriber, 'role' | 'alerts'>): 'daily' | 'off' => s.alerts ?? (s.role === 'communicator' ? 'daily' : 'off');

/** Validates one subscriber; member names are matched case- and accent-insensitively. */
export function validateSubscriber(raw: unknown, members: ReadonlySet<string>, idKey: string): { ok: true; subscriber: Subscriber } | { ok: false; reason: string } {
  const r = subscriberInput.safeParse(raw);
  if (!r.success) return { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.') || 'rad'}: ${i.message}`).join('; ') };
  const resolved = r.data.municipalities.map((m) => resolveMunicipality(m, members));
  const unknown = resolved.flatMap((x) => ('unknown' in x ? [x.suggestion ? `${x.unknown} (menar du ${x.suggestion}?)` : x.unknown] : []));
  if (unknown.length) return { ok: false, reason: `okänd medlemskommun: ${unknown.join(', ')}` };
  const email = normaliseEmail(r.data.email);
  const municipalities = resolved.map((x) => (x as { name: string }).name);
  const { alerts, ...rest } = r.data;
  return { ok: true, subscriber: { ...rest, municipalities, email, id: subscriberId(email, idKey), alerts: alerts ?? alertsFor({ role: rest.role }) } };
}

/** Several towns or topics in one cell: separated by ";", "|" or "," (a cell holding the file's delimiter is quoted). */
export const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;|,]/)
    .map((x) => x.trim())
    .filter(Boolean);

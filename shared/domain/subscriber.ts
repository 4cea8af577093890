/**
 * Subscribers: ids from a hash of the normalised address (the same person is one subscriber,
 * and an id holds no address), and CSV import where a bad row never blocks the good ones.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { subscriberInput } from '../config/schemas.ts';
import type { Subscriber } from './types.ts';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function subscriberId(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 24);
}

export interface SubscriberRejection {
  line: number;
  reason: string;
}

/** Validates one subscriber; member names must be spelled as in the config. */
export function validateSubscriber(raw: unknown, members: ReadonlySet<string>): { ok: true; subscriber: Subscriber } | { ok: false; reason: string } {
  const r = subscriberInput.safeParse(raw);
  if (!r.success) return { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.') || 'rad'}: ${i.message}`).join('; ') };
  const unknown = r.data.municipalities.filter((m) => !members.has(m));
  if (unknown.length) return { ok: false, reason: `okänd medlemskommun: ${unknown.join(', ')}` };
  const email = normaliseEmail(r.data.email);
  return { ok: true, subscriber: { ...r.data, email, id: subscriberId(email) } };
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * CSV with a header: email, name, role, municipalities, topics (lists separated by ; or |).
 * Returns the accepted subscribers and each rejected row with its line number and reason.
 */
export function parseSubscriberCsv(text: string, members: ReadonlySet<string>): { accepted: Subscriber[]; rejected: SubscriberRejection[] } {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (e) {
    return { accepted: [], rejected: [{ line: 0, reason: `filen kan inte läsas som CSV: ${(e as Error).message}` }] };
  }
  const accepted: Subscriber[] = [];
  const rejected: SubscriberRejection[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const line = i + 2; // 1-based, after the header
    const topics = list(row.topics);
    const v = validateSubscriber(
      {
        email: row.email ?? '',
        name: row.name ?? '',
        role: row.role ?? '',
        municipalities: list(row.municipalities),
        ...(topics.length ? { topics } : {}),
        active: row.active ? !/^(nej|no|false|0)$/i.test(row.active) : true,
      },
      members,
    );
    if (!v.ok) rejected.push({ line, reason: v.reason });
    else if (seen.has(v.subscriber.id)) rejected.push({ line, reason: 'adressen finns redan på en tidigare rad' });
    else {
      seen.add(v.subscriber.id);
      accepted.push(v.subscriber);
    }
  });
  return { accepted, rejected };
}


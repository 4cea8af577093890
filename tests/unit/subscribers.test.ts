import { describe, expect, it } from 'vitest';
import { parseSubscriberCsv, subscriberId } from '#shared/domain/subscriber.ts';
import { weekSpan, isoWeekOf, digestWeekFor } from '#shared/domain/week.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '#shared/domain/digest/unsubscribe.ts';
import { createHandler as unsubscribeHandler } from '#functions/unsubscribe.ts';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { SubscriberStore } from '#shared/ports.ts';

const members = new Set(['Kiruna', 'Skövde', 'Luleå']);

describe('subscriber CSV import', () => {
  it('imports the good rows and names each bad row and why', () => {
    // Prepare
    const csv = 'email,name,role,municipalities,topics\nA@Kiruna.example.se,Anna,member,Kiruna,industry;energy\nnope,Bo,member,,\nc@x.example.se,Carl,chef,,\nd@x.example.se,Dora,member,Stockholm,\na@kiruna.example.se,Dubblett,member,,\n';
    // Act
    const { accepted, rejected } = parseSubscriberCsv(csv, members);
    // Assess
    expect(accepted).toEqual([{ id: subscriberId('a@kiruna.example.se'), email: 'a@kiruna.example.se', name: 'Anna', role: 'member', municipalities: ['Kiruna'], topics: ['industry', 'energy'], active: true }]);
    expect(rejected.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(rejected[0]!.reason).toMatch(/email/);
    expect(rejected[1]!.reason).toMatch(/role/);
    expect(rejected[2]!.reason).toMatch(/Stockholm/);
    expect(rejected[3]!.reason).toMatch(/tidigare rad/);
  });

  it('reports an unreadable file as one clear rejection', () => {
    expect(parseSubscriberCsv('email,name\n"unterminated,x\n', members).rejected[0]!.reason).toMatch(/CSV/);
  });
});

describe('weeks in Europe/Stockholm', () => {
  it('puts Sunday evening in Stockholm in the week it belongs to there, and the Monday digest on the week before', () => {
    // Sunday 29 November 23:30 in Stockholm is 22:30 UTC; 00:30 on Monday is 23:30 UTC on Sunday.
    expect(isoWeekOf(new Date('2026-11-29T22:30:00Z'))).toBe('2026-W48');
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'))).toBe('2026-W49');
    expect(digestWeekFor(new Date('2026-11-30T06:00:00Z'))).toBe('2026-W48');
    expect(weekSpan('2026-W48')).toBe('23–29 november 2026');
  });
});

describe('unsubscribe', () => {
  const secret = 'a-test-secret-of-enough-length';
  const setActive: Array<[string, boolean]> = [];
  const store = { setActive: async (id: string, a: boolean) => (setActive.push([id, a]), true) } as unknown as SubscriberStore;
  const handler = unsubscribeHandler(() => ({ subscribers: store, unsubscribeSecret: secret }));
  const event = (s: string, t: string, method = 'GET') => ({ queryStringParameters: { s, t }, requestContext: { http: { method } } }) as unknown as LambdaFunctionURLEvent;
  const id = subscriberId('a@example.se');

  it('a GET (a mail scanner, or the person) only asks; the POST of the button or one-click unsubscribes', async () => {
    const token = unsubscribeToken(secret, id);
    const asked = (await handler(event(id, token, 'GET'))) as { statusCode: number; body: string };
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<form method="post"');
    expect(setActive).toEqual([]);
    const res = await handler(event(id, token, 'POST'));
    expect(res).toMatchObject({ statusCode: 200 });
    expect(setActive).toEqual([[id, false]]);
  });

  it('refuses a forged or altered token without touching the store', async () => {
    setActive.length = 0;
    expect(await handler(event(id, 'x'.repeat(32)))).toMatchObject({ statusCode: 400 });
    expect(await handler(event(subscriberId('b@example.se'), unsubscribeToken(secret, id)))).toMatchObject({ statusCode: 400 });
    expect(setActive).toEqual([]);
    expect(verifyUnsubscribeToken(secret, id, unsubscribeToken('another-secret-xxxxxxxx', id))).toBe(false);
  });
});

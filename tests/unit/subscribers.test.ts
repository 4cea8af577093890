import { describe, expect, it } from 'vitest';
import { legacySubscriberId, list, resolveMunicipality, subscriberId, validateSubscriber } from '#shared/domain/subscriber.ts';
import { csvRows, sniffCsv } from '../../cli/subscriber-csv.ts';
import iconv from 'iconv-lite';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { weekSpan, isoWeekOf, digestWeekFor } from '#shared/domain/week.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '#shared/domain/digest/unsubscribe.ts';
import { createHandler as unsubscribeHandler } from '#functions/unsubscribe.ts';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { SubscriberStore } from '#shared/ports.ts';

const members = new Set(['Kiruna', 'Skövde', 'Luleå']);
const KEY = 'a-test-key-of-enough-length';

describe('subscriber CSV import', () => {
  const write = (name: string, bytes: Buffer | string) => {
    const f = join(mkdtempSync(join(tmpdir(), 'csv-')), name);
    writeFileSync(f, bytes);
    return f;
  };
  const rows = async (file: string) => {
    const shape = await sniffCsv(file);
    const out: Array<{ line: number; row: Record<string, string> }> = [];
    for await (const r of csvRows(file, shape)) out.push(r);
    return { shape, out };
  };

  it('reads Swedish Excel: ";" in windows-1252 with Swedish headers, and towns in any case or without å, ä, ö', async () => {
    const text = 'e-post;namn;roll;kommuner;ämnen\r\nanna@kiruna.example.se;Åsa Öberg;member;kiruna|LULEA;industry,energy\r\n';
    const { shape, out } = await rows(write('excel.csv', iconv.encode(text, 'windows-1252')));
    expect(shape).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(out[0]).toMatchObject({ line: 2, row: { email: 'anna@kiruna.example.se', name: 'Åsa Öberg', municipalities: 'kiruna|LULEA' } });
    const v = validateSubscriber({ email: out[0]!.row.email, name: out[0]!.row.name, role: out[0]!.row.role, municipalities: list(out[0]!.row.municipalities), topics: list(out[0]!.row.topics) }, members, KEY);
    expect(v).toMatchObject({ ok: true, subscriber: { municipalities: ['Kiruna', 'Luleå'], topics: ['industry', 'energy'] } });
  });

  it('reads UTF-16 with a BOM and UTF-8 with one, "," or tab', async () => {
    const text = 'email,name,role,municipalities\nbo@example.se,Bo Ström,member,Skövde\n';
    const utf16 = await rows(write('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
    expect(utf16.shape).toMatchObject({ encoding: 'utf-16le', delimiter: ',' });
    expect(utf16.out[0]!.row).toMatchObject({ name: 'Bo Ström', municipalities: 'Skövde' });
    const bom = await rows(write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/,/g, '\t'))])));
    expect(bom.shape).toMatchObject({ encoding: 'utf-8', delimiter: '\t' });
    expect(bom.out[0]!.row.email).toBe('bo@example.se');
  });

  it('a file without a header row is a clear error, not a silent empty import', async () => {
    await expect(sniffCsv(write('nohead.csv', 'anna@kiruna.example.se,Anna,member,Kiruna\n'))).rejects.toThrow(/saknar rubrikrad/);
  });

  it('names an unknown town with a suggestion, and says which field is wrong', () => {
    expect(resolveMunicipality('Lulå', members)).toEqual({ unknown: 'Lulå', suggestion: 'Luleå' });
    expect(resolveMunicipality('Stockholm', members)).toEqual({ unknown: 'Stockholm' });
    expect(validateSubscriber({ email: 'a@b.se', name: 'A', role: 'member', municipalities: ['Skovde', 'Kirna'] }, members, KEY)).toEqual({ ok: false, reason: 'okänd medlemskommun: Kirna (menar du Kiruna?)' });
    expect(validateSubscriber({ email: 'nope', name: 'A', role: 'chef' }, members, KEY)).toMatchObject({ ok: false, reason: expect.stringMatching(/email[\s\S]*role/) });
  });
});

describe('subscriber ids', () => {
  it('are a keyed hash: the same address gives the same id under one key, and a guessed address cannot be confirmed without it', () => {
    expect(subscriberId(' Anna@Kiruna.example.se ', KEY)).toBe(subscriberId('anna@kiruna.example.se', KEY));
    expect(subscriberId('anna@kiruna.example.se', KEY)).toMatch(/^[a-f0-9]{24}$/);
    expect(subscriberId('anna@kiruna.example.se', KEY)).not.toBe(subscriberId('anna@kiruna.example.se', 'another-key-of-enough-length'));
    expect(subscriberId('anna@kiruna.example.se', KEY)).not.toBe(legacySubscriberId('anna@kiruna.example.se'));
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
  const id = subscriberId('a@example.se', secret);

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
    expect(await handler(event(subscriberId('b@example.se', secret), unsubscribeToken(secret, id)))).toMatchObject({ statusCode: 400 });
    expect(setActive).toEqual([]);
    expect(verifyUnsubscribeToken(secret, id, unsubscribeToken('another-secret-xxxxxxxx', id))).toBe(false);
  });
});

describe('oversized fields (hardening #23, low 12)', () => {
  it('rejects a 200-character-plus name as a row error, and a record over 64 KB as one Swedish line before anything is written', async () => {
    const { validateSubscriber } = await import('#shared/domain/subscriber.ts');
    const v = validateSubscriber({ email: 'a@example.se', name: 'A'.repeat(201), role: 'member', municipalities: ['Luleå'] }, new Set(['Luleå']), 'test-key-0123456789');
    expect(v.ok).toBe(false);
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'csv-')), 'big.csv');
    writeFileSync(file, `email,name,role\na@example.se,Anna,member\nb@example.se,${'B'.repeat(70_000)},member\n`);
    const rows: number[] = [];
    await expect(async () => {
      for await (const r of csvRows(file, await sniffCsv(file))) rows.push(r.line);
    }).rejects.toThrow(/större än 64 KB/);
  });
});

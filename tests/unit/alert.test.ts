import { describe, expect, it } from 'vitest';
import { alertSubject, alertWeeks, alertWindow, buildAlert, isWeekday } from '#shared/domain/digest/alert.ts';
import { toDigestEntry } from '#shared/domain/digest/stories.ts';
import { articleFactory } from '../support/factories.ts';

const reader = { municipalities: ['Skövde'], topics: ['energy' as const] };
const piece = (id: string, publishedAt: string, extra: Partial<Parameters<typeof articleFactory>[0]> = {}, debate?: { replyBy: string; own: boolean; repliesToNetwork: boolean }) => ({
  ...toDigestEntry(articleFactory({ id, publishedAt, genre: 'debate', topics: ['energy'], municipalities: [], ...extra })),
  ...(debate ? { debate } : {}),
});

describe('Dagens debatt', () => {
  it('covers the 24 hours before 07:00 Stockholm, and on a Monday everything since Friday 07:00, across a change of clock', () => {
    const wed = alertWindow('2026-11-25');
    expect([wed.from.toISOString(), wed.to.toISOString()]).toEqual(['2026-11-24T06:00:00.000Z', '2026-11-25T06:00:00.000Z']);
    const mon = alertWindow('2026-11-30');
    expect(mon.from.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    // Summer time ends on Sunday 25 October 2026: Friday 07:00 is 05:00 UTC, Monday 07:00 is 06:00 UTC.
    const afterDst = alertWindow('2026-10-26');
    expect([afterDst.from.toISOString(), afterDst.to.toISOString()]).toEqual(['2026-10-23T05:00:00.000Z', '2026-10-26T06:00:00.000Z']);
    expect(alertWeeks(mon)).toEqual(['2026-W48', '2026-W49']);
    expect(isWeekday('2026-11-28')).toBe(false);
    expect(isWeekday('2026-11-27')).toBe(true);
  });

  it('lists the reader\\u2019s open pieces of the window, replies to the network first, then the most urgent; never the network\\u2019s own', () => {
    const w = alertWindow('2026-11-25');
    const now = w.to;
    const entries = [
      piece('old', '2026-11-23T20:00:00Z'),
      piece('theme', '2026-11-24T08:00:00Z', {}, { replyBy: '2026-12-01T08:00:00Z', own: false, repliesToNetwork: false }),
      piece('urgent', '2026-11-24T09:00:00Z', {}, { replyBy: '2026-11-27T09:00:00Z', own: false, repliesToNetwork: false }),
      piece('reply', '2026-11-24T10:00:00Z', { topics: [] }, { replyBy: '2026-12-01T10:00:00Z', own: false, repliesToNetwork: true }),
      piece('own', '2026-11-24T11:00:00Z', {}, { replyBy: '2026-12-01T11:00:00Z', own: true, repliesToNetwork: false }),
      piece('elsewhere', '2026-11-24T12:00:00Z', { topics: ['procurement'] }),
      piece('town', '2026-11-24T13:00:00Z', { topics: [], municipalities: ['Skövde'] }),
      { ...piece('news', '2026-11-24T14:00:00Z'), genre: 'news' as const },
    ];
    const alert = buildAlert(entries, reader, w, now);
    expect(alert.pieces.map((p) => p.entry.id)).toEqual(['reply', 'urgent', 'theme', 'town']);
    expect(alertSubject(alert)).toMatch(/^Dagens debatt 25 nov\.?: 4 inlägg att svara på, 1 svar till nätverket$/);
    // A letter about the reader's town with no theme and no tie to the network is not a debate to answer.
    const thanks = piece('thanks', '2026-11-24T15:00:00Z', { genre: 'letter', topics: [], municipalities: ['Skövde'] });
    expect(buildAlert([...entries, thanks], reader, w, now).pieces.map((p) => p.entry.id)).not.toContain('thanks');
    // A piece whose reply window has closed by 07:00 is not offered.
    expect(buildAlert(entries, reader, w, new Date('2026-11-27T10:00:00Z')).pieces.map((p) => p.entry.id)).not.toContain('urgent');
  });
});

import { describe, expect, it } from 'vitest';
import { buildDigest } from '#shared/domain/digest/build.ts';
import { renderDigestHtml, renderDigestText } from '#shared/domain/digest/render.ts';
import type { Article, Subscriber } from '#shared/domain/types.ts';
import { articleFactory } from '../support/factories.ts';

const sub: Subscriber = { id: 's', email: 'a@example.se', name: 'Anna', role: 'member', municipalities: ['Luleå'], topics: ['industry', 'energy', 'procurement', 'skills'], active: true };
const now = new Date('2026-11-27T08:00:00Z');
const opts = { unsubscribeUrl: 'https://example.se/u?s=1', appName: 'Test' };

describe('digest', () => {
  it('escapes every article field and never links javascript: URLs', () => {
    // Prepare
    const evil: Article = articleFactory({ title: '<script>alert(1)</script>', url: 'javascript:alert(1)', summary: '"><img src=x onerror=alert(1)>' });
    // Act
    const html = renderDigestHtml(buildDigest({ week: '2026-W48', subscriber: sub, articles: [evil], previousWeek: [], statements: [], now }), opts);
    // Assess
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('<img src=x');
  });

  it('groups one wire story in several papers into one story', () => {
    const a = articleFactory({ id: 'a', outlet: 'Tidning A', title: 'Stålverket i Luleå får klartecken för ny ljusbågsugn' });
    const b = articleFactory({ id: 'b', outlet: 'Tidning B', title: 'Stålverket i Luleå får klartecken för ny ljusbågsugn (TT)' });
    const d = buildDigest({ week: '2026-W48', subscriber: sub, articles: [a, b], previousWeek: [], statements: [], now });
    expect(d.totals.stories).toBe(1);
    expect(renderDigestText(d, opts)).toContain('publicerad i 2 tidningar');
  });

  it('puts the member\u2019s own town first and says so when the week is empty', () => {
    const other = articleFactory({ id: 'x', municipalities: ['Kiruna'], title: 'Kiruna' });
    const own = articleFactory({ id: 'y', municipalities: ['Luleå'], title: 'Luleå' });
    const d = buildDigest({ week: '2026-W48', subscriber: sub, articles: [other, own], previousWeek: [], statements: [], now });
    expect(d.municipalities[0]).toMatchObject({ name: 'Luleå', own: true });
    const empty = buildDigest({ week: '2026-W48', subscriber: sub, articles: [], previousWeek: [], statements: [], now });
    expect(empty.empty).toBe(true);
    expect(renderDigestText(empty, opts)).toContain('Inget nytt');
  });

  it('marks opinion under seven days old as open for reply', () => {
    const fresh = articleFactory({ id: 'o', genre: 'debate', publishedAt: '2026-11-25T08:00:00Z', title: 'Debatt om elnätet' });
    const d = buildDigest({ week: '2026-W48', subscriber: sub, articles: [fresh], previousWeek: [], statements: [], now });
    expect(d.opinion[0]!.openForReply).toBe(true);
  });
});

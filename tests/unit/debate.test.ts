import { describe, expect, it } from 'vitest';
import { debateFacts, openForReply } from '#shared/domain/debate.ts';

const base = {
  genre: 'debate' as const,
  publishedAt: '2026-11-24T08:00:00Z',
  url: 'https://tidning.example/debatt/x',
  title: 'DEBATT: Elnätet räcker inte',
  text: 'Staten måste bygga ut elnätet.',
  mentionsNetwork: false,
  statementIds: [] as string[],
  networkDomains: ['natverket.example'],
  spokespeople: ['Lars Nordin'],
};

describe('debates', () => {
  it('reply-by is publication plus the outlet\u2019s window (seven days by default), and closes then', () => {
    expect(debateFacts(base)!.replyBy).toBe('2026-12-01T08:00:00.000Z');
    expect(debateFacts({ ...base, replyWindowDays: 3 })!.replyBy).toBe('2026-11-27T08:00:00.000Z');
    const f = debateFacts(base)!;
    expect(openForReply(f, new Date('2026-11-30T08:00:00Z'))).toBe(true);
    expect(openForReply(f, new Date('2026-12-01T08:00:01Z'))).toBe(false);
    expect(debateFacts({ ...base, genre: 'news' })).toBeUndefined();
  });

  it('the network\u2019s own pieces (its site, a spokesperson\u2019s byline) are never open for reply', () => {
    const bySpokesperson = debateFacts({ ...base, author: 'Lars Nordin' })!;
    expect(bySpokesperson.own).toBe(true);
    expect(openForReply(bySpokesperson, new Date('2026-11-25T08:00:00Z'))).toBe(false);
    expect(debateFacts({ ...base, url: 'https://www.natverket.example/debatt/y' })!.own).toBe(true);
  });

  it('a reply that names the network, a statement or a spokesperson is flagged; a piece without a reply cue is not', () => {
    expect(debateFacts({ ...base, title: 'REPLIK: Industrikommunerna har fel', mentionsNetwork: true })!.repliesToNetwork).toBe(true);
    expect(debateFacts({ ...base, text: 'Lars Nordin har fel, och här är mitt svar till honom.' })!.repliesToNetwork).toBe(true);
    expect(debateFacts({ ...base, title: 'REPLIK: Elnätet byggs ut' })!.repliesToNetwork).toBe(false);
    expect(debateFacts({ ...base, mentionsNetwork: true })!.repliesToNetwork).toBe(false);
  });
});

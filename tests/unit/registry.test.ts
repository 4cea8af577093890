/** The live feed registry as data: every entry explains its URL, every member keeps two local sources. */
import { describe, expect, it } from 'vitest';
import { loadConfigDir } from '#shared/config/config-dir.ts';

const domain = loadConfigDir('config');

describe('the live feed registry', () => {
  it('gives every URL a short evidence note, and marks none verified without a live check', () => {
    for (const f of domain.liveFeeds) {
      expect(f.evidence, f.id).toBeTruthy();
      expect(f.verified, f.id).toBe(false);
    }
  });

  it('keeps at least two local sources for every member municipality', () => {
    for (const m of domain.municipalities.municipalities) {
      const local = domain.liveFeeds.filter((f) => f.municipalities.includes(m.name));
      expect(local.length, m.name).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses SVT\u2019s own feed address and SVT\u2019s regional feeds, and no Sveriges Radio channel id as a program id', () => {
    expect(domain.liveFeeds.find((f) => f.id === 'svt-nyheter')?.url).toBe('https://www.svt.se/rss.xml');
    expect(domain.liveFeeds.filter((f) => /svt\.se\/nyheter\/lokalt\/[a-z]+\/rss\.xml$/.test(f.url)).length).toBeGreaterThanOrEqual(10);
    // Channel ids of P4 stations (the ids in their stream addresses) are not RSS program ids.
    for (const channel of [205, 210, 212, 213, 223]) expect(domain.liveFeeds.some((f) => f.url.endsWith(`/api/rss/program/${channel}`))).toBe(false);
  });
});

describe('the live registry against public evidence (#25)', () => {
  it('gives every entry an evidence level and its source', () => {
    for (const f of domain.liveFeeds) {
      expect(['confirmed', 'pattern', 'none'], f.id).toContain(f.evidenceLevel);
      expect(f.evidenceSource, f.id).toBeTruthy();
    }
  });

  it('keeps for every member at least two local sources whose evidence is a sibling\u2019s pattern or better', () => {
    for (const m of domain.municipalities.municipalities) {
      const backed = domain.liveFeeds.filter((f) => f.municipalities.includes(m.name) && f.evidenceLevel !== 'none');
      expect(backed.length, m.name).toBeGreaterThanOrEqual(2);
    }
  });

  it('corrects what the evidence contradicts', () => {
    // Program 94 is P4 Gotland, not Skaraborg.
    expect(domain.liveFeeds.some((f) => f.url.endsWith('/api/rss/program/94'))).toBe(false);
    // SVT has no Skaraborg region: Skövde and Mariestad are SVT Väst's.
    expect(domain.liveFeeds.some((f) => f.url.includes('/lokalt/skaraborg/'))).toBe(false);
    expect(domain.liveFeeds.find((f) => f.id === 'svt-vast')?.municipalities).toEqual(expect.arrayContaining(['Skövde', 'Mariestad']));
    // Södertälje has its own SVT region and P4 station.
    expect(domain.liveFeeds.filter((f) => f.municipalities.includes('Södertälje') && /lokalt\/sodertalje|channel\/5283/.test(f.url))).toHaveLength(2);
    // An entry's id and its URL name the same paper.
    for (const f of domain.liveFeeds.filter((x) => /^(nsk|nst|nwt|nkp|sla|blt|barometern)$/.test(x.id))) expect(new URL(f.url).hostname, f.id).toContain(f.id);
    // NWT Media and Gota Media titles publish under /feed.
    for (const id of ['nwt', 'nkp', 'sla', 'mariestadstidningen', 'blt', 'barometern', 'nsk']) expect(domain.liveFeeds.find((f) => f.id === id)?.url, id).toMatch(/\/feed\/?$/);
    // Skövde Nyheter is a regional paper, not a hyperlocal site.
    expect(domain.liveFeeds.find((f) => f.id === 'skovdenyheter')?.hyperlocal).toBeUndefined();
  });
});

describe('the live check\'s advice on fetchArticle (#20)', () => {
  it('suggests fetchArticle for a feed whose opinion pieces come as teasers, and says when one marked gives them whole', async () => {
    const { registryAdvice } = await import('../../cli/feeds.ts');
    const feed = (id: string, fetchArticle = false) => ({ id, url: `https://${id}.example/feed`, outlet: id, kind: 'opinion' as const, municipalities: [], language: 'sv' as const, verified: true, ...(fetchArticle ? { fetchArticle } : {}) });
    const advice = registryAdvice(
      [feed('ingress'), feed('hela'), feed('markerad', true), feed('fa')],
      [
        { feed: 'ingress', ok: true, status: '200', opinionItems: 12, opinionLeadChars: 180 },
        { feed: 'hela', ok: true, status: '200', opinionItems: 9, opinionLeadChars: 2400 },
        { feed: 'markerad', ok: true, status: '200', opinionItems: 5, opinionLeadChars: 3100 },
        // Two pieces are too few to judge a feed by.
        { feed: 'fa', ok: true, status: '200', opinionItems: 2, opinionLeadChars: 90 },
      ],
    ).join('\n');
    expect(advice).toMatch(/överväg fetchArticle: true[^]*ingress: 12 inlägg, median 180 tecken/);
    expect(advice).not.toMatch(/ {2}hela:|fa: 2 inlägg/);
    expect(advice).toMatch(/fetchArticle behövs inte: markerad/);
  });
});

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

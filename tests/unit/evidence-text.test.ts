/** "Varför?" in Swedish: every genre reason the classifier can give, and the field names, in the readers' words. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genreReasonText, whyText } from '#shared/domain/classify/evidence-text.ts';
import { compileClassifier } from '#shared/domain/classify/classifier.ts';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import type { Article } from '#shared/domain/types.ts';

const ENGLISH = /\b(title|lead|marker|publisher|category|quoted|section|path|organisation|newsroom|municipality|party|site|think-tank|magazine|reference|information|blog|feed|outlet|byline|cues?|personal|default|press-release|opinion)\b/i;

describe('evidence in Swedish', () => {
  it('has a Swedish wording for every genre reason written in genre.ts and in config/genres.json', () => {
    const source = readFileSync(join(import.meta.dirname, '../../shared/domain/classify/genre.ts'), 'utf8');
    // Each reason literal, its ${…} parts filled with a host-like word.
    const reasons = [...source.matchAll(/reason: (?:'([^']*)'|`([^`]*)`)/g)].map((m) => (m[1] ?? m[2]!).replace(/\$\{[^}]*\}/g, 'exempel.se'));
    const ternary = [...source.matchAll(/reason: known \? `([^`]*)` : '([^']*)'/g)].flatMap((m) => [m[1]!.replace(/\$\{[^}]*\}/g, 'exempel.se'), m[2]!]);
    const rules = (JSON.parse(readFileSync(join(import.meta.dirname, '../../config/genres.json'), 'utf8')) as { unknownOutletRules: Array<{ why: string }> }).unknownOutletRules.map((r) => `${r.why} (exempel.se/sida)`);
    // An outlet's mixed opinion section (the registry's section map) names the section and the host.
    const mixed = ['opinion section /asikt/ of exempel.se, no other cue', 'opinion section /asikt/ of exempel.se, letter cue'];
    expect(genreReasonText(mixed[0]!)).toBe('blandad opinionsavdelning /asikt/ hos exempel.se, debattartikel när inget annat sägs');
    const all = [...reasons, ...ternary, ...rules, ...mixed];
    expect(all.length).toBeGreaterThan(20);
    for (const r of all) {
      const sv = genreReasonText(r);
      expect(sv, r).not.toMatch(ENGLISH);
      expect(sv, r).not.toBe('utgivarens uppgifter');
    }
  });

  it('writes a stored article\'s evidence with Swedish field names, genre reason and network words', () => {
    const classifier = compileClassifier(loadConfigDir(join(import.meta.dirname, '../../config')));
    const input = { title: 'Stålverket i Oxelösund ställer om', text: 'Nätverket för starka industrikommuner kräver mer el till industrin i Oxelösund.', url: 'https://www.example.se/nyheter/stalverket' };
    const classification = classifier.classify(input);
    const article = { ...input, summary: input.text, classification } as unknown as Article;
    const why = whyText(article)!;
    expect(why).toContain('Oxelösund');
    expect(why).toMatch(/\((rubrik|ingress)\)/);
    expect(why).toMatch(/Nätverket: (rubrik|ingress): /);
    expect(why).not.toMatch(ENGLISH);
  });
});

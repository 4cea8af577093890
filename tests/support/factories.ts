/** Typed factories for test data. */
import type { Article, Genre, OpinionFacts, Topic } from '#shared/domain/types.ts';

export function articleFactory(
  p: Partial<{ id: string; title: string; url: string; summary: string; outlet: string; genre: Genre; topics: Topic[]; municipalities: string[]; publishedAt: string; ownPublication: boolean; opinion: OpinionFacts }> = {},
): Article {
  const publishedAt = p.publishedAt ?? '2026-11-24T08:00:00Z';
  return {
    id: p.id ?? 'a1',
    url: p.url ?? 'https://tidning.example/a1',
    title: p.title ?? 'Rubrik',
    summary: p.summary ?? 'Ingress.',
    publishedAt,
    dateEstimated: false,
    outlet: p.outlet ?? 'Tidningen',
    feedId: 'f',
    feedKind: 'news',
    categories: [],
    language: 'sv',
    sources: ['f'],
    isoWeek: '2026-W48',
    storedAt: publishedAt,
    classification: {
      topics: p.topics ?? ['industry'],
      municipalities: p.municipalities ?? ['Luleå'],
      genre: p.genre ?? 'news',
      mentionsNetwork: false,
      statements: [],
      evidence: { topics: {}, municipalities: {}, genre: { genre: p.genre ?? 'news', reason: 'test' }, network: [] },
    },
    ...(p.ownPublication ? { ownPublication: true } : {}),
    ...(p.opinion ? { opinion: p.opinion } : {}),
  };
}

/** The statements a matcher sees: the config's merged with the registered ones, cached briefly per container. */
import type { Statement } from '../domain/types.ts';
import type { Clock, StatementStore } from '../ports.ts';

/** How long a warm container trusts its list of statements. */
export const STATEMENT_CACHE_MS = 60_000;

/**
 * One Query a minute at most; a statement registered now is seen within STATEMENT_CACHE_MS (older
 * articles are matched by its match-statement jobs). A failed read is not cached.
 */
export function cachedStatements(configured: readonly Statement[], store: StatementStore, clock: Clock): () => Promise<Statement[]> {
  let cache: { at: number; value: Promise<Statement[]> } | undefined;
  return () => {
    const now = clock.now().getTime();
    if (!cache || now - cache.at >= STATEMENT_CACHE_MS) {
      const value = store.list().then((stored) => [...new Map([...configured, ...stored].map((s) => [s.id, s])).values()]);
      value.catch(() => (cache = undefined));
      cache = { at: now, value };
    }
    return cache.value;
  };
}

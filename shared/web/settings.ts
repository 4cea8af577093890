/** Inställningar as posted: towns, themes, the letters and the person's own watch words. Pure. */
import { TOPICS, type Subscriber, type Topic } from '../domain/types.ts';
import { parseWatchWords } from '../domain/watch-words.ts';

export function applySettings(form: Record<string, unknown>, sub: Subscriber, members: readonly string[]): { updated: Subscriber; message: string } {
  const many = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  const municipalities = many(form.kommun).filter((m) => members.includes(m));
  const topics = many(form.tema).filter((t): t is Topic => (TOPICS as readonly string[]).includes(t));
  const watchWords = parseWatchWords(typeof form.bevakningsord === 'string' ? form.bevakningsord : '');
  const updated: Subscriber = {
    ...sub,
    municipalities,
    topics: topics.length ? topics : sub.topics,
    digest: form.digest === 'off' ? 'off' : 'weekly',
    alerts: form.alerts === 'daily' ? 'daily' : 'off',
    watchWords,
  };
  return { updated, message: topics.length ? 'Sparat.' : 'Sparat. Minst ett tema behövs, så dina tidigare teman behölls.' };
}

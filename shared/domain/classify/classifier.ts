/**
 * The classifier: topics, member municipalities, genre, network mentions and statement matches,
 * each with the evidence that decided it. Pure: compiled once from config, then a function of the
 * article alone. Its parts: compile.ts (config into matchers), topics.ts and places.ts (scoring),
 * genre.ts, and evidence-text.ts (the evidence in Swedish words).
 */
import type { Classification, FeedKind, Statement, StatementMatch, Topic } from '../types.ts';
import { compileStatement, matchStatement, stockholmDate, tokenize, topicWordsOf, type CompiledStatement, type StatementArticle } from '../statement.ts';
import { compileLexicon, registryNewsHosts, registrySections, type ClassifierConfig, type FieldHit, type Lexicon } from './compile.ts';
import { compileGenre } from './genre.ts';
import { scoreMunicipalities } from './places.ts';
import { scoreTopics } from './topics.ts';
import { hostOf } from './text.ts';

export type { ClassifierConfig } from './compile.ts';

export interface ClassifierInput {
  title: string;
  text: string;
  url?: string | undefined;
  outlet?: string | undefined;
  date?: string | undefined;
  feedKind?: FeedKind | undefined;
  /** The publisher's own categories for the item (RSS/Atom category, dc:subject). */
  categories?: string[] | undefined;
}

/** Characters of the body that count as the lead. */
const LEAD_CHARS = 300;

export interface Classifier {
  classify(input: ClassifierInput, statements?: readonly Statement[]): Classification;
  /**
   * Statement matches alone, for an article classified before (retroactive matching of a new or
   * edited statement): its stored network mention and topics are reused.
   */
  matchStatements(statements: readonly Statement[], article: StatementArticle): StatementMatch[];
}

/** Every term hit in the title and the body, with the field it stood in. */
function fieldHits(lex: Lexicon, titleLower: string, textLower: string): FieldHit[] {
  const hits: FieldHit[] = [];
  for (const hit of lex.matcher.match(titleLower)) hits.push({ hit, field: 'title' });
  for (const hit of lex.matcher.match(textLower)) hits.push({ hit, field: hit.index < LEAD_CHARS ? 'lead' : 'text' });
  return hits;
}

/**
 * A feed that repeats the title as its lead ("• Titel", "09:55 Titel", "Titel Tidningen Visa allt …")
 * says nothing new there: the copy's words are not counted again for the topics.
 */
function withoutTitleCopy(hits: readonly FieldHit[], titleLower: string, textLower: string): readonly FieldHit[] {
  const title = titleLower.replace(/^[\s•▸·–-]+/u, '').trim();
  if (title.length < 12) return hits;
  const at = textLower.indexOf(title);
  if (at < 0 || at >= LEAD_CHARS) return hits;
  const end = at + title.length;
  return hits.filter((h) => h.field === 'title' || h.hit.index < at || h.hit.index >= end);
}

function networkEvidence(hits: readonly FieldHit[], host: string | null, lex: Lexicon): string[] {
  const network: string[] = [];
  for (const { hit, field } of hits) if (hit.payload.kind === 'network') network.push(`${field}: ${hit.matched}`);
  if (host && lex.networkDomains.some((d) => host === d || host.endsWith(`.${d}`))) network.push(`outlet: ${host}`);
  return network;
}

export function compileClassifier(config: ClassifierConfig): Classifier {
  const lex = compileLexicon(config);
  const genre = compileGenre(config.genres, { newsHosts: registryNewsHosts(config), sections: registrySections(config) });

  // A statement's theme: the topics its own title and key phrases get. Compiled once per statement object.
  const compiledStatements = new WeakMap<Statement, { c: CompiledStatement; topics: Topic[] }>();
  const compiled = (s: Statement) => {
    let v = compiledStatements.get(s);
    if (!v) {
      const topics = self.classify({ title: s.title, text: s.keyPhrases.join('. ') }).topics;
      v = { c: compileStatement(s), topics };
      compiledStatements.set(s, v);
    }
    return v;
  };
  const broken = new WeakSet<Statement>();
  const onStatementError = config.onStatementError ?? ((s: Statement, e: unknown) => console.warn(JSON.stringify({ level: 'WARN', message: 'statement skipped in matching', statementId: s.id, error: e instanceof Error ? e.message : String(e) })));
  const matchAll = (statements: readonly Statement[], a: StatementArticle): StatementMatch[] => {
    let tokens: string[] | undefined;
    const lazyTokens = () => (tokens ??= tokenize(a.lower));
    const out: StatementMatch[] = [];
    for (const s of statements) {
      // One statement at a time: a bad one (a record that slipped past validation) is skipped and
      // reported once, and every other statement, and the article itself, is still classified.
      if (broken.has(s)) continue;
      try {
        const { c, topics } = compiled(s);
        const m = matchStatement(c, a, topics, lazyTokens);
        if (m) out.push(m);
      } catch (e) {
        broken.add(s);
        onStatementError(s, e);
      }
    }
    return out.sort((x, y) => y.score - x.score);
  };

  const self: Classifier = {
    matchStatements: (statements, a) => matchAll(statements, a),
    classify(input, statements = []) {
      const title = input.title ?? '';
      const text = input.text ?? '';
      const titleLower = title.toLowerCase();
      const textLower = text.toLowerCase();
      const hits = fieldHits(lex, titleLower, textLower);
      const { topics, evidence: topicEvidence } = scoreTopics(withoutTitleCopy(hits, titleLower, textLower), title, text, titleLower, lex);
      const host = hostOf(input.url, input.outlet);
      const places = scoreMunicipalities(hits, { title, text, titleLower, textLower, url: input.url, host, topics }, lex);
      const network = networkEvidence(hits, host, lex);
      const mentionsNetwork = network.length > 0;
      const g = genre(input, titleLower, textLower);
      return {
        topics,
        municipalities: places.municipalities,
        genre: g.genre,
        mentionsNetwork,
        statements: statements.length && input.date ? matchAll(statements, { lower: `${titleLower}\n${textLower}`, day: stockholmDate(input.date), mentionsNetwork, topics, topicWords: topicWordsOf(topicEvidence) }) : [],
        evidence: { topics: topicEvidence, municipalities: places.evidence, genre: g, network },
      };
    },
  };
  return self;
}

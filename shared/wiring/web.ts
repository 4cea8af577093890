/** Wiring for the web app: the table's stores, the sign-in store, the mailer and the articles queue (new statements). */
import type { Context } from 'hono';
import { createDynamoArticleStore, createDynamoSearchShardStore, createDynamoSignInStore, createDynamoStatementStore, createDynamoSubscriberStore } from '../adapters/dynamo/index.ts';
import { createSqsClient } from '../aws/sqs.ts';
import type { StatementJob } from '../ports.ts';
import type { Statement } from '../domain/types.ts';
import { statementWindow, stockholmDate } from '../domain/statement.ts';
import { compileClassifier } from '../domain/classify/classifier.ts';
import { statementWeeks } from '../use-cases/match-statement.ts';
import { createWebApp, type WebDeps } from '../web/app.ts';
import { APP_NAME, common, jobQueue, type WiringInput } from './common.ts';
import { createMailer } from './deliver-digest.ts';

export interface WebWiringOptions {
  baseUrl?: string;
  secureCookies?: boolean;
  clientIp?: (c: Context) => string;
  /** Locally: match a new statement in process instead of through the queue. */
  matchStatement?: (s: Statement) => Promise<string>;
  onSignInLink?: WebDeps['onSignInLink'];
  onServerError?: WebDeps['onServerError'];
  signInMinMs?: number;
  sessionSecret?: string;
  allowedHosts?: readonly string[];
  onSignInCapReached?: () => void;
}

export function wireWeb(input: WiringInput, opts: WebWiringOptions = {}) {
  const c = common(input);
  const statements = createDynamoStatementStore(c.table);
  const queued = async (s: Statement) => {
    await statements.put(s);
    const jobs = statementWeeks(s).map((week): StatementJob => ({ v: 1, type: 'match-statement', statementId: s.id, week }));
    const sent = await jobQueue<StatementJob>(input.overrides?.sqs ?? createSqsClient(input.config), input.config, 'articles').sendAll(jobs);
    if (sent.failed.length) throw new Error(`${sent.failed.length} of ${jobs.length} match-statement jobs could not be enqueued`);
    const w = statementWindow(s);
    return `Utspelet ${s.id} (${w.from}–${w.until}) är registrerat; ${jobs.length} veckor matchas mot lagrade artiklar inom några minuter.`;
  };
  // The classifier is compiled on the first preview only: most web requests never need it.
  let classifier: ReturnType<typeof compileClassifier> | undefined;
  const articles = createDynamoArticleStore(c.table);
  const preview = async (s: Statement) => {
    classifier ??= compileClassifier(input.domain);
    const hits: Array<{ title: string; url: string; outlet: string; publishedAt: string; evidence: string[] }> = [];
    for (const week of statementWeeks(s)) {
      for (const e of (await articles.relevantByWeek(week)).entries) {
        const m = classifier.matchStatements([s], { lower: `${e.title}\n${e.summary}`.toLowerCase(), day: stockholmDate(e.publishedAt), mentionsNetwork: e.mentionsNetwork, topics: e.topics, topicWords: {} })[0];
        if (m) hits.push({ title: e.title, url: e.url, outlet: e.outlet, publishedAt: e.publishedAt, evidence: m.evidence });
      }
    }
    hits.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    return { total: hits.length, shown: hits.slice(0, 30) };
  };
  return createWebApp({
    articles,
    previewStatement: preview,
    subscribers: createDynamoSubscriberStore(c.table),
    statements,
    signIn: createDynamoSignInStore(c.table),
    shards: createDynamoSearchShardStore(c.table),
    mailer: input.overrides?.mailer ?? createMailer(input.config),
    clock: c.clock,
    appName: APP_NAME,
    secret: input.config.unsubscribe.secret,
    baseUrl: opts.baseUrl ?? input.config.webBaseUrl,
    secureCookies: opts.secureCookies ?? true,
    clientIp: opts.clientIp ?? ((ctx) => ctx.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown'),
    members: input.domain.municipalities.municipalities.map((m) => m.name),
    feeds: [...input.domain.liveFeeds, ...input.domain.sampleFeeds],
    networkDomains: input.domain.network.domains,
    configStatements: input.domain.statements,
    matchStatement: opts.matchStatement ?? queued,
    onSignInLink: opts.onSignInLink,
    onServerError: opts.onServerError,
    signInMinMs: opts.signInMinMs,
    sessionSecret: opts.sessionSecret,
    allowedHosts: opts.allowedHosts,
    onSignInCapReached: opts.onSignInCapReached,
  });
}

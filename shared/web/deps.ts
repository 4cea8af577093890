/** What the web app is given (its ports and settings) and its request context. */
import type { Context } from 'hono';
import type { ArticleStore, Clock, Mailer, SearchShardStore, SignInStore, StatementStore, SubscriberStore } from '../ports.ts';
import type { Feed, Statement, Subscriber } from '../domain/types.ts';

export type Env = { Variables: { sub: Subscriber; session: string } };

export interface WebDeps {
  articles: ArticleStore;
  subscribers: SubscriberStore;
  statements: StatementStore;
  signIn: SignInStore;
  /** Past weeks' stored search shards (optional: without them every cold container reads the weeks' items). */
  shards?: SearchShardStore | undefined;
  mailer: Mailer;
  clock: Clock;
  appName: string;
  /** The deployment's signing key (the unsubscribe key): subscriber ids, sessions and CSRF derive from it. */
  secret: string;
  /** The key sessions, CSRF tokens and links are signed with, when it is not the one subscriber ids are made with (monitor serve: a random key per data dir). */
  sessionSecret?: string | undefined;
  /** Host headers answered; any other gets 421 (monitor serve: its own loopback address). Absent: any (a function URL has its own). */
  allowedHosts?: readonly string[] | undefined;
  /** The hourly cap on sign-in mail was reached: mails stop until the next hour (the function counts it for an alarm). */
  onSignInCapReached?: (() => void) | undefined;
  /** The public address of the app (the mailed link points here); without it the request's own origin. */
  baseUrl?: string | undefined;
  /** Cookies with Secure (false only for http://127.0.0.1 locally). */
  secureCookies: boolean;
  clientIp: (c: Context) => string;
  members: readonly string[];
  feeds: readonly Pick<Feed, 'id' | 'outlet' | 'municipalities'>[];
  networkDomains: readonly string[];
  configStatements: readonly Statement[];
  /** Secretariat: a new statement is stored and matched against its window's stored weeks. */
  matchStatement?: (s: Statement) => Promise<string>;
  /** What a statement would match among the stored articles of its window, before it is saved. */
  previewStatement?: (s: Statement) => Promise<{ total: number; shown: Array<{ title: string; url: string; outlet: string; publishedAt: string; evidence: string[] }> }>;
  /**
   * A sign-in request is answered no sooner than this (ms): sending the mail to a subscribed address
   * must not make its answer measurably slower than an unknown address's.
   */
  signInMinMs?: number | undefined;
  /** Called with the link when a sign-in mail is sent (local: printed on the console). */
  onSignInLink?: ((email: string, link: string) => void) | undefined;
  /** A 5xx answer (the function reports it as a metric; a 500 page is not a Lambda error). */
  onServerError?: ((path: string, error: unknown) => void) | undefined;
}

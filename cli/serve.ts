/**
 * `monitor serve`: the web app on 127.0.0.1 against the local stack (the same handler as the
 * Lambda function). Sign-in mails are written to OUT/mail/ as .eml, and the link is printed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve as serveHttp } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { createFileMailer } from '#shared/adapters/file-mailer.ts';
import { statementWindow } from '#shared/domain/statement.ts';
import { statementWeeks } from '#shared/use-cases/match-statement.ts';
import { wireWeb } from '#shared/wiring/web.ts';
import { UserError } from './errors.ts';
import { LOCAL_WEB_PORT, startLocalStack } from '#infra/local/stack.ts';
import { createHandler as unsubscribeHandler } from '#functions/unsubscribe.ts';

export async function serve(domain: DomainConfig, opts: { dataDir?: string; port?: string; out?: string }, write: (s: string) => void): Promise<number> {
  const port = Number(opts.port ?? LOCAL_WEB_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port tar ett portnummer 0–65535, inte "${opts.port}"`);
  const dataDir = opts.dataDir ?? '.data';
  const out = resolve(opts.out ?? 'out');
  const stack = await startLocalStack({ domain, dataDir, serveSamples: false, outboxDir: join(out, 'digests') });
  const mailer = createFileMailer({ dir: join(out, 'mail'), from: stack.runtime.mail.from });
  const sessionSecret = webKey(dataDir);
  // Made once the port is known: the mailed link and the accepted Host come from the bound address.
  let app: ReturnType<typeof wireWeb> | undefined;
  const makeApp = (bound: number) =>
    wireWeb(
    { config: stack.runtime, domain, overrides: { dynamodb: stack.clients.dynamodb, sqs: stack.clients.sqs, mailer } },
    {
      // Plain http on loopback: a Secure cookie would never come back.
      secureCookies: false,
      clientIp: (c) => getConnInfo(c).remote.address ?? 'local',
      // Locally a new statement is matched at once, in process.
      matchStatement: async (s) => {
        await stack.deps.stores.statements.put(s);
        let matched = 0;
        for (const week of statementWeeks(s)) matched += (await stack.deps.matchStatement({ v: 1, type: 'match-statement', statementId: s.id, week })).matched;
        const w = statementWindow(s);
        return `Utspelet ${s.id} (${w.from}–${w.until}) är registrerat: ${matched} lagrade artiklar matchade nu.`;
      },
      onSignInLink: (email, link) => write(`Inloggningslänk till ${email} (också i ${join(out, 'mail')}): ${link}`),
      sessionSecret,
      baseUrl: `http://127.0.0.1:${bound}`,
      allowedHosts: [`127.0.0.1:${bound}`, `localhost:${bound}`],
    },
  );
  const server = await new Promise<ReturnType<typeof serveHttp>>((resolveServer, reject) => {
    // The letters' unsubscribe link is answered here as the function URL answers it (GET asks, POST unsubscribes).
    const unsubscribe = unsubscribeHandler(() => ({ subscribers: stack.deps.stores.subscribers, unsubscribeSecret: stack.runtime.unsubscribe.secret }));
    const fetch = async (req: Request, env: unknown) => {
      const url = new URL(req.url);
      if (url.pathname !== '/avregistrera') return app!.fetch(req, env);
      if (!allowedHosts.includes((req.headers.get('host') ?? '').toLowerCase())) return new Response('Okänd värd.', { status: 421 });
      const res = await unsubscribe({ queryStringParameters: Object.fromEntries(url.searchParams), requestContext: { http: { method: req.method } } } as never);
      const r = res as { statusCode?: number; headers?: Record<string, string>; body?: string };
      return new Response(r.body ?? '', { status: r.statusCode ?? 200, headers: r.headers ?? {} });
    };
    let allowedHosts: string[] = [];
    const s = serveHttp({ fetch, port, hostname: '127.0.0.1' }, (info) => {
      allowedHosts = [`127.0.0.1:${info.port}`, `localhost:${info.port}`];
      app = makeApp(info.port);
      write(`Bevakningen på webben: http://127.0.0.1:${info.port}/logga-in`);
      write(`Data: ${resolve(dataDir)} · inloggningsbrev: ${join(out, 'mail')} · avsluta med Ctrl+C`);
      resolveServer(s);
    });
    s.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new UserError(`porten ${port} används redan; välj en annan med --port`) : e));
  });
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await new Promise<void>((done) => server.close(() => done()));
  await stack.stop();
  return 0;
}

/**
 * The key `monitor serve` signs sessions and links with: random, one per data dir (kept in it, owner
 * read-only), never the public development key, so a cookie for one person cannot be forged.
 */
function webKey(dataDir: string): string {
  const file = join(dataDir, 'web-session.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(key)) return key;
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}


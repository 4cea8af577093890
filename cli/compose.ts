/**
 * The CLI's small compositions: each command asks for exactly what it uses. A report or an operator
 * command gets the stores over one table (`withStores`); only a command that runs a function's use
 * case (statements add, a --samples preview) gets the pipeline (`withPipeline`). Both work on the
 * local stack's --data-dir (default .data) or, with --aws, on the deployed table (TABLE_NAME and AWS
 * credentials from the environment).
 */
import type { DomainConfig } from '#shared/config/domain-config.ts';
import { envName, LOCAL_UNSUBSCRIBE_SECRET, readRuntimeConfig } from '#shared/config/env.ts';
import { createDynamoClient } from '#shared/aws/clients.ts';
import { buildDeps, type Deps } from '#shared/wiring/index.ts';
import { wireStores, type Stores } from '#shared/wiring/stores.ts';
import type { Clock } from '#shared/ports.ts';
import { UserError } from '#shared/user-error.ts';
import { createHandler as scheduleHandler } from '#functions/schedule-feeds.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

export interface StoreOptions {
  dataDir?: string;
  aws?: boolean;
}

export type Write = (s: string) => void;

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a report reads: the stores and the clock. */
export interface StoreContext {
  stores: Stores;
  clock: Clock;
}

const systemClock: Clock = { now: () => new Date() };

/** Runs `fn` with the stores of the chosen target (nothing else wired) and closes what it started. */
export async function withStores<T>(domain: DomainConfig, opts: StoreOptions & { samples?: boolean }, fn: (ctx: StoreContext) => Promise<T>): Promise<T> {
  if (opts.aws) {
    const runtime = readRuntimeConfig(process.env);
    const client = createDynamoClient(runtime);
    try {
      return await fn({ stores: wireStores({ client, tableName: runtime.tableName }), clock: systemClock });
    } finally {
      client.destroy();
    }
  }
  return onLocalStack(domain, opts, (stack) => fn({ stores: wireStores({ client: stack.clients.dynamodb, tableName: stack.runtime.tableName }), clock: systemClock }));
}

/** Runs `fn` with every function's wiring: for commands that run a use case (matching a statement). */
export async function withPipeline<T>(domain: DomainConfig, opts: StoreOptions, fn: (deps: Deps) => Promise<T>): Promise<T> {
  if (opts.aws) return fn(buildDeps(readRuntimeConfig(process.env), domain));
  return onLocalStack(domain, opts, (stack) => fn(stack.deps));
}

/** The local stack on --data-dir; with --samples the bundled feeds are fetched into it first (in memory unless a dir is given). */
async function onLocalStack<T>(domain: DomainConfig, opts: StoreOptions & { samples?: boolean }, fn: (stack: LocalStack) => Promise<T>): Promise<T> {
  const stack = await startLocalStack({ domain, dataDir: opts.samples ? opts.dataDir : (opts.dataDir ?? '.data'), outboxDir: 'out/digests' });
  try {
    if (opts.samples) {
      await scheduleHandler(() => stack.deps)();
      await stack.drain();
    }
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}

/**
 * The key subscriber ids are made with: the deployment's unsubscribe signing key. Locally the local
 * stack's development key; with --aws the deployed key, from UNSUBSCRIBE_SECRET or read from
 * Secrets Manager by UNSUBSCRIBE_SECRET_ARN (the stack's output).
 */
export async function subscriberIdKey(opts: StoreOptions): Promise<string> {
  if (!opts.aws) return LOCAL_UNSUBSCRIBE_SECRET;
  if (process.env[envName.unsubscribeSecret]) return process.env[envName.unsubscribeSecret]!;
  const arn = process.env[envName.unsubscribeSecretArn];
  if (!arn) throw new UserError(`med --aws behövs nyckeln för prenumerant-id: sätt ${envName.unsubscribeSecretArn} (stackens utdata UnsubscribeSecretArn)`);
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? 'eu-north-1' });
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!out.SecretString || out.SecretString.length < 16) throw new UserError(`hemligheten ${arn} saknas eller är för kort`);
    return out.SecretString;
  } finally {
    client.destroy();
  }
}


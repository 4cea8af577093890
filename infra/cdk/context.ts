/**
 * The CDK app's context (`-c key=value`), validated before anything is synthesized: an error names
 * the key and what it takes, so a typo cannot deploy a stack that fails at cold start or mails as
 * example.invalid, and the region is never the CLI's silent us-east-1.
 */
import * as z from 'zod';
import { pollCron } from '../topology.ts';
import type { MonitorStackProps } from './monitor-stack.ts';

/** The EU region the subscribers' personal data stays in unless another is named explicitly. */
export const DEFAULT_REGION = 'eu-north-1';

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}$/i;
const schema = z.object({
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as eu-north-1').default(DEFAULT_REGION),
  mailFrom: z
    .string({ error: 'is required: the digest\u2019s sender, e.g. -c mailFrom="Mediebevakningen <bevakning@er-domän.se>"' })
    .refine((v) => ADDRESS.test(v.replace(/^.*<|>\s*$/g, '').trim()), 'an address, or "Namn <adress>"'),
  sesIdentity: z.string().min(3).optional(),
  sesConfigurationSet: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _').optional(),
  feedRegistry: z.enum(['live', 'sample'], { error: 'live or sample (lower case)' }).default('live'),
  pollMinutes: z.coerce.number().int().min(1).max(59).optional(),
  alarmTopicArn: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, 'an SNS topic ARN').optional(),
  nag: z.enum(['true', 'false']).default('true'),
});

export type AppContext = z.infer<typeof schema>;

export class ContextError extends Error {
  override name = 'ContextError';
}

/** Validates the raw context; keys that differ from a known key only in case are named as typos. */
export function parseContext(raw: Record<string, unknown>): AppContext {
  const own = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('@') && !k.includes(':')));
  const known = Object.keys(schema.shape);
  const problems: string[] = [];
  for (const k of Object.keys(own)) {
    if (known.includes(k)) continue;
    const meant = known.find((x) => x.toLowerCase() === k.toLowerCase());
    problems.push(meant ? `-c ${k}: did you mean ${meant}? (context keys are case-sensitive)` : `-c ${k}: unknown (known: ${known.join(', ')})`);
  }
  const r = schema.safeParse(own);
  if (!r.success) for (const i of r.error.issues) problems.push(`-c ${i.path.join('.')}: ${i.message}`);
  if (problems.length) throw new ContextError(`invalid CDK context:\n  ${problems.join('\n  ')}`);
  return r.data!;
}

export function stackProps(c: AppContext, account?: string): MonitorStackProps {
  return {
    env: { region: c.region, account },
    mailFrom: c.mailFrom,
    sesIdentity: c.sesIdentity,
    sesConfigurationSet: c.sesConfigurationSet,
    feedRegistry: c.feedRegistry,
    pollCron: c.pollMinutes ? pollCron(c.pollMinutes) : undefined,
    alarmTopicArn: c.alarmTopicArn,
  };
}

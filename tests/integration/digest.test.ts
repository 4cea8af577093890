/** The digest and the secretariat's coverage on the local stack: exactly once, cheap reads, statements linked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { subscriberId } from '#shared/domain/subscriber.ts';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';
import { isoWeekOf, parseIsoWeek } from '#shared/domain/week.ts';
import { createHandler as scheduleHandler } from '#functions/schedule-feeds.ts';
import { createHandler as digestHandler } from '#functions/send-digest.ts';
import type { DigestPlan } from '#shared/use-cases/send-digest.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { topology } from '#infra/topology.ts';
import type { Mailer, OutgoingMessage } from '#shared/ports.ts';
import { articleFactory } from '../support/factories.ts';
import { isRelevant } from '#shared/domain/digest/stories.ts';

const domain = loadConfigDir('config');
const delivered: OutgoingMessage[] = [];
let failFor: string | undefined;
const mailer: Mailer = {
  async send(m) {
    if (m.to === failFor) throw new Error('550 mailbox unavailable');
    delivered.push(m);
    return { messageId: `m${delivered.length}` };
  },
};
let stack: LocalStack;
const runDigest = async (event: object) => {
  const plan = (await digestHandler(() => stack.deps)(event)) as DigestPlan;
  return { plan, drained: await stack.drain() };
};
const week = isoWeekOf(new Date());

beforeAll(async () => {
  stack = await startLocalStack({ domain, outboxDir: mkdtempSync(join(tmpdir(), 'outbox-')), retryDelaySeconds: 0, overrides: { mailer } });
  for (const s of domain.sampleSubscribers) await stack.deps.stores.subscribers.put({ ...s, id: subscriberId(s.email, LOCAL_UNSUBSCRIBE_SECRET) });
  for (const s of domain.statements) await stack.deps.stores.statements.put(s);
  await scheduleHandler(() => stack.deps)();
  await stack.drain();
});
afterAll(async () => stack?.stop());

describe('digest', () => {
  it('a failing address is retried without resending to the others', async () => {
    // Prepare
    const [member, secretariat] = domain.sampleSubscribers;
    failFor = secretariat!.email;
    expect(await digestHandler(() => stack.deps)({ week, check: true })).toMatchObject({ active: 3, sent: 0, missing: 3 });
    // Act: one address fails on every try: SQS retries that job alone, then keeps it in the DLQ
    const first = await runDigest({ week });
    expect(first.drained.failed['deliver-digest']).toBe(topology.queues.digests.maxReceiveCount);
    expect((await stack.queueDepth('digests', true)).visible).toBe(1);
    expect(delivered.map((m) => m.to).sort()).toEqual(domain.sampleSubscribers.filter((s) => s.email !== failFor).map((s) => s.email).sort());
    // The operator reruns the week (or redrives the DLQ) once the address works again
    failFor = undefined;
    const retry = await runDigest({ week });
    // Assess
    expect(retry.plan.reusedEdition).toBe(true);
    expect(delivered.filter((m) => m.to === secretariat!.email)).toHaveLength(1);
    expect(delivered.filter((m) => m.to === member!.email)).toHaveLength(1);
    expect(delivered).toHaveLength(3);
    expect(await stack.deps.stores.ledger.sentCount(week)).toBe(3);
    // Assess: the watchdog behind the Monday 09:00 alarm sees nothing missing
    expect(await digestHandler(() => stack.deps)({ week, check: true })).toMatchObject({ missing: 0 });
  });

  it('links coverage of the network\u2019s statement, and the secretariat sees it', async () => {
    const links = await stack.deps.stores.statements.coverage(domain.statements[0]!.id);
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(links.every((l) => l.publishedAt >= domain.statements[0]!.date)).toBe(true);
    const secretariat = delivered.find((m) => m.to === domain.sampleSubscribers[1]!.email)!;
    expect(secretariat.html).toContain('Nätverkets genomslag');
  });

  it('reads only the week’s relevant entries: other weeks and irrelevant articles add no reads', async () => {
    // Prepare
    const relevantBefore = await stack.deps.stores.articles.relevantByWeek(week);
    const before = await stack.deps.stores.articles.byWeek(week);
    expect(relevantBefore.itemsRead).toBeLessThan(before.itemsRead);
    expect(relevantBefore.itemsRead).toBe(before.articles.filter((a) => isRelevant(a.classification)).length);
    const start = parseIsoWeek(week).start.getTime();
    for (let i = 0; i < 300; i++) {
      const publishedAt = new Date(start - (1 + (i % 60)) * 86400_000).toISOString();
      await stack.deps.stores.articles.putIfNew({ ...articleFactory({ id: `old-${i}`, publishedAt }), isoWeek: isoWeekOf(publishedAt) });
    }
    // Act
    const after = await stack.deps.stores.articles.byWeek(week);
    // Assess
    expect(after.itemsRead).toBe(before.itemsRead);
    expect((await stack.deps.stores.articles.relevantByWeek(week)).itemsRead).toBe(relevantBefore.itemsRead);
    expect(after.articles).toHaveLength(before.articles.length);
    expect(await stack.deps.stores.articles.countAll()).toBe(122 + 300);
  });
});

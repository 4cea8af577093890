/** Hardening #23, low 7: the local stack's servers listen on loopback only, so nobody on the network reaches its queues or table. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { envName } from '#shared/config/env.ts';
import { startLocalStack } from '#infra/local/stack.ts';

/** Listening sockets on `port` from the kernel's tables: their local addresses, hex as /proc gives them. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c[1]?.endsWith(`:${hexPort}`) && c[3] === '0A')
      .map((c) => c[1]!.split(':')[0]!),
  );
}

describe.skipIf(process.platform !== 'linux')('the local stack on this machine', () => {
  it('binds the SQS and DynamoDB servers to 127.0.0.1, never to every address', async () => {
    const stack = await startLocalStack({ domain: loadConfigDir('config'), serveSamples: false });
    try {
      for (const name of [envName.sqsEndpoint, envName.dynamoEndpoint]) {
        const port = Number(new URL(stack.env[name]!).port);
        const bound = listeners(port);
        expect(bound.length, name).toBeGreaterThan(0);
        // 127.0.0.1 as /proc/net/tcp writes it; 0.0.0.0 would be 00000000.
        expect(bound, name).toEqual(bound.map(() => '0100007F'));
      }
    } finally {
      await stack.stop();
    }
  });
});

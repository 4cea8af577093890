#!/usr/bin/env node
// The `monitor` CLI. TypeScript sources run through tsx's loader, so there is no build step.
import { register } from 'tsx/esm/api';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`monitor kräver Node.js 22 eller senare (du kör ${process.versions.node}).\n`);
  process.exit(1);
}
register();
await import('../infra/local/cli.ts');

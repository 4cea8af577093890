#!/usr/bin/env node
// The `monitor` CLI. TypeScript sources run through tsx's loader, so there is no build step.
import './require-node.mjs';
import { register } from 'tsx/esm/api';
// Lambda-style JSON logs and EMF metrics are for CloudWatch; locally the CLI prints its own summary,
// and the handlers' log lines only with --verbose (anywhere on the command line).
const verbose = process.argv.indexOf('--verbose');
if (verbose >= 0) process.argv.splice(verbose, 1);
process.env.POWERTOOLS_LOG_LEVEL ??= verbose >= 0 ? 'INFO' : 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
register();
await import('../cli/main.ts');

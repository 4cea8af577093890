/**
 * What every bench shares: the quick mode CI runs (`--quick` or BENCH_QUICK=1: small sizes, the
 * whole path still run to its end, targets reported but not enforced) and one-line errors: a
 * failing bench says what failed in one line, never a stack or a minified bundle.
 */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/** Arguments without the bench's own flags. */
export const benchArgs = () => process.argv.slice(2).filter((a) => a !== '--quick');

/** The first meaningful line of an error: its message, never the source line Node prints for a throw in a bundle. */
export function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = msg.split('\n').map((l) => l.trim()).find((l) => l && l.length < 2000) ?? 'unknown error';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Installs the one-line handler for a bench named `name` (top-level await errors included). */
export function benchErrors(name: string): void {
  const fail = (e: unknown) => {
    process.stderr.write(`bench:${name}: ${oneLine(e)}\n`);
    // The whole stack only on request (BENCH_STACK=1), for whoever fixes the bench.
    if (process.env.BENCH_STACK && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

/** In quick mode a missed target is reported, not a failure: the quick run checks that the bench runs, not this machine's speed. */
export function finish(ok: boolean): void {
  console.log(ok ? 'all targets met' : QUICK ? 'targets not checked in quick mode' : 'TARGET MISSED');
  process.exitCode = ok || QUICK ? 0 : 1;
}

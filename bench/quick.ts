/**
 * npm run bench:quick — every bench in its quick mode, one after the other, so none rots unseen
 * (CI runs it). Each prints its own figures; a failing bench gives its one-line reason here, and
 * the run fails.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts).filter((s) => s.startsWith('bench:') && s !== 'bench:quick');
const failed: string[] = [];
for (const name of scripts) {
  const t = performance.now();
  const r = spawnSync('npm', ['run', '--silent', name, '--', '--quick'], { cwd: root, encoding: 'utf8', env: { ...process.env, BENCH_QUICK: '1' }, timeout: 300_000 });
  const s = ((performance.now() - t) / 1000).toFixed(1);
  const out = `${r.stdout ?? ''}`.trim();
  if (r.status === 0) {
    console.log(`${name}: ok (${s} s)`);
    for (const line of out.split('\n').slice(-3)) console.log(`  ${line}`);
  } else {
    const why = `${r.stderr ?? ''}`.trim().split('\n').reverse().find((l) => l.startsWith('bench:')) ?? `${r.stderr ?? ''}`.trim().split('\n')[0] ?? (r.error ? r.error.message : `exit ${r.status}`);
    failed.push(name);
    console.log(`${name}: FAILED (${s} s): ${why.slice(0, 300)}`);
  }
}
console.log(failed.length ? `bench:quick: ${failed.length} of ${scripts.length} failed (${failed.join(', ')})` : `bench:quick: all ${scripts.length} benches ran to their end`);
process.exitCode = failed.length ? 1 : 0;

/**
 * Hardening #23, medium 2: one bad statement must not break everything. A date that is no date is
 * refused at the door (CLI, in Swedish, nothing stored), and a bad record already in the table (from
 * before validation was strict, or written by hand) is left out and shown, while the pipeline goes
 * on storing and classifying every article. The real CLI on the local stack.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import type { Statement } from '#shared/domain/types.ts';

const run = promisify(execFile);
const monitor = (...args: string[]) => run(process.execPath, ['bin/monitor.mjs', ...args], { encoding: 'utf8', env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } });
const failure = async (...args: string[]) => {
  try {
    await monitor(...args);
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
  throw new Error(`monitor ${args.join(' ')} succeeded`);
};
const field = (out: string, label: string) => out.split('\n').find((l) => l.startsWith(label))?.slice(label.length).trim();

describe('statements that could break everything', () => {
  it('monitor statements add refuses 2026-13-01 with one Swedish line, exit 2, and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-statement-'));
    const data = join(dir, 'data');
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ id: 'trasigt-datum', date: '2026-13-01', title: 'Ett utspel om elnätet', keyPhrases: ['utbyggnaden av elnätet'] }));
    const r = await failure('statements', 'add', file, '--data-dir', data);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/trasigt-datum: date: 2026-13-01 är inget giltigt datum/);
    // A window of centuries and a 2026-02-30 are refused the same way.
    writeFileSync(file, JSON.stringify({ statements: [{ id: 'ok-id', date: '2026-02-30', title: 'Ett utspel', keyPhrases: ['elnätet'] }, { id: 'evigt', date: '2000-01-01', until: '2099-12-31', title: 'Ett utspel', keyPhrases: ['elnätet'] }] }));
    const both = await failure('statements', 'add', file, '--data-dir', data);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/ok-id: date: 2026-02-30 är inget giltigt datum.*evigt: until: fönstret är längre än 366 dagar/);
    const listed = (await monitor('statements', 'list', '--json', '--data-dir', data)).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(listed.map((s) => s.id)).not.toContain('trasigt-datum');
    expect(listed.map((s) => s.id)).not.toContain('ok-id');
  });

  it('a bad statement record in the table is shown and left out, and monitor run still stores every article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-record-'));
    const data = join(dir, 'data');
    // Written past validation, as an older version or a hand edit could have.
    const stack = await startLocalStack({ domain: loadConfigDir('config'), dataDir: data, serveSamples: false });
    try {
      await stack.deps.stores.statements.put({ id: 'trasig', date: '2026-13-01', title: 'Trasigt utspel', keyPhrases: ['elnätet'], people: [] } as Statement);
    } finally {
      await stack.stop();
    }
    const out = (await monitor('run', '--data-dir', data, '--out', join(dir, 'out'))).stdout;
    expect(Number(field(out, 'Nya artiklar'))).toBeGreaterThan(100);
    const list = (await monitor('statements', 'list', '--data-dir', data)).stdout;
    expect(list).toMatch(/trasig\s+OGILTIGT: date: 2026-13-01 är inget giltigt datum/);
    const coverage = (await monitor('coverage', '--format', 'json', '--data-dir', data)).stdout;
    expect(coverage).not.toContain('"trasig"');
    // It can be removed like any registered statement.
    expect((await monitor('statements', 'remove', 'trasig', '--data-dir', data)).stdout).toMatch(/Tog bort utspelet trasig/);
  });
});

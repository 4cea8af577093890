/**
 * Hardening #23, low 6: `monitor serve` signs with a random key of its own data dir (never the public
 * development key), answers only its own loopback address as Host, and mails links built from the
 * bound address, not from a Host header. The real CLI in a child process.
 */
import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_UNSUBSCRIBE_SECRET } from '#shared/config/env.ts';

const run = promisify(execFile);

/** A raw HTTP request, so the Host header is the one given (fetch would set its own). */
function raw(port: number, path: string, opts: { method?: string; host: string; body?: string; cookie?: string }): Promise<{ status: number; body: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: opts.host, ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('monitor serve', () => {
  it('refuses a foreign Host, mails links of its bound address, and signs with a random key of its data dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-'));
    const data = join(dir, 'data');
    await run(process.execPath, ['bin/monitor.mjs', 'subscribers', 'add', '--email', 'sekretariat@example.se', '--name', 'Sekretariatet', '--role', 'secretariat', '--data-dir', data]);
    const serve = spawn(process.execPath, ['bin/monitor.mjs', 'serve', '--data-dir', data, '--port', '0', '--out', join(dir, 'out')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    try {
      const port = await new Promise<number>((resolve, reject) => {
        serve.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = stdout.match(/Bevakningen på webben: http:\/\/127\.0\.0\.1:(\d+)\//);
          if (m) resolve(Number(m[1]));
        });
        serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const own = `127.0.0.1:${port}`;
      expect((await raw(port, '/logga-in', { host: 'x"onmouseover=alert(1)' })).status).toBe(421);
      expect((await raw(port, '/logga-in', { host: 'evil.example' })).status).toBe(421);
      const form = await raw(port, '/logga-in', { host: own });
      expect(form.status).toBe(200);
      const csrf = form.body.match(/name="csrf" value="([^"]+)"/)![1]!;
      const sent = await raw(port, '/logga-in', { method: 'POST', host: own, cookie: form.cookies.join('; '), body: new URLSearchParams({ csrf, email: 'sekretariat@example.se' }).toString() });
      expect(sent.status).toBe(200);
      await expect.poll(() => stdout).toMatch(new RegExp(`Inloggningslänk till sekretariat@example.se .*: http://127\\.0\\.0\\.1:${port}/logga-in/lank\\?t=`));
      const key = join(data, 'web-session.key');
      expect(statSync(key).mode & 0o777).toBe(0o600);
      expect(readFileSync(key, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(readFileSync(key, 'utf8')).not.toContain(LOCAL_UNSUBSCRIBE_SECRET);
    } finally {
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('exit', r));
    }
  });
});

describe('local letters link to monitor serve (#22, item 16)', () => {
  it('a local letter\'s List-Unsubscribe link, with monitor serve on its default port, asks on GET and unsubscribes on POST', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-unsub-'));
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    await run(process.execPath, ['bin/monitor.mjs', 'run', '--data-dir', data, '--out', out]);
    const { readdirSync } = await import('node:fs');
    const eml = readdirSync(join(out, 'digests')).find((f) => f.includes('member') && f.endsWith('.eml'))!;
    const raw = readFileSync(join(out, 'digests', eml), 'utf8');
    const link = raw.match(/List-Unsubscribe: <(http:\/\/127\.0\.0\.1:8080\/avregistrera\?[^>]+)>/)![1]!;
    expect(raw).toContain('http://127.0.0.1:8080/arkiv');
    const serve = spawn(process.execPath, ['bin/monitor.mjs', 'serve', '--data-dir', data, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        serve.stdout.on('data', (d: Buffer) => /Bevakningen på webben: http:\/\/127\.0\.0\.1:8080\//.test(d.toString()) && resolve());
        serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const asked = await fetch(link);
      expect(asked.status).toBe(200);
      expect(await asked.text()).toContain('Vill du sluta få veckobrevet');
      const done = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('Du prenumererar inte längre');
    } finally {
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('exit', r));
    }
    const list = (await run(process.execPath, ['bin/monitor.mjs', 'subscribers', 'list', '--json', '--data-dir', data])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { active: boolean });
    expect(list.filter((s) => !s.active)).toHaveLength(1);
  });
});

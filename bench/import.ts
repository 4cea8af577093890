/**
 * npm run bench:import — a 60 MB subscriber list as Swedish Excel saves it (";", windows-1252,
 * Swedish headers) through `monitor subscribers import --dry-run`: the whole-file check streams,
 * so memory stays bounded. Reports rows, time and the CLI process's peak RSS (target ≤ 300 MB).
 */
import { benchErrors, QUICK } from './support/bench.ts';
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

benchErrors('import');

const TARGET = (QUICK ? 2 : 60) * 1024 * 1024;
const file = join(tmpdir(), 'bench-subscribers.csv');
const towns = ['Luleå', 'Örnsköldsvik', 'Skövde', 'Södertälje', 'Finspång', 'Kiruna'];
let rows = 0;
await new Promise<void>((resolve, reject) => {
  const out = createWriteStream(file);
  out.on('error', reject);
  out.write(iconv.encode('e-post;namn;roll;kommuner;ämnen\r\n', 'windows-1252'));
  let bytes = 0;
  const more = () => {
    while (bytes < TARGET) {
      const line = iconv.encode(`person${rows}@kommun${rows % 18}.example.se;Åsa Öberg ${rows};member;${towns[rows % towns.length]};industry|energy\r\n`, 'windows-1252');
      bytes += line.length;
      rows++;
      if (!out.write(line)) return void out.once('drain', more);
    }
    out.end(resolve);
  };
  more();
});
const mb = statSync(file).size / 1024 / 1024;
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const started = performance.now();
const args = ['bin/monitor.mjs', 'subscribers', 'import', '--dry-run', file];
const r = time ? spawnSync(time, ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
const stdout = r.stdout ?? '';
const stderr = r.stderr ?? '';
const seconds = (performance.now() - started) / 1000;
if (r.status !== 0) throw new Error(`monitor subscribers import exited ${r.status}: ${stderr.trim().split('\n')[0] ?? ''}`);
console.log(stdout.trim().split('\n')[0]);
const rssKb = Number((stderr.trim().split('\n').pop() ?? '').trim());
console.log(`${mb.toFixed(1)} MB, ${rows.toLocaleString('sv-SE')} rows checked in ${seconds.toFixed(1)} s; peak RSS ${Number.isFinite(rssKb) && rssKb ? `${Math.round(rssKb / 1024)} MB` : 'not measured (no /usr/bin/time)'} (target ≤ 300 MB)`);

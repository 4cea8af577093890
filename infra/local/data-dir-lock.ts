/**
 * One process per data dir. The embedded DynamoDB keeps its data in LevelDB, which one process may
 * open at a time; a second process got "Error: Database is closed" from deep inside dynalite. Now
 * the second process is told, in one line, which process holds the folder.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '#shared/user-error.ts';

const LOCK_FILE = 'monitor.lock';

interface Owner {
  pid: number;
  command: string;
  since: string;
}

function ownerOf(file: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' ? { pid: o.pid, command: String(o.command ?? '?'), since: String(o.since ?? '?') } : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another live process holds `dir`: its description; a lock left by a crashed process does not count. */
export function otherHolder(dir: string): Owner | null {
  const o = ownerOf(join(dir, LOCK_FILE));
  return o && o.pid !== process.pid && alive(o.pid) ? o : null;
}

function refuse(dir: string, o: Owner): never {
  throw new UserError(`Datamappen ${dir} används redan av en annan process (pid ${o.pid}: ${o.command}, sedan ${o.since}). Avsluta den, eller ange en annan --data-dir.`);
}

/** Throws a UserError when another live process holds `dir`. */
export function assertDataDirFree(dir: string): void {
  const o = otherHolder(dir);
  if (o) refuse(dir, o);
}

/** Takes `dir` for this process until release() or exit; `dir` must exist. */
export function lockDataDir(dir: string, command: string): { release(): void } {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const o = otherHolder(dir);
      if (o) refuse(dir, o);
      // Left by a process that no longer runs (or by this one): take it over.
      rmSync(file, { force: true });
    }
  }
  const release = () => {
    if (ownerOf(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  process.once('exit', release);
  return {
    release() {
      process.off('exit', release);
      release();
    },
  };
}

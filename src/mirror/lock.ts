import { readFileSync, rmSync, promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { WpExtractError } from '../errors.js';
import { explainMkdir, writeError } from '../write/files.js';

/** The lock a run holds on its output folder while it writes there. */
export const LOCK_FILE = '_wp-extract.lock';

/** Who holds a lock. */
interface Holder {
  pid: number;
  host: string;
  started: string;
}

/** Whether a process of this machine still runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock (a file created exclusively), so that two runs never write one folder
 * at once: the second stops at once with one line naming the first. A lock left by a run that
 * died (its process is gone) is taken over, and `said` is told. Returns the release, which is
 * safe to call more than once, and synchronous for the exit handlers.
 */
export async function lockFolder(dir: string, said: (line: string) => void): Promise<() => void> {
  const path = join(dir, LOCK_FILE);
  await fsp.mkdir(dir, { recursive: true }).catch(async (error: unknown) => {
    throw writeError(await explainMkdir(error, dir), dir);
  });
  const me: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fsp.open(path, 'wx', 0o644);
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        // Only our own lock: never one another run took over (or one removed by hand).
        try {
          if (readFileSync(path, 'utf8').includes(`"pid":${me.pid},`)) rmSync(path, { force: true });
        } catch {
          // gone already
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw writeError(error, path);
    }
    const holder = await readHolder(path);
    if (holder && (holder.host !== me.host || alive(holder.pid))) {
      throw new WpExtractError(
        'E_LOCKED',
        `another wp-extract run (process ${holder.pid} on ${holder.host}, since ${holder.started}) is writing this folder; try again when it ends, or remove ${LOCK_FILE} if it is not running`,
        { input: dir },
      );
    }
    if (attempt > 0) continue; // another run took it over first: look again
    said(`${dir}: taking over the lock of a run that did not end (${holder ? `process ${holder.pid}` : 'unreadable lock'})`);
    await fsp.rm(path, { force: true });
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const value = JSON.parse(await fsp.readFile(path, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host, started: String(value.started ?? '?') } : null;
  } catch {
    return null;
  }
}

import { constants, readdirSync, rename as renameCallback, rmSync, writeFile as writeFileCallback, promises as fsp } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { WpExtractError } from '../errors.js';

const writeFileAsync = promisify(writeFileCallback);
const renameAsync = promisify(renameCallback);

/**
 * Whether files are there: from one listing of their folder, read the first time the folder is
 * asked about, instead of a system call per file (file system calls are dear on sandboxed
 * kernels, and a run asks about every post's file). Files written after a folder was listed are
 * not in its listing, and need not be: each path is asked about once, before it is written.
 */
export class FolderListings {
  private readonly names = new Map<string, Set<string>>();

  has(path: string): boolean {
    const folder = dirname(path);
    let names = this.names.get(folder);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(folder));
      } catch {
        names = new Set(); // no folder yet: nothing in it
      }
      this.names.set(folder, names);
    }
    return names.has(basename(path));
  }
}

/** Temporary files of this process are told apart by pid and a count (`wx` refuses any clash). */
let temporaryCount = 0;

/** File-system errors a user can act on, by errno code. */
const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'file name too long',
  EEXIST: 'a file is in the way',
};

export function writeError(error: unknown, path: string): WpExtractError {
  if (error instanceof WpExtractError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new WpExtractError('E_WRITE', `cannot write: ${WRITE_ERRORS[code] ?? (code || (error as Error).message)}`, {
    input: path,
    cause: error,
  });
}

/**
 * Writes files inside one folder, atomically: each file goes to a temporary name beside it and
 * is renamed into place, so a reader (or a rerun after Ctrl-C) sees the whole file or none.
 * Temporary files still open when the process is interrupted are removed by `abort()`.
 * Nothing is written outside the folder: paths are checked against its real location after
 * symbolic links are resolved.
 */
export class FileWriter {
  private readonly temporary = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly folders = new Map<string, Promise<void>>();
  private readonly listings = new FolderListings();
  private aborted = false;
  private rootReal: string | null = null;

  constructor(readonly root: string) {}

  private async realRoot(): Promise<string> {
    if (this.rootReal === null) {
      try {
        await fsp.mkdir(this.root, { recursive: true });
        this.rootReal = await fsp.realpath(this.root);
      } catch (error) {
        throw writeError(await explainMkdir(error, this.root), this.root);
      }
    }
    return this.rootReal;
  }

  /** The absolute path of a relative one, refused when it would leave the folder. */
  async resolveInside(relativePath: string): Promise<string> {
    const root = await this.realRoot();
    const target = resolve(root, relativePath);
    if (!isInside(root, target)) {
      throw new WpExtractError('E_WRITE', `refusing to write outside ${this.root}`, { input: relativePath });
    }
    return target;
  }

  /** Whether a file is there (see {@link FolderListings}). */
  async exists(path: string): Promise<boolean> {
    return this.listings.has(path);
  }

  /** Writes a file atomically, making its folders; its real folder must be inside the root. */
  write(path: string, data: string | Uint8Array): Promise<void> {
    // Once aborted, the process is about to exit: start nothing new.
    if (this.aborted) return new Promise<void>(() => undefined);
    const operation = this.writeNow(path, data);
    const settle = (): void => void this.inFlight.delete(operation);
    operation.then(settle, settle);
    this.inFlight.add(operation);
    return operation;
  }

  private async writeNow(path: string, data: string | Uint8Array): Promise<void> {
    const root = await this.realRoot();
    const folder = dirname(path);
    const temp = join(folder, `.${basename(path)}.${process.pid}.${++temporaryCount}.tmp`);
    try {
      await this.checkFolder(root, folder, path);
      this.temporary.add(temp);
      // Asynchronous, on libuv's threads: creating a file takes a third of a millisecond on this
      // project's machine (a sandboxed kernel), which a synchronous open would take from
      // converting the next posts. The callback API: no FileHandle object per file, which the
      // promise API makes and collects on the main thread.
      // No fsync: the rename makes each file appear whole to readers and to a rerun after an
      // interruption; guarding against power loss as well would cost an fsync per post.
      await writeFileAsync(temp, data, { flag: 'wx', mode: 0o644 });
      await renameAsync(temp, path);
      this.temporary.delete(temp);
    } catch (error) {
      this.temporary.delete(temp);
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw writeError(error, path);
    }
  }

  /** Removes a file (gone already is fine), then its folder if that is now empty and not the root. */
  async remove(path: string): Promise<void> {
    try {
      await fsp.rm(path, { force: true });
    } catch (error) {
      throw writeError(error, path);
    }
    const folder = dirname(path);
    if (isInside(await this.realRoot(), folder)) await fsp.rmdir(folder).catch(() => undefined);
  }

  /**
   * Makes a folder and checks that it really is inside the root: a symbolic link inside the
   * folder could point anywhere. Done once per folder in a run (an archive puts thousands of
   * posts in a few folders); a failed check is tried again for the next file.
   */
  private checkFolder(root: string, folder: string, path: string): Promise<void> {
    let checked = this.folders.get(folder);
    if (checked === undefined) {
      checked = (async () => {
        await fsp.mkdir(folder, { recursive: true }).catch(async (error: unknown) => {
          throw await explainMkdir(error, folder);
        });
        const real = await fsp.realpath(folder);
        if (!isInside(root, join(real, 'x'))) {
          throw new WpExtractError('E_WRITE', `refusing to write outside ${this.root} (through a symbolic link)`, { input: path });
        }
      })();
      this.folders.set(folder, checked);
      checked.catch(() => this.folders.delete(folder));
    }
    return checked;
  }

  /**
   * Stops writing (on SIGINT or SIGTERM): waits for the writes under way, whose file operations
   * run on other threads and cannot be called back, then removes any temporary file left.
   * Removing at once instead could run before a pending open created the file.
   */
  async abort(): Promise<void> {
    this.aborted = true;
    await Promise.allSettled([...this.inFlight]);
    for (const temp of this.temporary) rmSync(temp, { force: true });
    this.temporary.clear();
  }
}

/**
 * A recursive mkdir that fails on a read-only or full file system says ENOENT; ask the nearest
 * folder that exists why it cannot be written to instead.
 */
export async function explainMkdir(error: unknown, path: string): Promise<unknown> {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  let folder = dirname(path);
  while (!(await fsp.stat(folder).then(() => true, () => false)) && dirname(folder) !== folder) folder = dirname(folder);
  return fsp.access(folder, constants.W_OK).then(
    () => error,
    (reason: unknown) => reason,
  );
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf(sep) + 1);
}

export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * A copy of a string that holds nothing else alive. V8 makes a part of a longer string (a link
 * an export's reader cut from a chunk of the file, a host cut from a post's Markdown) a view
 * of the whole: kept for the length of a run, each such part keeps its whole chunk, which took
 * a 10,000-post export from 160 to 330 MiB. JSON's round trip always builds a new string.
 */
export function ownString(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

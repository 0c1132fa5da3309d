import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import lockfile from 'proper-lockfile';

/**
 * PGlite is a whole PostgreSQL cluster inside one process, with no shared-memory coordination:
 * a second process on the same directory (a CLI next to `npm start`) silently corrupts it — rows
 * of a workspace that no longer exists, an index that disagrees with the table. So the process
 * that opens a data directory holds an exclusive lock on it until it closes.
 *
 * The lock is proper-lockfile's (an atomic `mkdir` of `<dir>.lock`, its mtime refreshed while
 * held; one older than `staleMs` is taken over) plus an owner note beside it (`<dir>.lock.owner`:
 * pid, host, boot id; beside, not inside, because a file written into the lock directory changes
 * the mtime proper-lockfile watches). A holder killed with SIGKILL leaves both behind; when the
 * note names a process of this host that no longer exists, one from before a reboot, or this very
 * pid (a container restarted as pid 1), the lock is taken over at once instead of after
 * `staleMs`. The mtime rule stays the fallback for what the pid cannot tell (another host on a
 * shared volume, a reused pid), and is long because a busy PGlite blocks the event loop that
 * refreshes the mtime: a holder that merely stalls must not be taken over.
 */
export interface DataDirLockOptions {
  staleMs: number;
  /** Called if another process took the lock from us; the default ends this process. */
  onCompromised?: (error: Error) => void;
}

interface OwnerNote {
  pid: number;
  host: string;
  /** Linux's boot id: a note from an earlier boot names a process that is gone whatever its pid. */
  boot?: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: OwnerNote | undefined,
  ) {
    const by = owner ? ` (pid ${owner.pid} on ${owner.host} since ${owner.since})` : '';
    super(`Mina is running on this data directory: ${dir}${by}; stop it or use the API`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly dir: string;
  release(): Promise<void>;
}

/** Directories this process holds: its own pid in a note means a previous life only when not in here. */
const held = new Set<string>();

const lockPath = (dir: string): string => `${dir}.lock`;
const ownerPath = (dir: string): string => `${dir}.lock.owner`;

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function readOwner(dir: string): OwnerNote | undefined {
  try {
    const note = JSON.parse(readFileSync(ownerPath(dir), 'utf8')) as Partial<OwnerNote>;
    return typeof note.pid === 'number' && typeof note.host === 'string' ? { pid: note.pid, host: note.host, boot: note.boot, since: String(note.since) } : undefined;
  } catch {
    return undefined;
  }
}

/** True when the note names a process that certainly cannot hold the lock any more. */
export function ownerIsGone(owner: OwnerNote | undefined, self: Pick<OwnerNote, 'pid' | 'host' | 'boot'> = { pid: process.pid, host: hostname(), boot: bootId() }): boolean {
  if (!owner || owner.host !== self.host) return false;
  if (owner.pid === self.pid) return true;
  if (owner.boot !== undefined && self.boot !== undefined && owner.boot !== self.boot) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists under another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the exclusive lock on a PGlite data directory, or throws DataDirLockedError. */
export async function lockDataDir(dir: string, options: DataDirLockOptions): Promise<DataDirLock> {
  mkdirSync(dir, { recursive: true });
  const lockOptions: lockfile.LockOptions = {
    stale: options.staleMs,
    realpath: false,
    lockfilePath: lockPath(dir),
    onCompromised:
      options.onCompromised ??
      ((error) => {
        process.stderr.write(`Lost the lock on ${dir} (${error.message}); stopping before two processes write to it\n`);
        process.exit(1);
      }),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, lockOptions);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = readOwner(dir);
    if (held.has(dir) || !ownerIsGone(owner)) throw new DataDirLockedError(dir, owner);
    // The holder died without releasing. The note goes first: a newcomer arriving meanwhile finds
    // no note and refuses, rather than judging our fresh lock by the dead holder's note.
    rmSync(ownerPath(dir), { force: true });
    rmSync(lockPath(dir), { recursive: true, force: true });
    try {
      release = await lockfile.lock(dir, lockOptions);
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir, readOwner(dir));
      throw retryError;
    }
  }
  writeFileSync(ownerPath(dir), JSON.stringify({ pid: process.pid, host: hostname(), boot: bootId(), since: new Date().toISOString() } satisfies OwnerNote));
  held.add(dir);
  let released = false;
  return {
    dir,
    release: async () => {
      if (released) return;
      released = true;
      held.delete(dir);
      rmSync(ownerPath(dir), { force: true });
      await release();
    },
  };
}

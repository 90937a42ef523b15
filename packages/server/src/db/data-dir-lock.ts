// One process at a time opens an embedded data directory: two PGlite instances writing one
// directory corrupt it. The owner leaves a lock file with its pid and, when it is a server, the
// address where it shares the database with `dateline` commands.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'dateline.lock';

export interface DataDirOwner {
  pid: number;
  /** The API server, or a one-off command (`dateline keys …`, `pnpm db:seed`). */
  role: 'server' | 'command';
  startedAt: string;
  /** Where a server answers the PostgreSQL protocol (a socket directory or 127.0.0.1). */
  connection?: { host: string; port: number };
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';

  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    const who =
      owner.role === 'server'
        ? `the Dateline server with process id ${owner.pid} (started ${owner.startedAt})`
        : `a dateline command with process id ${owner.pid} (started ${owner.startedAt})`;
    const advice =
      owner.role === 'server'
        ? owner.connection
          ? 'Stop that server first, or give this one another DATELINE_DATA_DIR.'
          : 'It is still starting; try again in a moment.'
        : 'Wait for it to finish.';
    super(
      `The embedded database in ${dataDir} is in use by ${who}. ${advice} ` +
        `(If no process ${owner.pid} is running, delete ${path.join(dataDir, LOCK_FILE)}.)`,
    );
  }
}

export interface DataDirLock {
  /** Records where the server now shares the database. */
  publish(connection: NonNullable<DataDirOwner['connection']>): void;
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLockFile(file: string): DataDirOwner | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as DataDirOwner;
    return typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

/** The live process that holds `dataDir`, or null when none does (a dead owner's lock is stale). */
export function dataDirOwner(dataDir: string): DataDirOwner | null {
  const owner = readLockFile(path.join(dataDir, LOCK_FILE));
  return owner && owner.pid !== process.pid && isRunning(owner.pid) ? owner : null;
}

/** Writes the file whole under a temporary name first, so a reader never sees half of it. */
function writeWhole(file: string, owner: DataDirOwner, place: (temporary: string) => void): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
  try {
    place(temporary);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed into place.
    }
  }
}

/** Takes `dataDir` for this process; throws DataDirInUseError when a live process holds it. */
export function lockDataDir(dataDir: string, role: DataDirOwner['role']): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const owner: DataDirOwner = { pid: process.pid, role, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      // link() fails if the lock exists, so exactly one process creates it.
      writeWhole(file, owner, (temporary) => linkSync(temporary, file));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw error;
      const holder = readLockFile(file);
      if (holder && holder.pid !== process.pid && isRunning(holder.pid)) {
        throw new DataDirInUseError(dataDir, holder);
      }
      // Left by a process that died without cleaning up.
      try {
        unlinkSync(file);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  let released = false;
  return {
    publish(connection) {
      writeWhole(file, { ...owner, connection }, (temporary) => renameSync(temporary, file));
    },
    release() {
      if (released) return;
      released = true;
      if (readLockFile(file)?.pid === process.pid) unlinkSync(file);
    },
  };
}

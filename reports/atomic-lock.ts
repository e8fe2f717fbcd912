// The pieces of the file-set writer (atomic.ts) that deal with other runs: the lock
// that serialises writers into one directory, unpredictable temp names, and the removal
// of what killed runs left behind. Nothing here follows a symbolic link: names are
// created exclusively (O_EXCL, mkdir) and read with O_NOFOLLOW.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, linkSync, lstatSync, openSync, readSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The lock a writer holds while it changes the set in a directory (holds its pid). */
export const LOCK_NAME = '.arena-lock';
/** A staged set, renamed to this name once it is complete: the commit point. */
export const COMMIT_NAME = '.arena-commit';

/** Our temp names: `.arena-tmp-<pid>-<128 random bits>`; the pid says whose it is. */
const TMP = /^\.arena-tmp-(\d+)-[0-9a-f]{32}$/;
/** Temp names earlier versions gave a file `name` (`.comparison.md.tmp-<pid>`, `findings.json.<pid>.tmp`). */
function oldTempPid(entry: string, names: readonly string[]): string | undefined {
  for (const n of names) {
    if (entry.startsWith(`.${n}.tmp-`)) return /^\d+$/.exec(entry.slice(n.length + 6))?.[0];
    if (entry.startsWith(`${n}.`) && entry.endsWith('.tmp')) return /^\d+$/.exec(entry.slice(n.length + 1, -4))?.[0];
  }
  return undefined;
}

export function tempName(): string {
  return `.arena-tmp-${process.pid}-${randomBytes(16).toString('hex')}`;
}

/** Whether a process with this pid exists (EPERM: it exists, it is just not ours). */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes temp files and directories in `dir` whose writer is no longer running: ours,
 * and those earlier versions left for the files `names` (only those: `dir` may be /tmp).
 */
export function removeStaleTemps(dir: string, names: readonly string[] = []): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = TMP.exec(name)?.[1] ?? oldTempPid(name, names);
    if (pid === undefined || pidAlive(Number(pid))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function lockOwner(path: string): number | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return -1;
    return null; // a symlink or something else planted there: nobody's lock
  }
  try {
    const buf = Buffer.alloc(32);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const pid = Number(buf.subarray(0, n).toString('utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } finally {
    closeSync(fd);
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export interface LockOptions {
  /** How long to wait for another live writer (default 60 s). */
  readonly waitMs?: number;
}

/**
 * Takes the directory's lock (an O_EXCL file holding our pid). A lock whose writer is
 * dead, or that is not a regular file of ours, is removed; a live one is waited for.
 * Returns the release function; throws LockBusy when the wait runs out.
 */
export function acquireLock(dir: string, o: LockOptions = {}): () => void {
  const path = join(dir, LOCK_NAME);
  const tries = Math.max(1, Math.ceil((o.waitMs ?? 60_000) / 25));
  for (let i = 0; ; i++) {
    if (tryCreateLock(dir, path)) {
      return () => {
        if (lockOwner(path) === process.pid) unlinkSync(path);
      };
    }
    const owner = lockOwner(path);
    if (owner === -1) continue;
    if (owner === null || !pidAlive(owner)) {
      stealLock(dir, path, owner);
      continue;
    }
    if (i + 1 >= tries) throw new LockBusy(dir, owner);
    sleepMs(25);
  }
}

/**
 * Creates the lock with our pid already in it: the pid is written to a temp file of our
 * own, which is then hard-linked to the lock name (link fails with EEXIST when a lock is
 * there, and never follows a symlink). A reader therefore never sees an empty lock,
 * which it would take for a dead writer's. False when the lock exists.
 */
function tryCreateLock(dir: string, path: string): boolean {
  const tmp = join(dir, tempName());
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code !== 'EEXIST') throw e;
    return false;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * Removes a lock whose writer is dead (`dead`: its pid, or null for a planted name).
 * The lock is first renamed to a name of our own, so of several writers that found the
 * same dead lock only one takes it; if what we took turns out to be a live writer's
 * fresh lock (it replaced the dead one after we read it), it is linked back.
 */
function stealLock(dir: string, path: string, dead: number | null): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === true) {
    rmSync(path, { recursive: true, force: true });
    return;
  }
  const grave = join(dir, tempName());
  try {
    renameSync(path, grave);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return; // another writer took it first
    throw e;
  }
  const owner = lockOwner(grave);
  if (owner !== null && owner !== -1 && owner !== dead && pidAlive(owner)) {
    try {
      linkSync(grave, path);
    } catch {
      // A third writer holds the lock now; the one we took is lost (docs/decisions.md).
    }
  }
  rmSync(grave, { force: true });
}

export class LockBusy extends Error {
  override readonly name = 'LockBusy';
  constructor(readonly dir: string, readonly pid: number) {
    super(`${dir}: another arena run (pid ${pid}) is writing there`);
  }
}

// Atomic file output, for one file or a set of files that belong together (comparison.md
// + comparison.json, bench.md + bench.json, findings.json + its reproducers). Readers
// must never see files of two runs side by side, so a set is written like a small
// journal (docs/decisions.md, "Output files"):
//   1. take the directory's lock (O_EXCL file with our pid; a dead writer's is removed),
//      finish a commit a killed run left, remove stale temp files of dead runs;
//   2. write every file into a fresh temp directory `.arena-tmp-<pid>-<random>` (mkdir
//      and O_EXCL: never through a symlink), with a journal of the names;
//   3. commit: rename that directory to `.arena-commit` (one atomic step);
//   4. move each file into place (rename replaces a symlink, never follows it), delete
//      the files the set no longer has, remove `.arena-commit`, release the lock.
// A kill before 3 leaves the old set (and a stale temp directory the next run removes);
// a kill after 3 leaves a commit that readSet() reads through and the next writer or
// recoverSet() finishes. Either way a reader gets the old set or the new one, whole.
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { COMMIT_NAME, LockBusy, acquireLock, removeStaleTemps, tempName, type LockOptions } from './atomic-lock.ts';
import { OutputError, fsReason } from './output-error.ts';

const JOURNAL = '.journal.json';

export interface FileSetHooks extends LockOptions {
  /** Called after each step ("locked", "staged", "committed", "moved <name>", "removed"); tests kill or throw here. */
  readonly step?: (what: string) => void;
}

export interface FileSetOptions extends FileSetHooks {
  /** Names of files an earlier set had and this one does not: deleted when the set is committed. */
  readonly remove?: readonly string[];
}

interface Journal {
  readonly names: readonly string[];
  readonly remove: readonly string[];
}

function checkName(dir: string, name: string): void {
  if (name === '' || name !== basename(name) || name === '.' || name === '..' || name.startsWith('.arena-')) {
    throw new OutputError(`${dir}: "${name}" is not a plain file name`, join(dir, name));
  }
}

function writeExclusive(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readJournal(commit: string): Journal | null {
  try {
    const j = JSON.parse(readFileSync(join(commit, JOURNAL), 'utf8')) as Partial<Journal>;
    const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string' && s === basename(s));
    return strings(j.names) && strings(j.remove) ? { names: j.names, remove: j.remove } : null;
  } catch {
    return null;
  }
}

function isRealDir(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** Finishes a committed set (moves what is left, deletes what it drops). Call with the lock held. */
function rollForward(dir: string, hooks: FileSetHooks): void {
  const commit = join(dir, COMMIT_NAME);
  if (lstatSync(commit, { throwIfNoEntry: false }) === undefined) return;
  const journal = isRealDir(commit) ? readJournal(commit) : null;
  if (journal) {
    for (const name of journal.names) {
      const from = join(commit, name);
      if (lstatSync(from, { throwIfNoEntry: false }) === undefined) continue;
      renameSync(from, join(dir, name));
      hooks.step?.(`moved ${name}`);
    }
    for (const name of journal.remove) if (!journal.names.includes(name)) rmSync(join(dir, name), { force: true });
    hooks.step?.('removed');
  }
  // Not a commit of ours (no journal, or a planted symlink): removed, never followed.
  rmSync(commit, { recursive: true, force: true });
}

/** Finishes an interrupted write in `dir` and removes stale temp files (for tests and recovery). */
export function recoverSet(dir: string, hooks: FileSetHooks & { readonly names?: readonly string[] } = {}): void {
  const release = acquireLock(dir, hooks);
  try {
    rollForward(dir, hooks);
    removeStaleTemps(dir, hooks.names ?? []);
  } finally {
    release();
  }
}

/** Whether an interrupted set write is pending in `dir` (the next write or recoverSet() finishes it). */
export function pendingCommit(dir: string): boolean {
  return isRealDir(join(dir, COMMIT_NAME));
}

/** The files of the set as a reader sees it: a committed-but-unfinished set is read through. */
export function readSet(dir: string, names: readonly string[]): Map<string, string | null> {
  const commit = join(dir, COMMIT_NAME);
  const journal = isRealDir(commit) ? readJournal(commit) : null;
  const out = new Map<string, string | null>();
  for (const name of names) {
    const staged = journal?.names.includes(name) === true ? join(commit, name) : null;
    const path = staged !== null && lstatSync(staged, { throwIfNoEntry: false }) ? staged : join(dir, name);
    const dropped = journal?.remove.includes(name) === true && !journal.names.includes(name);
    out.set(name, dropped ? null : readOrNull(path));
  }
  return out;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Writes `files` (name, text) into `dir` as one set; returns their paths. Every failure
 * (a regular file where the directory should be, read-only, full disk, another writer
 * holding the lock too long) is an OutputError naming the path, with nothing left behind.
 */
export function writeFileSet(dir: string, files: ReadonlyArray<readonly [string, string]>, o: FileSetOptions = {}): string[] {
  for (const [name] of files) checkName(dir, name);
  let release: (() => void) | null = null;
  let stage: string | null = null;
  let doing = 'create the directory';
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    doing = 'lock';
    release = acquireLock(dir, o);
    o.step?.('locked');
    doing = 'finish an interrupted write';
    rollForward(dir, o);
    removeStaleTemps(dir, [...files.map(([n]) => n), ...(o.remove ?? [])]);
    stage = join(dir, tempName());
    mkdirSync(stage, { mode: 0o700 });
    for (const [name, text] of files) {
      doing = `write ${name}`;
      writeExclusive(join(stage, name), text);
    }
    const journal: Journal = { names: files.map(([n]) => n), remove: (o.remove ?? []).filter((n) => n === basename(n)) };
    writeExclusive(join(stage, JOURNAL), JSON.stringify(journal));
    o.step?.('staged');
    // A rename replaces whatever has the name: never a directory or a device node.
    for (const [name] of files) {
      const st = lstatSync(join(dir, name), { throwIfNoEntry: false });
      if (st && !st.isFile() && !st.isSymbolicLink()) throw new OutputError(`${join(dir, name)}: exists and is not a regular file`, join(dir, name));
    }
    doing = 'commit';
    renameSync(stage, join(dir, COMMIT_NAME));
    stage = null;
    o.step?.('committed');
    doing = 'move the files into place';
    rollForward(dir, o);
  } catch (e) {
    if (stage !== null) rmSync(stage, { recursive: true, force: true });
    if (e instanceof OutputError) throw e;
    if (e instanceof LockBusy) throw new OutputError(e.message, dir);
    if (typeof e === 'object' && e !== null && 'code' in e) throw new OutputError(`${dir}: cannot ${doing}: ${fsReason(e)}`, dir);
    throw e;
  } finally {
    release?.();
  }
  return files.map(([name]) => join(dir, name));
}

/** Writes one file atomically (a set of one), creating its directory if needed. */
export function writeFileAtomic(path: string, text: string, o: FileSetOptions = {}): void {
  writeFileSet(dirname(path), [[basename(path), text]], o);
}

/** Writes several files (paths, possibly in different directories) atomically, one set per directory. */
export function writeFilesAtomic(files: ReadonlyArray<readonly [string, string]>, o: FileSetOptions = {}): void {
  const byDir = new Map<string, Array<readonly [string, string]>>();
  for (const [path, text] of files) byDir.set(dirname(path), [...(byDir.get(dirname(path)) ?? []), [basename(path), text]]);
  for (const [dir, set] of byDir) writeFileSet(dir, set, o);
}

/** Entries of `dir` a writer left (temp directories, a commit, a lock): for tests and `--check`. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.arena-')).sort();
}

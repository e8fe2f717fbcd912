// Output paths checked before any work starts, so a run that cannot write its result
// fails in a second with one line, not after minutes of work (or after "gate: pass").
import { closeSync, lstatSync, openSync, rmSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tempName } from './atomic-lock.ts';
import { OutputError, fsReason } from './output-error.ts';

/** stat, or undefined where nothing is (ENOENT, or a file where a directory would be: ENOTDIR). */
function statOf(path: string, follow = true): Stats | undefined {
  try {
    return (follow ? statSync : lstatSync)(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new OutputError(`${path}: ${fsReason(e)}`, path);
  }
}

/** The nearest existing ancestor of `path` (itself if it exists). */
function existingAncestor(path: string): string {
  let p = resolve(path);
  while (statOf(p, false) === undefined && dirname(p) !== p) p = dirname(p);
  return p;
}

/** Creates and removes a temp file in the existing directory `dir` (exclusively, so through no symlink). */
function probe(flag: string, target: string, dir: string): void {
  const st = statOf(dir);
  if (!st?.isDirectory()) throw new OutputError(`${flag} ${target}: ${dir} is not a directory`, target);
  const p = join(dir, tempName());
  try {
    closeSync(openSync(p, 'wx', 0o600));
  } catch (e) {
    throw new OutputError(`${flag} ${target}: cannot write in ${dir}: ${fsReason(e)}`, target);
  }
  rmSync(p, { force: true });
}

/** `--out dir`: a directory (or a path where one can be made) we can create files in. */
export function checkOutputDir(flag: string, dir: string | undefined): void {
  if (dir === undefined) return;
  if (dir.trim() === '') throw new OutputError(`${flag}: empty path; expected a directory`, dir);
  const st = statOf(dir);
  if (st && !st.isDirectory()) throw new OutputError(`${flag} ${dir}: is a file, expected a directory`, dir);
  probe(flag, dir, existingAncestor(dir));
}

/** What a path that is not a regular file is, for messages. */
function kindOf(st: Stats): string {
  return st.isSymbolicLink() ? 'a symbolic link' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device'
    : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'not a regular file';
}

/**
 * `--junit file`: a file path (not a directory) whose directory we can create files in.
 * An existing path must be a regular file: the write replaces the name, and replacing a
 * symlink or a device node (`/dev/stdout`, `/dev/full`) is never what was meant.
 */
export function checkOutputFile(flag: string, file: string | undefined): void {
  if (file === undefined) return;
  if (file.trim() === '') throw new OutputError(`${flag}: empty path; expected a file name`, file);
  const st = statOf(file);
  if (st?.isDirectory() === true || file.endsWith('/')) throw new OutputError(`${flag} ${file}: is a directory, expected a file`, file);
  const own = statOf(file, false);
  if (own && !own.isFile()) throw new OutputError(`${flag} ${file}: is ${kindOf(own)}; expected a regular file or a new name`, file);
  probe(flag, file, existingAncestor(dirname(resolve(file))));
}

/** A file we append to (GITHUB_STEP_SUMMARY): must be a regular file or creatable. */
export function checkAppendFile(what: string, file: string): void {
  const st = statOf(file);
  if (st?.isDirectory() === true) throw new OutputError(`${what} ${file}: is a directory, expected a file`, file);
  if (!st) {
    probe(what, file, existingAncestor(dirname(resolve(file))));
    return;
  }
  try {
    closeSync(openSync(file, 'a'));
  } catch (e) {
    throw new OutputError(`${what} ${file}: cannot append: ${fsReason(e)}`, file);
  }
}

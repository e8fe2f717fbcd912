// Atomic file output: write a temp file next to the target, then rename over it. A run
// interrupted before the rename leaves the previous file whole (rename(2) is atomic on
// one filesystem), and the temp file is removed when the write itself fails.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteHooks {
  /** Runs after the temp file is written and before the rename (tests make it throw). */
  readonly beforeRename?: (tmpPath: string) => void;
}

/** Writes `text` to `path` atomically, creating the directory if needed. */
export function writeFileAtomic(path: string, text: string, hooks: AtomicWriteHooks = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, text);
    hooks.beforeRename?.(tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes several files so that either all of them are replaced or none is: every temp
 * file is written first, then all are renamed. (A crash between two renames can still
 * leave a mix; each file on its own is always whole.)
 */
export function writeFilesAtomic(files: ReadonlyArray<readonly [string, string]>, hooks: AtomicWriteHooks = {}): void {
  const tmps: Array<readonly [string, string]> = [];
  try {
    for (const [path, text] of files) {
      const dir = dirname(path);
      mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}`);
      writeFileSync(tmp, text);
      tmps.push([tmp, path]);
    }
    for (const [tmp] of tmps) hooks.beforeRename?.(tmp);
  } catch (e) {
    for (const [tmp] of tmps) rmSync(tmp, { force: true });
    throw e;
  }
  for (const [tmp, path] of tmps) renameSync(tmp, path);
}

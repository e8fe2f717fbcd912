// Where a design's source lives, for what is counted from its files (driver-side lines):
// a built-in design's folder is designs/<name>/, a loaded design's is the folder of
// the module it came from (recorded by the loader). Data about the design, never a
// branch on who wrote it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Design } from '../core/index.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const loadedFrom = new WeakMap<Design, string>();

export function recordDesignFile(d: Design, file: string): void {
  loadedFrom.set(d, file);
}

/** The folder holding the design's files. */
export function designSourceDir(d: Design): string {
  const file = loadedFrom.get(d);
  return file ? dirname(file) : join(HERE, d.name);
}

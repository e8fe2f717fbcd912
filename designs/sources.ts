// Where a design's source lives, for what is counted from its files (driver-side lines):
// a built-in design's folder is designs/<name>/, a loaded design's is the folder of
// the module it came from (recorded by the loader). Data about the design, never a
// branch on who wrote it.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Design } from '../core/index.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const loadedFrom = new WeakMap<Design, string>();
const fileByName = new Map<string, string>();

export function recordDesignFile(d: Design, file: string): void {
  loadedFrom.set(d, file);
  fileByName.set(d.name, file);
}

/**
 * What to pass to --design to get this design again in a reproduce command: the module
 * file of a loaded design (its name alone would not resolve), the name otherwise.
 */
export function designArg(name: string): string {
  const file = fileByName.get(name);
  if (file === undefined) return name;
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') ? rel : file;
}

/** The folder holding the design's files (a registered variant's are its base design's). */
export function designSourceDir(d: Design): string {
  const file = loadedFrom.get(d);
  return file ? dirname(file) : join(HERE, d.variant?.of ?? d.name);
}

/** The module file a loaded design came from (undefined for a registered one): how a worker thread loads it again. */
export function loadedDesignFile(d: Design): string | undefined {
  return loadedFrom.get(d);
}

/** Whether this thread loaded any design from a module (a worker then needs the TypeScript loader first). */
export function anyLoadedDesign(): boolean {
  return fileByName.size > 0;
}

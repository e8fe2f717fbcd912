// Loading a design from a module file the user names (--design ./mine.ts, or
// arena.config.json). The default export must be a Design or an array of Designs.
// A .ts file needs nothing installed or compiled: the arena bin (cli/arena.js) has
// registered tsx's loader with its programmatic `register()` API, and vitest has its
// own, so a plain import() reaches the one copy of core/ the runner uses (tsx's
// `tsImport()` would load the module in a namespace of its own, with a second copy of
// the core whose KernelOops is not the runner's; see docs/decisions.md).
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Design } from '../core/index.ts';
import { designProblem } from './check.ts';
import { recordDesignFile } from './sources.ts';

export const DESIGN_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;
const EXPECTED = `a ${DESIGN_EXTENSIONS.join(', ')} module whose default export is a Design or an array of Designs`;

/** A design module that cannot be used: the message names the file and what was expected. */
export class DesignSourceError extends Error {
  constructor(message: string, readonly code: 'unknown-design' | 'bad-design') {
    super(message);
    this.name = 'DesignSourceError';
  }
}

/** Whether a --design entry names a file rather than a registered design. */
export function isDesignPath(s: string): boolean {
  return s.includes('/') || s.includes('\\') || DESIGN_EXTENSIONS.some((e) => s.endsWith(e));
}

function shown(file: string, cwd: string): string {
  const r = relative(cwd, file);
  return r !== '' && !r.startsWith('..') ? r : file;
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'threw';
}

/** Imports the module at `path` (relative to cwd) and returns its checked Designs. */
export async function importDesignModule(path: string, cwd: string = process.cwd()): Promise<{ file: string; designs: Design[] }> {
  const file = resolve(cwd, path);
  const name = shown(file, cwd);
  if (!existsSync(file) || !statSync(file).isFile()) throw new DesignSourceError(`design ${name}: no such file; expected ${EXPECTED}`, 'bad-design');
  if (!DESIGN_EXTENSIONS.some((e) => file.endsWith(e))) throw new DesignSourceError(`design ${name}: not a ${DESIGN_EXTENSIONS.join('/')} file; expected ${EXPECTED}`, 'bad-design');
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw new DesignSourceError(`design ${name}: failed to load (${firstLine(e)}); expected ${EXPECTED}`, 'bad-design');
  }
  const exported = mod.default;
  if (exported === undefined) throw new DesignSourceError(`design ${name}: no default export; expected ${EXPECTED}`, 'bad-design');
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0) throw new DesignSourceError(`design ${name}: the default export is an empty array; expected ${EXPECTED}`, 'bad-design');
  list.forEach((d, i) => {
    const problem = designProblem(d);
    const which = Array.isArray(exported) ? `default export [${i}]` : 'default export';
    if (problem !== null) throw new DesignSourceError(`design ${name}: ${which} is not a Design: ${problem}`, 'bad-design');
  });
  const designs = list as Design[];
  for (const d of designs) recordDesignFile(d, file);
  return { file, designs };
}

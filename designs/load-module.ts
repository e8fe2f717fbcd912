// Loading a design from a module file the user names (--design ./mine.ts, or
// arena.config.json). The default export must be a Design or an array of Designs.
// A .ts file needs nothing installed or compiled: before the first such import, the
// loader registers tsx's loader with its programmatic `register()` API (when the
// running code is the compiled build; vitest and the tsx CLI have their own) and the
// resolve hook cli/self-resolve.mjs, which points 'pfnmap-arena/design' at the running
// copy of designs/api. A plain import() then reaches the one core the runner uses.
// (tsx's `tsImport()` would load the module in a namespace of its own, with a second
// copy of the core whose KernelOops is not the runner's; see docs/decisions.md.)
import { existsSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { join, relative, resolve } from 'node:path';
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

/** Set by cli/arena.js: the URL of the compiled build that is running. */
const BUILD = Symbol.for('pfnmap-arena.build');
let hooked = false;

async function ensureLoader(): Promise<void> {
  if (hooked) return;
  hooked = true;
  const build = (globalThis as { [BUILD]?: unknown })[BUILD];
  if (typeof build === 'string') {
    const { register: registerTsx } = await import('tsx/esm/api');
    registerTsx();
  }
  const data = typeof build === 'string' ? { root: build, ext: '.js' } : { root: pathToFileURL(`${join(import.meta.dirname, '..')}/`).href, ext: '.ts' };
  register(new URL('../cli/self-resolve.mjs', import.meta.url), { data });
}

/** Imports the module at `path` (relative to cwd) and returns its checked Designs. */
export async function importDesignModule(path: string, cwd: string = process.cwd()): Promise<{ file: string; designs: Design[] }> {
  const file = resolve(cwd, path);
  const name = shown(file, cwd);
  if (!existsSync(file) || !statSync(file).isFile()) throw new DesignSourceError(`design ${name}: no such file; expected ${EXPECTED}`, 'bad-design');
  if (!DESIGN_EXTENSIONS.some((e) => file.endsWith(e))) throw new DesignSourceError(`design ${name}: not a ${DESIGN_EXTENSIONS.join('/')} file; expected ${EXPECTED}`, 'bad-design');
  let mod: { default?: unknown };
  await ensureLoader();
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

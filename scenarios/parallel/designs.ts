// Designs as workers receive them: a registered design by its name, a design loaded
// from a module (--design ./mine.ts) by its file and name, imported again in the worker
// through the same loader. A Design object that is neither (a test's weakened copy)
// cannot cross a thread boundary, so work naming one runs in the calling thread.
import type { Design } from '../../core/index.ts';
import { importDesignModule } from '../../designs/load-module.ts';
import { getDesign, isDesignName } from '../../designs/registry.ts';
import { loadedDesignFile } from '../../designs/sources.ts';
import type { DesignRef } from '../runner.ts';

export interface DesignWire {
  readonly name: string;
  /** The module of a loaded design. */
  readonly file?: string;
}

export function wireDesign(d: DesignRef): DesignWire | null {
  if (typeof d === 'string') return { name: d };
  if (isDesignName(d.name) && getDesign(d.name) === d) return { name: d.name };
  const file = loadedDesignFile(d);
  return file === undefined ? null : { name: d.name, file };
}

/** Every design's wire form, or null when one of them has none. */
export function wireDesigns(ds: readonly DesignRef[]): DesignWire[] | null {
  const out: DesignWire[] = [];
  for (const d of ds) {
    const w = wireDesign(d);
    if (w === null) return null;
    out.push(w);
  }
  return out;
}

// Promises, not Designs: the jobs of two messages may ask for the same module at once,
// and it must be imported once.
const loaded = new Map<string, Promise<Design>>();

async function importNamed(file: string, name: string): Promise<Design> {
  const d = (await importDesignModule(file)).designs.find((x) => x.name === name);
  if (!d) throw new Error(`design module ${file} no longer exports "${name}"`);
  return d;
}

/** The Design a wire form names, in this thread (a module is imported once per thread). */
export function unwireDesign(w: DesignWire): Promise<Design> {
  if (w.file === undefined) {
    if (!isDesignName(w.name)) return Promise.reject(new Error(`unknown design "${w.name}" sent to a worker`));
    return Promise.resolve(getDesign(w.name));
  }
  const key = wireKey(w);
  let d = loaded.get(key);
  if (!d) loaded.set(key, (d = importNamed(w.file, w.name)));
  return d;
}

/** The key of a wire form (identity of the design it names). */
export function wireKey(w: DesignWire): string {
  return w.file === undefined ? w.name : `${w.file}\0${w.name}`;
}

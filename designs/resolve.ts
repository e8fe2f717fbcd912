// One resolver for every command's --design: a registered name (a built-in design or a
// variant, whatever the registry holds) or a path to a design module. A loaded design
// is a Design like any registered one; nothing downstream can tell them apart.
import type { Design } from '../core/index.ts';
import { DesignSourceError, importDesignModule, isDesignPath } from './load-module.ts';
import { DESIGN_NAMES, getDesign, isDesignName } from './registry.ts';

export interface ResolveOptions {
  /** Design modules named by the project config (arena.config.json); run by default and known by name. */
  readonly configured?: readonly string[];
  /** Directory relative paths are taken from (process.cwd() by default). */
  readonly cwd?: string;
}

interface Loaded {
  readonly design: Design;
  readonly file: string;
}

async function loadAll(paths: readonly string[], cwd: string, into: Loaded[]): Promise<Loaded[]> {
  const got: Loaded[] = [];
  for (const p of paths) {
    const { file, designs } = await importDesignModule(p, cwd);
    for (const design of designs) {
      const same = into.find((l) => l.file === file && l.design === design);
      if (same) {
        got.push(same);
        continue;
      }
      if (isDesignName(design.name)) throw new DesignSourceError(`design ${p}: "${design.name}" is the name of a built-in design; give yours another`, 'bad-design');
      const twin = into.find((l) => l.design.name === design.name);
      if (twin) throw new DesignSourceError(`design ${p}: "${design.name}" is also the name of a design in ${twin.file}; names must be unique`, 'bad-design');
      const l = { design, file };
      into.push(l);
      got.push(l);
    }
  }
  return got;
}

/**
 * "a,./b.ts" -> the Designs, registered ones first in registry order, then loaded ones
 * in the order given. Absent: every registered design and every configured one.
 * Throws DesignSourceError for an unknown name or a module that is not a design.
 */
export async function resolveDesigns(list: string | undefined, o: ResolveOptions = {}): Promise<Design[]> {
  const cwd = o.cwd ?? process.cwd();
  const loaded: Loaded[] = [];
  const configured = await loadAll(o.configured ?? [], cwd, loaded);
  if (list === undefined) return [...DESIGN_NAMES.map(getDesign), ...configured.map((l) => l.design)];
  const entries = list.split(',').map((s) => s.trim());
  const known = (): string => [...DESIGN_NAMES, ...loaded.map((l) => l.design.name)].join(', ');
  if (entries.every((s) => s === '')) throw new DesignSourceError(`--design: no design given; designs: ${known()}`, 'unknown-design');
  // "a,,b" and "a,a" are typos, not requests: refused rather than read as "a,b" and "a".
  if (entries.some((s) => s === '')) throw new DesignSourceError(`--design "${list}": an empty name between commas; designs: ${known()}`, 'unknown-design');
  const twice = [...new Set(entries.filter((e, i) => entries.indexOf(e) !== i))];
  if (twice.length > 0) throw new DesignSourceError(`--design "${list}": ${twice.map((u) => `"${u}"`).join(', ')} given twice`, 'unknown-design');
  const unknown = entries.filter((e) => !isDesignPath(e) && !isDesignName(e) && !loaded.some((l) => l.design.name === e));
  if (unknown.length > 0) throw new DesignSourceError(`unknown design ${unknown.map((u) => `"${u}"`).join(', ')}; designs: ${known()}, or a path to a .ts/.mts/.js/.mjs design module`, 'unknown-design');
  const picked = new Set<Design>();
  for (const e of entries) {
    if (isDesignPath(e)) for (const l of await loadAll([e], cwd, loaded)) picked.add(l.design);
    else if (!isDesignName(e)) picked.add(loaded.find((l) => l.design.name === e)!.design);
  }
  const builtIn = DESIGN_NAMES.filter((n) => entries.includes(n)).map(getDesign);
  return [...builtIn, ...picked];
}

/** One design (explain): the list must resolve to exactly one. */
export async function resolveOneDesign(entry: string, o: ResolveOptions = {}): Promise<Design> {
  const got = await resolveDesigns(entry, o);
  if (got.length !== 1) throw new DesignSourceError(`--design ${entry}: wants exactly one design, got ${got.length} (${got.map((d) => d.name).join(', ')})`, 'unknown-design');
  return got[0]!;
}

export { DesignSourceError, isDesignPath } from './load-module.ts';

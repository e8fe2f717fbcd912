// Start-up: building the program imports only the commands' registrations, and a
// registration imports nothing that loads the simulation, the loader or the reports
// (each command's work is imported when it runs, lazy.ts). Checked on the import graph
// of the registrations, followed through every relative import.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;
/** Packages a registration may load (the program itself needs them). */
const PACKAGES = new Set(['commander', 'chalk']);

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // `import type` is erased; dynamic import() is the lazy part and not followed.
  return [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gm)].map((m) => m[1]!);
}

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (f: string): void => {
    if (files.has(f)) return;
    files.add(f);
    for (const spec of staticImports(f)) {
      if (spec.startsWith('.')) walk(resolve(dirname(f), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  walk(entry);
  return { files, packages };
}

describe('command registration', () => {
  it('every sub-command is registered from a <name>.command.ts', () => {
    const registrations = readdirSync(HERE).filter((f) => f.endsWith('.command.ts'));
    expect(registrations.length).toBeGreaterThan(5);
    expect(staticImports(join(HERE, 'index.ts')).filter((s) => s.startsWith('./') && !s.endsWith('.command.ts'))).toEqual([]);
  });

  it('the program (main.ts) loads no command\'s work, no scenario loader, design, core or report module', () => {
    const { files, packages } = graph(join(HERE, '..', 'main.ts'));
    const heavy = [...files].filter((f) => /\/(core|designs|reports)\/|\/scenarios\/(index|load|runner|schema)\.ts$/.test(f) ||
      (f.startsWith(HERE) && !/\.command\.ts$|\/(index|lazy|types)\.ts$/.test(f)));
    expect(heavy).toEqual([]);
    expect([...packages].filter((p) => !PACKAGES.has(p))).toEqual([]);
  });
});

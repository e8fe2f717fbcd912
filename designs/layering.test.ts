// Imports point down only: core/ never imports designs/ (or anything above it), and
// designs import the core only through its public index.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^(?:import|export)[^'";]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('layering', () => {
  it('no file under core/ imports from designs/, scenarios/, reports/, bench/ or cli/', () => {
    const bad = files(join(ROOT, 'core')).flatMap((f) =>
      imports(f).filter((i) => /(^|\/)(designs|scenarios|reports|bench|cli)\//.test(i)).map((i) => `${relative(ROOT, f)} -> ${i}`));
    expect(files(join(ROOT, 'core')).length).toBeGreaterThan(30);
    expect(bad).toEqual([]);
  });

  it('designs import the core only through core/index.ts', () => {
    const bad = files(join(ROOT, 'designs')).filter((f) => !f.endsWith('.test.ts')).flatMap((f) =>
      imports(f).filter((i) => i.includes('/core/') && !i.endsWith('/core/index.ts')).map((i) => `${relative(ROOT, f)} -> ${i}`));
    expect(bad).toEqual([]);
  });
});

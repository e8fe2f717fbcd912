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

  it('a design folder imports only the design API (../api.ts), its own files and another design folder', () => {
    const folders = readdirSync(join(ROOT, 'designs'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.length).toBeGreaterThanOrEqual(5);
    const bad = folders.flatMap((d) => files(join(ROOT, 'designs', d)).filter((f) => !f.endsWith('.test.ts')).flatMap((f) =>
      imports(f).filter((i) => i !== '../api.ts' && !i.startsWith('./') && !(/^\.\.\/[a-z0-9+-]+\//.test(i) && folders.includes(i.split('/')[1]!)))
        .map((i) => `${relative(ROOT, f)} -> ${i}`)));
    expect(bad).toEqual([]);
  });

  it('the design API re-exports the core\'s public index and the designs\' shared data, and nothing of the harness', async () => {
    expect([...new Set(imports(join(ROOT, 'designs', 'api.ts')))].sort()).toEqual(['../core/index.ts', './questions.ts', './variant.ts']);
    const api = await import('./api.ts');
    for (const harness of ['Machine', 'runScenarios', 'DESIGNS', 'getDesign', 'Kernel']) expect(Object.keys(api)).not.toContain(harness);
    for (const used of ['errno', 'get_file', 'fput', 'makeObligationRunner', 'follow_fault_pfn', 'vfio_device_try_get_registration']) expect(Object.keys(api)).toContain(used);
  });

  it('designs import the core only through core/index.ts', () => {
    const bad = files(join(ROOT, 'designs')).filter((f) => !f.endsWith('.test.ts')).flatMap((f) =>
      imports(f).filter((i) => i.includes('/core/') && !i.endsWith('/core/index.ts')).map((i) => `${relative(ROOT, f)} -> ${i}`));
    expect(bad).toEqual([]);
  });
});

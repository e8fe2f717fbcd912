// A malformed file anywhere in the scenario set is exit 2 with its one located line for
// every command that loads the whole set (report and gate used to exit 1 with a stack
// trace, which CI reads as a regression). The set is swapped for a directory holding a
// valid scenario and a broken one.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXIT } from './exit.ts';
import { arenaInProcess } from './testing.ts';

const BROKEN = vi.hoisted(() => ({ dir: '' }));

vi.mock('../scenarios/load.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../scenarios/load.ts')>();
  return { ...real, loadAllScenarios: (dir?: string) => real.loadAllScenarios(dir ?? BROKEN.dir) };
});

// `arena list` reads scenarios/ from the parse cache when it can (scenarios/catalog.ts);
// the set is swapped at the loader, so the list goes through the loader here.
vi.mock('../scenarios/catalog.ts', () => ({ cachedScenarios: () => undefined }));

function brokenSet(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-broken-set-'));
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(import.meta.dirname, '..', 'scenarios', 'bar-map-dma.yaml'), join(dir, 'bar-map-dma.yaml'));
  writeFileSync(join(dir, 'zz-broken.yaml'), 'id: zz-broken\ntitle: t\ncategory: correctness\norigin: test\ndescription: d\nsetup: { tasks: [qemu] }\nsteps:\n  - { kind: mmapp, task: qemu, length: 4096, as: a }\n');
  return dir;
}

describe('a malformed scenario in the set', () => {
  BROKEN.dir = brokenSet();
  const out = join(BROKEN.dir, 'never');
  it.each([
    ['report', '--out', out], ['gate', '--baseline', join(import.meta.dirname, '..', 'reports', 'baseline.json')], ['list'], ['mistakes'],
  ])('arena %s exits 2 naming the file, the step and the line', async (...args) => {
    const r = await arenaInProcess(...args);
    expect([r.code, r.stdout]).toEqual([EXIT.usage, '']);
    expect(r.stderr).toMatch(/^arena: .*zz-broken\.yaml: steps\[0\]\.kind: invalid value "mmapp"; expected one of .* \(line 8\)\n$/);
  });
});

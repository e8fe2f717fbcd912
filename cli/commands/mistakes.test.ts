// arena mistakes: the real binary for the acceptance run (every (design, driver,
// obligation, kind) with a class and a deciding scenario), in-process for the filters
// and the usage errors.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { MistakeMatrixJson } from '../../reports/mistakes-section.ts';
import { generateMutants } from '../../scenarios/mutants/index.ts';
import { EXIT } from '../exit.ts';
import { arenaInProcess as inProcess } from '../testing.ts';

const ROOT = join(import.meta.dirname, '../..');
const exec = promisify(execFile);

describe('arena mistakes (binary)', () => {
  it('--format json lists every (design, driver, obligation, kind) with a class and, unless its step is never reached, a deciding scenario', async () => {
    const r = await exec(process.execPath, [join(ROOT, 'cli/arena.js'), 'mistakes', '--format', 'json'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    const m = MistakeMatrixJson.parse(JSON.parse(r.stdout));
    const want = generateMutants(DESIGN_NAMES).map((x) => `${x.designName}/${x.mistake.driver}/${x.mistake.obligation}/${x.kind}`);
    const got = m.rows.filter((x) => x.obligation !== null).map((x) => `${x.design}/${x.driver}/${x.obligation ?? ''}/${x.kind ?? ''}`);
    expect(got).toEqual(want);
    for (const x of m.rows.filter((y) => y.obligation !== null && y.reachedIn > 0)) expect(x.decidingScenario).not.toBeNull();
  });
});

describe('arena mistakes (in process)', () => {
  it('--scenario prints both cells of the one mutant there', async () => {
    const r = await inProcess('mistakes', '--design', 'private-data', '--driver', 'vfio-pci', '--obligation', 'set-magic', '--kind', 'omit',
      '--scenario', 'bar-map-dma', '--format', 'json');
    expect(r.code).toBe(EXIT.ok);
    const m = MistakeMatrixJson.parse(JSON.parse(r.stdout));
    expect(m.rows.map((x) => x.obligation)).toEqual(['set-magic']);
    expect(m.cells?.map((c) => c.scenario)).toEqual(['bar-map-dma']);
  });

  it('text and md print the matrix with a column per design asked for', async () => {
    for (const format of ['text', 'md']) {
      const r = await inProcess('mistakes', '--design', 'driver-op', '--driver', 'mdev-ram', '--format', format);
      expect(r.code).toBe(EXIT.ok);
      expect(r.stdout).toMatch(/mistake\s+\|?\s*driver-op/);
    }
  });

  it.each([
    [['--design', 'nope'], /unknown design "nope"/],
    [['--driver', 'nope'], /unknown driver "nope"/],
    [['--obligation', 'nope', '--design', 'driver-op'], /unknown obligation "nope"/],
    [['--kind', 'sideways'], /sideways/],
    [['--scenario', 'no-such-scenario'], /unknown scenario "no-such-scenario"/],
    [['--format', 'yaml'], /yaml/],
  ])('%j is a usage error naming what was wrong', async (args, message) => {
    const r = await inProcess('mistakes', ...args);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(message);
  });
});

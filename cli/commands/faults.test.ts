// arena faults in process: one line per fail point per design, each judged.
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { loadScenarioById, runCell } from '../../scenarios/index.ts';
import { EXIT } from '../exit.ts';
import { arenaInProcess as arena } from '../testing.ts';

describe('arena faults', () => {
  it('prints one line per fail point per design, each judged', async () => {
    const r = await arena('faults', 'fail-nth-map-dma');
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const s = loadScenarioById('fail-nth-map-dma');
    for (const name of DESIGN_NAMES) {
      const d = name.replace(/[+]/g, '\\+'); // variant names ("status-quo+d0") inside a RegExp
      const points = runCell(s, name, { seed: 1 }).sweep?.points ?? 0;
      const lines = r.stdout.split('\n').filter((l) => new RegExp(`^${d}\\s+fail-nth\\s+\\d+\\s`).test(l));
      expect(lines).toHaveLength(points);
      for (const l of lines) expect(l).toMatch(/ (clean|NOT clean)/);
      expect(r.stdout).toMatch(new RegExp(`^${d}\\s+\\d+ of ${points} fail point\\(s\\) unwound cleanly$`, 'm'));
    }
  });

  it('--design narrows it; an unknown scenario or design exits 2', async () => {
    const r = await arena('faults', 'fail-nth-map-dma', '--design', 'dmabuf-revoke');
    expect(r.stdout).not.toMatch(/^status-quo/m);
    expect((await arena('faults', 'fail-nth-map-dmx')).code).toBe(EXIT.usage);
    expect((await arena('faults', 'fail-nth-map-dma', '--design', 'nope')).code).toBe(EXIT.usage);
  });
});

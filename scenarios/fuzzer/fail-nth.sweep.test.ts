// arena faults' sweep is the runner's fail-nth mechanism: on fail-nth-map-dma it tries
// the same points with the same outcomes as the scenario's own sweep, naming each point.
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { loadScenarioById } from '../load.ts';
import { runCell } from '../runner.ts';
import { sweepFaults } from './fail-nth.ts';
import { LEAKY } from './testing.ts';

const s = loadScenarioById('fail-nth-map-dma');

describe('sweepFaults', () => {
  it.each(DESIGN_NAMES)('%s: same points and outcomes as the sweepFailNth run, each named and judged', (d) => {
    const sweep = sweepFaults(s, d);
    const cell = runCell(s, d, { seed: 1 });
    expect(sweep.rows.length).toBe(cell.sweep?.points);
    expect(sweep.rows.map((r) => r.outcome)).toEqual(cell.sweep?.runs.map((r) => r.outcome));
    for (const r of sweep.rows) expect(r.point).toMatch(/^\w+ in \w+$/);
    expect(sweep.rows.some((r) => r.errno === 'ENOMEM')).toBe(true);
  });

  it('a design that leaks is not clean at the points after which the leak is reached', () => {
    const rows = sweepFaults(s, LEAKY).rows;
    expect(rows.some((r) => !r.clean && r.outcome === 'leak')).toBe(true);
  });
});

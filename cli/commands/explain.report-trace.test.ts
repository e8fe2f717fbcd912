// The trace a report carries for a cell (comparison.json, shown by comparison.html on a
// click) is exactly what `arena explain` prints for it, a fail-nth sweep included.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../reports/index.ts';
import { loadScenarioById } from '../../scenarios/index.ts';
import { arenaInProcess } from '../testing.ts';

describe('report traces', () => {
  const fixed = { package: 'pfnmap-arena', version: '0.0.0-test', node: 'v20', seed: 1, inputsDigest: '0123456789abcdef', commit: null };
  const ids = ['driver-replaces-private-data', 'fail-nth-map-dma'];
  const json = renderReport({ seed: 1, provenance: fixed, mistakes: false, fuzz: false, scenarios: ids.map((id) => loadScenarioById(id)) }).comparison.json;

  it.each([['driver-replaces-private-data', 'private-data'], ['fail-nth-map-dma', 'driver-op']])('%s on %s is what arena explain prints', async (id, design) => {
    const cell = json.scenarios.find((s) => s.id === id)?.cells.find((c) => c.design === design);
    const ran = await arenaInProcess('explain', id, '--design', design);
    expect(ran.code).toBe(0);
    expect(cell?.trace.length).toBeGreaterThan(5);
    expect(`${cell?.trace.join('\n')}\n`).toBe(ran.stdout);
  });
});

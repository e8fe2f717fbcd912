// --jobs: the report rendered from cells run on worker threads is byte-identical to the
// one rendered in one thread (cells are functions of scenario, design, seed and mistake;
// the workers only fill the cache the renderer reads).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designDir } from '../cli/design-fixtures.ts';
import { prefillReport } from '../cli/prefill.ts';
import { getDesign } from '../designs/registry.ts';
import { importDesignModule } from '../designs/load-module.ts';
import { loadScenarioById } from '../scenarios/index.ts';
import { renderReport } from './generate.ts';

const fixed = { package: 'pfnmap-arena', version: '0.0.0-test', node: 'v20', seed: 1, inputsDigest: '0123456789abcdef', commit: null };
// A fail-nth sweep, a driver-mistake scenario (whose mistake matrix copy differs) and a plain one.
const scenarios = ['fail-nth-map-dma', 'driver-skips-open', 'bar-map-dma'].map((id) => loadScenarioById(id));
const designs = ['status-quo', 'private-data'] as const;

describe('arena report --jobs', () => {
  it('writes the same files with 1 and 2 jobs', async () => {
    const scope = { seed: 1, designs, scenarios, provenance: fixed, fuzz: false };
    const one = renderReport({ ...scope, cache: await prefillReport(1, 1, scope) });
    const cache = await prefillReport(1, 2, scope);
    const misses = cache.stats().misses;
    const two = renderReport({ ...scope, cache });
    expect(two.files).toEqual(one.files);
    // The workers ran every cell the renderer asked for: none was run again here.
    expect(misses).toBe(0);
    expect(cache.stats().misses).toBe(0);
    expect(cache.stats().hits).toBeGreaterThan(0);
  });

  it('runs a design loaded from a module in the workers too (passed by its file)', async () => {
    const { designs: [loaded] } = await importDesignModule(join(designDir(), 'file-ref.ts'));
    const scope = { seed: 1, designs: [getDesign('status-quo'), loaded!], scenarios, provenance: fixed, fuzz: false };
    const one = renderReport({ ...scope, cache: await prefillReport(1, 1, scope) });
    const cache = await prefillReport(1, 2, scope);
    expect(cache.stats().misses).toBe(0);
    expect(renderReport({ ...scope, cache }).files).toEqual(one.files);
    expect(cache.stats().misses).toBe(0);
  });
});

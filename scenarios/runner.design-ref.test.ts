// The runner takes a Design object as well as a registered name (tests build weakened
// or trivial variants this way), and a driver mistake in force from the start.
import { describe, expect, it } from 'vitest';
import { DESIGNS } from '../designs/registry.ts';
import { loadScenarioById } from './load.ts';
import { runCell, runScenarios } from './runner.ts';

describe('runner design references', () => {
  const s = loadScenarioById('bar-map-dma');

  it('labels a cell with the Design object\'s own name and runs its code', () => {
    const variant = { ...DESIGNS['private-data'], name: 'private-data-copy' };
    const a = runCell(s, variant, { seed: 1 });
    const b = runCell(s, 'private-data', { seed: 1 });
    expect(a.design).toBe('private-data-copy');
    expect(a.outcome).toBe(b.outcome);
    expect(a.cost).toEqual(b.cost);
  });

  it('applies a preset driver mistake through the obligation runner', () => {
    const clean = runCell(s, 'private-data', { seed: 1 });
    const mistaken = runCell(s, 'private-data', { seed: 1, mistake: { driver: 'vfio-pci', obligation: 'fill-base-pfn', kind: 'omit' } });
    expect(clean.outcome).toBe('ok');
    expect(mistaken.outcome).not.toBe('ok');
    expect(mistaken.evidence.dma?.reached).not.toBe(clean.evidence.dma?.reached);
  });

  it('keeps registry order for names and the given order for objects', () => {
    const names = runScenarios({ scenarios: [s], designs: ['dmabuf-revoke', 'status-quo'] }).map((c) => c.design);
    expect(names).toEqual(['status-quo', 'dmabuf-revoke']);
    const objs = runScenarios({ scenarios: [s], designs: [DESIGNS['dmabuf-revoke'], DESIGNS['status-quo']] }).map((c) => c.design);
    expect(objs).toEqual(['dmabuf-revoke', 'status-quo']);
  });
});

describe('Kernel.validate after every step', () => {
  it('a broken invariant ends the cell as harness-error naming the step', () => {
    const s = loadScenarioById('bar-map-dma');
    let calls = 0;
    const breaking = {
      ...DESIGNS['status-quo'],
      name: 'status-quo-with-broken-validate',
      install(k: Parameters<(typeof DESIGNS)['status-quo']['install']>[0]) {
        k.validate = () => (++calls >= 3 ? ['vma tree: test-only broken invariant'] : []);
        return DESIGNS['status-quo'].install(k);
      },
    };
    const c = runCell(s, breaking, { seed: 1 });
    expect(c.outcome).toBe('harness-error');
    expect(c.evidence.summary).toMatch(/validate after step \d+ [a-z-]+: vma tree: test-only broken invariant/);
  });
});

describe('onSweepRun', () => {
  it('hands over, for every fail point, the very cell a single failNth run gives', () => {
    const s = loadScenarioById('fail-nth-map-dma');
    const seen = new Map<number, ReturnType<typeof runCell>>();
    const swept = runCell(s, 'driver-op', { seed: 1, onSweepRun: (nth, c) => seen.set(nth, c) });
    expect(seen.size).toBe((swept.sweep?.runs.length ?? 0) + 1);
    for (const nth of [0, 1, Math.max(1, seen.size - 1)]) {
      expect(seen.get(nth)).toEqual(runCell(s, 'driver-op', { seed: 1, failNth: nth }));
    }
  });
});

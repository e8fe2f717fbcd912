// The runner on small inline scenarios: symbols, per-step records, the interleaving
// point, fail-nth, the step budget, n/a, harness errors, ordering and determinism.
// Outcomes asserted here hold for every design (no per-design expectations).
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../designs/registry.ts';
import { ResultsJson, toResultsJson } from './result-schema.ts';
import { STEP_BUDGET, runCell, runScenarios } from './runner.ts';
import { Scenario, type ScenarioT } from './schema.ts';

const MiB = 1 << 20;
const IOVA = 0x1_0000_0000;

function scenario(id: string, steps: unknown[], extra: Record<string, unknown> = {}): ScenarioT {
  return Scenario.parse({
    id, title: id, category: 'correctness', origin: 'test', description: 'test',
    setup: {
      devices: [
        { type: 'pci', name: 'gpu', bars: [{ size: 16 * MiB, kind: 'mem32' }] },
        { type: 'pci', name: 'nic', bars: [{ size: MiB, kind: 'mem32' }] },
        { type: 'mdev', name: 'vgpu', pages: 4 },
      ],
      tasks: ['qemu'],
    },
    steps, ...extra,
  });
}

const OPEN = [
  { kind: 'open-device', task: 'qemu', device: 'gpu', as: 'gpufd' },
  { kind: 'open-device', task: 'qemu', device: 'nic', as: 'nicfd' },
  { kind: 'mmap', task: 'qemu', fd: 'gpufd', region: 0, length: 16 * MiB, as: 'bar0' },
];
const MAP = { kind: 'map-dma', task: 'qemu', addr: 'bar0', iova: IOVA, size: 16 * MiB, expect: 'ok' };

describe('runCell records each step', () => {
  const happy = scenario('happy', [...OPEN, MAP, { kind: 'dma-write', device: 'nic', iova: IOVA + 8, value: 5, expect: 'ok' },
    { kind: 'unmap-dma', task: 'qemu', iova: IOVA, size: 16 * MiB, expect: 'ok' }]);

  it.each(DESIGN_NAMES)('%s: values, addresses and DMA records land on their step', (design) => {
    const c = runCell(happy, design, { seed: 1 });
    expect(c.outcome).toBe('ok');
    const byIndex = new Map(c.steps.map((r) => [r.index, r]));
    expect(byIndex.get(-1)?.kind).toBe('setup');
    expect(byIndex.get(-1)?.dmesg.some((l) => l.text.includes('BAR 0: assigned'))).toBe(true);
    expect(byIndex.get(0)?.ret).toBeGreaterThanOrEqual(0);
    expect(byIndex.get(2)?.ret).toBeGreaterThan(0);
    expect(byIndex.get(4)?.dma).toHaveLength(1);
    expect(byIndex.get(4)?.dma[0]?.stale).toBe(false);
    expect(byIndex.get(5)?.ret).toBe(16 * MiB);
    expect(c.steps.at(-1)?.kind).toBe('teardown');
    expect(c.audit).toEqual([]);
    expect(c.cost.pfnLookups).toBeGreaterThan(0);
  });

  it('errnos come back as names, and a refused step with no expectation is rejected', () => {
    const s = scenario('bad-iova', [...OPEN, { ...MAP, iova: IOVA + 1, expect: 'EINVAL' }]);
    const c = runCell(s, 'status-quo', { seed: 1 });
    expect(c.steps.find((r) => r.index === 3)?.ret).toBe('EINVAL');
    expect([c.outcome, c.evidence.errno]).toEqual(['rejected', 'EINVAL']);
  });

  it('a symbol bound by a failed step makes its users skip; the failure itself decides', () => {
    const s = scenario('skip', [
      { kind: 'open-device', task: 'qemu', device: 'gpu', as: 'gpufd' },
      { kind: 'mmap', task: 'qemu', fd: 'gpufd', region: 0, length: 32 * MiB, as: 'bar0', expect: 'EINVAL' },
      { kind: 'cpu-read', task: 'qemu', addr: 'bar0' },
    ]);
    const c = runCell(s, 'status-quo', { seed: 1 });
    const read = c.steps.find((r) => r.index === 2);
    expect(read?.ret).toBe('SKIPPED');
    expect(read?.skipped).toMatch(/addr bar0 does not exist: step 1 mmap returned EINVAL/);
    expect(c.outcome).toBe('rejected');
  });
});

describe('map-dma during: steps at the interleaving point', () => {
  it.each(DESIGN_NAMES)('%s: inner steps run inside the MAP_DMA and are recorded after it', (design) => {
    const s = scenario('race', [...OPEN, { ...MAP, expect: undefined, during: [{ kind: 'munmap', task: 'qemu', addr: 'bar0', length: 16 * MiB }] }]);
    const c = runCell(s, design, { seed: 1 });
    const at3 = c.steps.filter((r) => r.index === 3);
    expect(at3.map((r) => [r.kind, r.inner])).toEqual([['map-dma', undefined], ['munmap', 0]]);
    expect(at3[1]?.ret).toBe(0);
    expect(c.outcome).not.toBe('harness-error');
  });

  it('inner steps are skipped when the MAP_DMA fails before its pfn lookup', () => {
    const s = scenario('early', [...OPEN, { ...MAP, size: 0, expect: 'EINVAL', during: [{ kind: 'munmap', task: 'qemu', addr: 'bar0', length: 16 * MiB }] }]);
    const c = runCell(s, 'status-quo', { seed: 1 });
    const inner = c.steps.find((r) => r.index === 3 && r.inner === 0);
    expect(inner?.skipped).toMatch(/interleaving point/);
  });
});

describe('fault injection', () => {
  it('fail-nth counts from the points reached so far; an injected failure is not a false reject', () => {
    const s = scenario('fail', [...OPEN, { kind: 'fail-nth', nth: 1 }, MAP]);
    for (const design of DESIGN_NAMES) {
      const c = runCell(s, design, { seed: 1 });
      const map = c.steps.find((r) => r.index === 4);
      expect(map?.error, design).toBeDefined();
      expect(map?.injected, design).toBe(true);
      expect(c.outcome, design).not.toBe('false-reject');
    }
  });

  it('a sweep tries every point the steps reach and names the deciding one', () => {
    const s = scenario('sweep', [...OPEN, MAP, { kind: 'unmap-dma', task: 'qemu', iova: IOVA, size: 16 * MiB }], { sweepFailNth: true, category: 'fault-injection' });
    const c = runCell(s, 'status-quo', { seed: 1 });
    expect(c.sweep?.points).toBeGreaterThan(0);
    expect(c.sweep?.runs).toHaveLength(c.sweep?.points ?? -1);
    expect(c.sweep?.runs[0]?.point).toMatch(/^fail-nth 1: \w+ in \w+/);
    expect(c.evidence.failPoint).toMatch(/^fail-nth \d+: /);
    expect(c.evidence.summary.startsWith(c.evidence.failPoint ?? '?')).toBe(true);
  });
});

describe('cells that stop early', () => {
  it('a mistake no design declares is n/a everywhere, and nothing after it runs', () => {
    const s = scenario('na', [{ kind: 'driver-mistake', driver: 'vfio-pci', mistake: 'not-a-mistake' }, ...OPEN]);
    for (const c of runScenarios({ scenarios: [s], seed: 1 })) {
      expect(c.outcome).toBe('n/a');
      expect(c.steps.filter((r) => r.index >= 1)).toEqual([]);
    }
  });

  it('a declared mistake is applied through the design\'s obligation', () => {
    const s = scenario('mistake', [{ kind: 'driver-mistake', driver: 'mdev-ram', mistake: 'skips-open' }]);
    for (const c of runScenarios({ scenarios: [s], seed: 1 })) expect(c.outcome).toBe('ok');
  });

  it('an exception from the core is a harness error and the next cell still runs', () => {
    // An mdev issues no DMA: the Machine throws, which is a bug of ours, not a kernel outcome.
    const bad = scenario('a-throws', [{ kind: 'dma-read', device: 'vgpu', iova: IOVA }]);
    const good = scenario('b-fine', [{ kind: 'open-device', task: 'qemu', device: 'gpu', as: 'gpufd' }]);
    const cells = runScenarios({ scenarios: [good, bad], designs: ['status-quo'], seed: 1 });
    expect(cells.map((c) => [c.scenario, c.outcome])).toEqual([['a-throws', 'harness-error'], ['b-fine', 'ok']]);
    expect(cells[0]?.evidence.summary).toMatch(/step 0 dma-read: .*not a PCI device/);
  });

  it('a symbol no step ever bound is a harness error (a broken scenario)', () => {
    const c = runCell(scenario('unbound', [{ kind: 'close', task: 'qemu', fd: 'nope' }]), 'status-quo', { seed: 1 });
    expect(c.outcome).toBe('harness-error');
    expect(c.evidence.summary).toMatch(/"nope" was never bound/);
  });

  it(`more than ${STEP_BUDGET} steps is a harness error`, () => {
    const steps = Array.from({ length: STEP_BUDGET + 1 }, () => ({ kind: 'fail-nth', nth: 1000 }));
    const c = runCell(scenario('long', steps), 'status-quo', { seed: 1 });
    expect(c.outcome).toBe('harness-error');
    expect(c.evidence.summary).toMatch(/budget/);
  });
});

describe('runScenarios', () => {
  const a = scenario('a-first', [...OPEN]);
  const b = scenario('b-second', [...OPEN, MAP]);

  it('orders cells by scenario id, then DESIGN_NAMES', () => {
    const cells = runScenarios({ scenarios: [b, a], designs: ['dmabuf-revoke', 'status-quo'], seed: 1 });
    expect(cells.map((c) => `${c.scenario}/${c.design}`)).toEqual([
      'a-first/status-quo', 'a-first/dmabuf-revoke', 'b-second/status-quo', 'b-second/dmabuf-revoke',
    ]);
  });

  it('is deterministic for a seed, and its JSON passes the result schema', () => {
    const one = toResultsJson(runScenarios({ scenarios: [a, b], seed: 7 }), 7);
    const two = toResultsJson(runScenarios({ scenarios: [a, b], seed: 7 }), 7);
    expect(two).toEqual(one);
    expect(ResultsJson.safeParse(JSON.parse(JSON.stringify(one))).success).toBe(true);
  });
});

// The target lines and the report on synthetic results: every target states its figure
// and goal, met or missed by the numbers given; suites that did not run say so.
import { describe, expect, it } from 'vitest';
import type { RowResult, SuiteResult } from './harness.ts';
import { benchMarkdown, scalingChart } from './markdown.ts';
import type { BenchReport } from './run.ts';
import { MAP_SIZES, VMA_COUNTS } from './suites/index.ts';
import { computeTargets, targetLine, withinMargin } from './targets.ts';

const DESIGNS = ['status-quo', 'driver-op'] as const;

function r(id: string, medianMs: number, extra: Partial<RowResult> = {}): RowResult {
  return { id, label: id, medianMs, meanMs: medianMs, rme: 1, samples: 10, ...extra };
}

function suite(id: string, rows: RowResult[], extra: Partial<SuiteResult> = {}): SuiteResult {
  return { id, title: id, note: 'note', labelTitle: 'design', ratioTitle: 'status-quo', rows, ...extra };
}

const findVma = suite('find-vma', [
  ...VMA_COUNTS.map((n, i) => r(`spread@${n}`, 1e-4 * (1 + i), { x: n, series: 'spread', label: 'spread' })),
  ...VMA_COUNTS.map((n, i) => r(`local@${n}`, 1e-4 * (1 + i / 10), { x: n, series: 'local', label: 'local' })),
], { chart: { xTitle: 'vmas', labels: { 100: '1e2', 1000: '1e3', 10000: '1e4', 100000: '1e5' } } });

const mapSize = suite('map-size', DESIGNS.flatMap((d) => MAP_SIZES.map((b, i) => r(`${d}@${b}`, d === 'driver-op' && i === MAP_SIZES.length - 1 ? 0.03 : 0.01, {
  x: b, series: d, design: d, label: d,
}))));

const lookup = suite('lookup', [
  r('status-quo', 0.001, { design: 'status-quo', ratio: 1, ratioTo: 'status-quo', counters: { ptWalks: 1, refcountOps: 0 } }),
  r('driver-op', 0.003, { design: 'driver-op', ratio: 3, ratioTo: 'status-quo', counters: { ptWalks: 0, refcountOps: 2 } }),
]);

describe('computeTargets', () => {
  const targets = computeTargets([findVma, mapSize, lookup], { what: 'runScenarios', firstSeconds: 0.5, warmSeconds: 0.25 }, DESIGNS);
  const byId = Object.fromEntries(targets.map((t) => [t.id, t]));

  it('find_vma: ratio of the spread pattern at 1e5 vs 1e2, local one in the detail', () => {
    expect(byId['find-vma-scaling']).toMatchObject({ value: 4, figure: '4.00×', status: 'missed' });
    expect(byId['find-vma-scaling']!.detail).toContain('1.30×');
  });

  it('MAP_DMA 1 GiB vs 4 KiB: the worst design decides', () => {
    expect(byId['map-dma-size']).toMatchObject({ value: 3, status: 'missed' });
    expect(byId['map-dma-size']!.detail).toBe('status-quo 1.00×, driver-op 3.00×');
  });

  it('comparison CPU against 2 s', () => {
    expect(byId['comparison-cpu']).toMatchObject({ value: 0.5, figure: '0.50 s', status: 'met' });
  });

  it('lookup overhead: ratio and counter deltas, no goal', () => {
    const t = byId['lookup-overhead']!;
    expect(t.status).toBe('reported');
    expect(t.figure).toBe('driver-op 3.00× [-1 ptWalks, +2 refcountOps]');
    expect(targetLine(t)).toBe('target pfn lookup overhead against status-quo: driver-op 3.00× [-1 ptWalks, +2 refcountOps]');
  });

  it('a target whose suite did not run is "not measured", never met', () => {
    const none = computeTargets([], null, DESIGNS);
    expect(none.map((t) => t.status)).toEqual(['not measured', 'not measured', 'not measured', 'not measured']);
    expect(targetLine(none[0]!)).toMatch(/^target find_vma .*: n\/a, goal ≤ 3×: not measured/);
  });
});

describe('withinMargin', () => {
  it('overlapping margins are not called different', () => {
    expect(withinMargin(r('a', 1, { rme: 10 }), r('b', 1.15, { rme: 10 }))).toBe(true);
    expect(withinMargin(r('a', 1, { rme: 5 }), r('b', 1.2, { rme: 5 }))).toBe(false);
  });
});

describe('report', () => {
  it('draws a bar table per scaling run: a row per x, a labelled column per series, bars from zero', () => {
    const chart = scalingChart(findVma)!;
    expect(chart).not.toContain('mermaid');
    expect(chart).toContain('| vmas | spread | local |');
    const rows = chart.split('\n').filter((l) => /^\| 1e\d /.test(l));
    expect(rows.map((l) => l.split(' | ')[0])).toEqual(['| 1e2', '| 1e3', '| 1e4', '| 1e5']);
    expect(rows.every((l) => /█+ [\d.]+ \S+ \| █+ [\d.]+ \S+ \|$/.test(l))).toBe(true);
    expect(scalingChart(lookup)).toBeNull();
  });

  it('states machine and Node, carries no date, keeps suite order', () => {
    const report: BenchReport = {
      version: 1, mode: 'quick', rounds: 2, designs: DESIGNS,
      machine: { cpu: 'Test CPU', cores: 2, node: 'v20.0.0', platform: 'linux x64', tinybench: '6.2.4' },
      targets: computeTargets([lookup, findVma], null, DESIGNS), cpu: null, speed: null,
      lookupPath: { workload: ['MAP_DMA + UNMAP_DMA of x'], counters: { 'status-quo': { ptWalks: 1 }, 'driver-op': { ptWalks: 0 } } },
      suites: [lookup, findVma],
    };
    const md = benchMarkdown(report);
    expect(md).toContain('Test CPU, 2 cores, linux x64, Node v20.0.0');
    expect(md).toContain('| driver-op | - | -1 ptWalks |');
    expect(md).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(md.indexOf('(`lookup`)')).toBeLessThan(md.indexOf('(`find-vma`)'));
  });
});

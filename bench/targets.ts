// The four targets of issue 8, each as a figure measured in this run against its goal.
// Timings are advisory: a missed target is reported, never an error.
import { counterDelta, formatDelta } from './counters.ts';
import type { CpuMeasure } from './cpu.ts';
import type { RowResult, SuiteResult } from './harness.ts';
import { BASELINE_DESIGN, MAP_SIZES, VMA_COUNTS } from './suites/index.ts';
import { formatRatio } from './units.ts';

export type TargetStatus = 'met' | 'missed' | 'reported' | 'not measured';

export interface Target {
  readonly id: string;
  readonly title: string;
  readonly goal: string;
  /** The figure the goal is about; absent when its suite did not run or errored. */
  readonly value?: number;
  readonly figure: string;
  readonly status: TargetStatus;
  readonly detail?: string;
}

/** Whether two rows' medians lie inside each other's margin (then they are not called different). */
export function withinMargin(a: RowResult, b: RowResult): boolean {
  if (a.medianMs === undefined || b.medianMs === undefined || a.rme === undefined || b.rme === undefined) return false;
  const lo = (r: RowResult): number => r.medianMs! * (1 - r.rme! / 100);
  const hi = (r: RowResult): number => r.medianMs! * (1 + r.rme! / 100);
  return lo(a) <= hi(b) && lo(b) <= hi(a);
}

function row(suites: readonly SuiteResult[], suite: string, id: string): RowResult | undefined {
  const r = suites.find((s) => s.id === suite)?.rows.find((x) => x.id === id);
  return r?.medianMs !== undefined ? r : undefined;
}

function notMeasured(id: string, title: string, goal: string, why: string): Target {
  return { id, title, goal, figure: 'n/a', status: 'not measured', detail: why };
}

function findVmaTarget(suites: readonly SuiteResult[]): Target {
  const lo = VMA_COUNTS[0];
  const hi = VMA_COUNTS[VMA_COUNTS.length - 1]!;
  const title = `find_vma at ${hi} vmas vs ${lo} vmas (lookups spread over every vma)`;
  const ratio = (pattern: string): number | undefined => {
    const a = row(suites, 'find-vma', `${pattern}@${hi}`);
    const b = row(suites, 'find-vma', `${pattern}@${lo}`);
    return a && b ? a.medianMs! / b.medianMs! : undefined;
  };
  const v = ratio('spread');
  if (v === undefined) return notMeasured('find-vma-scaling', title, '≤ 3×', 'suite find-vma did not run');
  const local = ratio('local');
  const met = v <= 3;
  // Why a miss: the walk is one node scan per level, and 16-slot nodes filled by ascending
  // inserts give depth 2 at 1e2 vmas and 5 at 1e5 (VmaTree.depth); spread lookups then
  // also leave the cache, which the local pattern shows by staying near the depth ratio.
  const cause = 'cause: depth 2 at 1e2 vmas against 5 at 1e5 (16-slot nodes, one scan per level), and at 1e5 spread lookups miss the cache';
  const parts = [...(local !== undefined ? [`local to 64 vmas: ${formatRatio(local)}`] : []), ...(met ? [] : [cause])];
  return {
    id: 'find-vma-scaling', title, goal: '≤ 3×', value: v, figure: formatRatio(v), status: met ? 'met' : 'missed',
    ...(parts.length > 0 ? { detail: parts.join('; ') } : {}),
  };
}

function mapSizeTarget(suites: readonly SuiteResult[], designs: readonly string[]): Target {
  const big = MAP_SIZES[MAP_SIZES.length - 1]!;
  const small = MAP_SIZES[0];
  const title = 'MAP_DMA of 1 GiB PFNMAP vs 4 KiB (worst design)';
  const per = designs.flatMap((d) => {
    const a = row(suites, 'map-size', `${d}@${big}`);
    const b = row(suites, 'map-size', `${d}@${small}`);
    return a && b ? [{ d, v: a.medianMs! / b.medianMs! }] : [];
  });
  if (per.length === 0) return notMeasured('map-dma-size', title, '≤ 2×', 'suite map-size did not run');
  const worst = Math.max(...per.map((p) => p.v));
  return {
    id: 'map-dma-size', title, goal: '≤ 2×', value: worst, figure: formatRatio(worst), status: worst <= 2 ? 'met' : 'missed',
    detail: per.map((p) => `${p.d} ${formatRatio(p.v)}`).join(', '),
  };
}

function cpuTarget(cpu: CpuMeasure | null): Target {
  const title = 'full comparison (every scenario × design), CPU';
  if (!cpu) return notMeasured('comparison-cpu', title, '< 2 s', 'not measured in this run');
  const v = cpu.firstSeconds;
  return {
    id: 'comparison-cpu', title, goal: '< 2 s', value: v, figure: `${v.toFixed(2)} s`, status: v < 2 ? 'met' : 'missed',
    detail: `${cpu.what}, first run in the process; ${cpu.warmSeconds.toFixed(2)} s warm`,
  };
}

function lookupTarget(suites: readonly SuiteResult[], designs: readonly string[]): Target {
  const title = `pfn lookup overhead against ${BASELINE_DESIGN}`;
  const base = row(suites, 'lookup', BASELINE_DESIGN);
  const others = designs.filter((d) => d !== BASELINE_DESIGN).flatMap((d) => {
    const r = row(suites, 'lookup', d);
    return r && base && r.ratio !== undefined ? [{ d, r }] : [];
  });
  if (!base || others.length === 0) return notMeasured('lookup-overhead', title, 'ratio and counter deltas', 'suite lookup did not run');
  const parts = others.map(({ d, r }) => {
    const delta = formatDelta(counterDelta(base.counters ?? {}, r.counters ?? {}));
    return `${d} ${formatRatio(r.ratio!)}${withinMargin(r, base) ? ' (within margin)' : ''} [${delta}]`;
  });
  const worst = Math.max(...others.map((o) => o.r.ratio!));
  return { id: 'lookup-overhead', title, goal: 'ratio and counter deltas', value: worst, figure: parts.join('; '), status: 'reported' };
}

export function computeTargets(suites: readonly SuiteResult[], cpu: CpuMeasure | null, designs: readonly string[]): Target[] {
  return [findVmaTarget(suites), mapSizeTarget(suites, designs), cpuTarget(cpu), lookupTarget(suites, designs)];
}

/** One line per target, as the terminal and the report print them. */
export function targetLine(t: Target): string {
  const detail = t.detail !== undefined && t.status !== 'reported' ? ` (${t.detail})` : '';
  return t.status === 'reported'
    ? `target ${t.title}: ${t.figure}`
    : `target ${t.title}: ${t.figure}, goal ${t.goal}: ${t.status}${detail}`;
}

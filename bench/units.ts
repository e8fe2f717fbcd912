// Number formatting shared by the text tables, the markdown report and the target lines.
import type { Counters } from './counters.ts';

/** Short column names of the cost counters, in COST_KEYS order. */
export const COUNTER_ABBREV: Readonly<Record<string, string>> = {
  vmaLookups: 'vma', ptWalks: 'walk', indirectCalls: 'ind', refcountOps: 'ref', lockAcquisitions: 'lock',
  allocations: 'alloc', iommuMaps: 'map', iommuUnmaps: 'unmap', extentsTouched: 'ext', pfnLookups: 'pfn',
};

export interface TimeUnit {
  readonly name: string;
  /** Milliseconds per unit. */
  readonly ms: number;
}

const UNITS: readonly TimeUnit[] = [
  { name: 'ns', ms: 1e-6 }, { name: 'µs', ms: 1e-3 }, { name: 'ms', ms: 1 }, { name: 's', ms: 1e3 },
];

/** The largest unit in which `ms` is at least 1 (ns for anything smaller). */
export function unitFor(ms: number): TimeUnit {
  let best = UNITS[0]!;
  for (const u of UNITS) if (ms >= u.ms) best = u;
  return best;
}

/** Three significant digits, no exponent. */
export function sig3(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function formatTime(ms: number, unit: TimeUnit = unitFor(ms)): string {
  return `${sig3(ms / unit.ms)} ${unit.name}`;
}

export function formatRatio(r: number): string {
  return `${r.toFixed(2)}×`;
}

export function formatCounters(c: Counters): string {
  const parts = Object.entries(c).filter(([, v]) => v !== 0).map(([k, v]) => `${COUNTER_ABBREV[k] ?? k} ${v}`);
  return parts.length > 0 ? parts.join(' ') : '-';
}

export function counterLegend(): string {
  return Object.entries(COUNTER_ABBREV).map(([k, a]) => `${a} = ${k}`).join(', ');
}

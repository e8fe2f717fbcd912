// The lookup-path counters the gate holds: exact CostCounters of one fixed workload,
// so a design change that adds a vma lookup, a page-table walk or an indirect call on
// type1's PFNMAP path shows up as a number, not as a timing.
//
// The workload, on a fresh rig (fixtures.ts: 1 GiB BAR0 and an 8-page RAM mdev, both
// mmapped; setup is not counted):
//   1. MAP_DMA + UNMAP_DMA of the first page of BAR0
//   2. MAP_DMA + UNMAP_DMA of 512 pages (2 MiB) of BAR0
//   3. MAP_DMA + UNMAP_DMA of the whole 1 GiB BAR0
//   4. MAP_DMA + UNMAP_DMA of all 8 pages of the mdev's RAM (a design that cannot map
//      mdev RAM at all, dmabuf-revoke as merged in v6.19, pays for the refused
//      MAP_DMA and skips the UNMAP_DMA)
// Step 1 is the first touch of BAR0: a design that faults the BAR in (status-quo's
// follow_fault_pfn) pays for it there, as it would on the first real MAP_DMA.
import { COST_KEYS, diffCost, type CostCounters, type Machine } from '../core/index.ts';
import type { DesignRef } from '../scenarios/index.ts';
import { GiB, IOVA_BASE, MDEV_PAGES, PAGE, mapDma, newRig, unmapDma, type Rig } from './fixtures.ts';

export type Counters = Readonly<Record<string, number>>;

interface Leg {
  readonly what: string;
  readonly addr: (rig: Rig) => number;
  readonly bytes: number;
  /** A design may refuse this leg as legitimate use it does not support (a false-reject cell elsewhere). */
  readonly mayRefuse?: true;
}

/** The workload's MAP_DMA + UNMAP_DMA pairs, in order. */
export const LOOKUP_PATH_WORKLOAD: readonly Leg[] = [
  { what: 'BAR0, 1 page', addr: (r) => r.bar0, bytes: PAGE },
  { what: 'BAR0, 512 pages', addr: (r) => r.bar0, bytes: 512 * PAGE },
  { what: 'BAR0, whole 1 GiB', addr: (r) => r.bar0, bytes: GiB },
  { what: 'mdev RAM, 8 pages', addr: (r) => r.mdevRam, bytes: MDEV_PAGES * PAGE, mayRefuse: true },
];

/** A CostCounters as a plain record, keys in COST_KEYS order. */
export function asCounters(c: CostCounters): Counters {
  return Object.fromEntries(COST_KEYS.map((k) => [k, c[k]]));
}

/** The counters one call of `run` adds on machine m (after an untimed `reset`, as the harness times it). */
export function countOnce(m: Machine, run: () => unknown, reset?: () => void): Counters {
  reset?.();
  const before = { ...m.k.cost };
  run();
  return asCounters(diffCost(m.k.cost, before));
}

/**
 * The exact cost counters of the lookup-path workload above on `design`. Pure: the same
 * design and seed give the same counters. Throws if a MAP_DMA or UNMAP_DMA of the
 * workload fails (the counters would then not describe the lookup path).
 */
export function lookupPathCounters(design: DesignRef, seed = 1): Counters {
  const rig = newRig(design, seed);
  const before = { ...rig.m.k.cost };
  for (const leg of LOOKUP_PATH_WORKLOAD) {
    const map = mapDma(rig, leg.addr(rig), IOVA_BASE, leg.bytes);
    if (map !== 0 && leg.mayRefuse) continue;
    if (map !== 0) throw new Error(`lookup-path workload on ${rig.design}: MAP_DMA of ${leg.what} returned ${map}`);
    const unmap = unmapDma(rig, IOVA_BASE, leg.bytes);
    if (unmap !== leg.bytes) throw new Error(`lookup-path workload on ${rig.design}: UNMAP_DMA of ${leg.what} returned ${unmap}`);
  }
  return asCounters(diffCost(rig.m.k.cost, before));
}

/** current - baseline for every key of either (a missing key counts as 0). */
export function counterDelta(baseline: Counters, current: Counters): Counters {
  const keys = [...new Set([...Object.keys(baseline), ...Object.keys(current)])];
  return Object.fromEntries(keys.map((k) => [k, (current[k] ?? 0) - (baseline[k] ?? 0)]));
}

/** "+1 vmaLookups, -2 refcountOps" for the non-zero entries of a delta; "=" when all are 0. */
export function formatDelta(delta: Counters): string {
  const parts = Object.entries(delta).filter(([, v]) => v !== 0).map(([k, v]) => `${v > 0 ? '+' : ''}${v} ${k}`);
  return parts.length > 0 ? parts.join(', ') : '=';
}

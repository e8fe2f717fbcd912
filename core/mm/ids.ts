// Debug ids for vmas, files, mms and pids, counted per kernel so that two kernels in one
// process (tests, the arena's cells) never influence each other's numbering.
import type { KernelBase } from '../kernel/index.ts';

interface Counters {
  vma: number;
  file: number;
  mm: number;
  mapping: number;
}

const perKernel = new WeakMap<KernelBase, Counters>();

/** The next id of that kind in this kernel, from 1. */
export function next_id(k: KernelBase, kind: keyof Counters): number {
  let c = perKernel.get(k);
  if (!c) {
    c = { vma: 0, file: 0, mm: 0, mapping: 0 };
    perKernel.set(k, c);
  }
  c[kind] += 1;
  return c[kind];
}

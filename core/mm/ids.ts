// Debug ids for vmas, files, mms and pids, counted per kernel so that two kernels in one
// process (tests, the arena's cells) never influence each other's numbering. The
// counters live on the kernel (KernelBase.debugIds): a WeakMap from kernel to counters
// cost a WeakMap entry per run and a lookup per id.
import type { KernelBase } from '../kernel/index.ts';

/** The next id of that kind in this kernel, from 1. */
export function next_id(k: KernelBase, kind: keyof KernelBase['debugIds']): number {
  k.debugIds[kind] += 1;
  return k.debugIds[kind];
}

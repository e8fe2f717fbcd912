export { KernelBase, type Current } from './base.ts';
export { BUG, KernelOops, WARN, WARN_ON, hex16, kptr, oops_bad_access, type BugContext, type OopsInfo, type OopsKind } from './bug.ts';
export { COST_KEYS, diffCost, newCostCounters, type CostCounters } from './cost.ts';
export { Dmesg, formatTimestamp, type DmesgLine, type LogLevel } from './dmesg.ts';
export * as errno from './errno.ts';
export { errname } from './errno.ts';
export { ExtentMap, type Continues, type Extent, type Rebase } from './extent_map.ts';
export { FaultInjector, type FaultPoint } from './fault_inject.ts';
export { tohex } from './hex.ts';
export { HZ, TimerList, USEC_PER_SEC, type timer_list } from './timer.ts';
export { Prng, hash32 } from './prng.ts';
export {
  REFCOUNT_SATURATED, refcount_dec, refcount_dec_and_test, refcount_inc, refcount_inc_not_zero,
  refcount_read, refcount_set, refcount_t, type RefcountCtx,
} from './refcount.ts';
export { NULL, Slab, defineSlabType, type Kptr, type SlabObject, type SlabType, type Words } from './slab.ts';

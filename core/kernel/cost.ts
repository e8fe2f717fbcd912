// Deterministic cost counters: exact counts of the operations whose cost the seed thread
// argues about. They never depend on timing, so reports and the gate can compare them.
export interface CostCounters {
  /** find_vma / find_vma_intersection calls. */
  vmaLookups: number;
  /** follow_pte / page-table walks. */
  ptWalks: number;
  /** Calls through an ops table (vm_ops->fault, device->ops->vma_to_pfn, ...). */
  indirectCalls: number;
  /** refcount_t and struct page refcount operations. */
  refcountOps: number;
  /** Lock acquisitions (mmap_lock, memory_lock, ...). */
  lockAcquisitions: number;
  /** kmalloc / alloc_pages calls. */
  allocations: number;
  /** iommu_map calls. */
  iommuMaps: number;
  /** iommu_unmap calls. */
  iommuUnmaps: number;
  /** Extents visited in page tables and IOMMU maps. */
  extentsTouched: number;
  /** Pfn lookups made by type1 for PFNMAP vmas (one per returned run). */
  pfnLookups: number;
}

export const COST_KEYS: readonly (keyof CostCounters)[] = [
  'vmaLookups', 'ptWalks', 'indirectCalls', 'refcountOps', 'lockAcquisitions',
  'allocations', 'iommuMaps', 'iommuUnmaps', 'extentsTouched', 'pfnLookups',
];

export function newCostCounters(): CostCounters {
  return {
    vmaLookups: 0, ptWalks: 0, indirectCalls: 0, refcountOps: 0, lockAcquisitions: 0,
    allocations: 0, iommuMaps: 0, iommuUnmaps: 0, extentsTouched: 0, pfnLookups: 0,
  };
}

export function diffCost(after: CostCounters, before: CostCounters): CostCounters {
  const out = newCostCounters();
  for (const k of COST_KEYS) out[k] = after[k] - before[k];
  return out;
}

// is_invalid_reserved_pfn(), put_pfn() and vfio_unpin_pages_remote() of the type1
// backend (drivers/vfio/vfio_iommu_type1.c, v5.12). type1 keeps no record of which
// pfns it pinned: at unmap it asks is_invalid_reserved_pfn() again for every pfn the
// IOMMU mapped and unpins each one that now has an ordinary page. A PFNMAP pfn was
// never pinned, so if its reserved RAM was freed and reused since MAP_DMA, the unpin
// lands on the new owner's page (mm/gup.c put_compound_head(): VM_BUG_ON_PAGE on a
// CONFIG_DEBUG_VM kernel; see docs/decisions.md for a production kernel).
import type { Kernel } from '../../machine/kernel.ts';
import { unpin_user_pages_dirty_lock } from '../../mm/index.ts';

/** is_invalid_reserved_pfn(): true for a pfn with no struct page or a reserved page. */
export function is_invalid_reserved_pfn(k: Kernel, pfn: number): boolean {
  if (!k.mem.pfn_valid(pfn)) return true;
  return k.mem.pfn_to_page(pfn)?.reserved === true;
}

/** The RAM part [lo, hi) of the pfn run [pfn, pfn+n): only there can a pfn have a struct page. */
function ram_part(k: Kernel, pfn: number, n: number): { lo: number; hi: number } {
  return { lo: Math.max(pfn, k.ramStartPfn), hi: Math.min(pfn + n, k.ramStartPfn + k.ramPages) };
}

/** Every pfn of [pfn, pfn+n) is MMIO or reserved RAM (checks only the RAM part, per page). */
export function run_is_invalid_reserved(k: Kernel, pfn: number, n: number): boolean {
  const { lo, hi } = ram_part(k, pfn, n);
  for (let p = lo; p < hi; p++) if (!is_invalid_reserved_pfn(k, p)) return false;
  return true;
}

/**
 * put_pfn(): unpin the pfn if it has an ordinary page; 1 if it did, 0 if not. The
 * kernel passes prot & IOMMU_WRITE as make_dirty; dirtying is not modelled.
 */
export function put_pfn(k: Kernel, pfn: number): number {
  if (is_invalid_reserved_pfn(k, pfn)) return 0;
  unpin_user_pages_dirty_lock(k, [k.mem.pfn_to_page(pfn)], true);
  return 1;
}

/**
 * vfio_unpin_pages_remote() for a run that type1 mapped without pinning (a PFNMAP
 * run): put_pfn() on every pfn, re-deciding each one now. Extent-based: a pfn outside
 * RAM (a BAR) never has a page, so only the RAM part of the run is visited. Returns
 * the number of pages unpinned.
 */
export function vfio_unpin_pfnmap_run(k: Kernel, pfn: number, npages: number): number {
  const { lo, hi } = ram_part(k, pfn, npages);
  let unlocked = 0;
  for (let p = lo; p < hi; p++) unlocked += put_pfn(k, p);
  return unlocked;
}

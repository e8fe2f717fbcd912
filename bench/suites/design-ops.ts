// Per-design suites on a rig with a 1 GiB BAR0 (fixtures.ts): MAP_DMA + UNMAP_DMA of a
// PFNMAP range, the type1 lookup alone, and the CPU fault path.
import { find_vma, isCrashed, type vm_area_struct } from '../../core/index.ts';
import { mmap_read_lock, mmap_read_unlock, zap_vma_ptes } from '../../core/mm/index.ts';
import type { DesignRef } from '../../scenarios/index.ts';
import { countOnce } from '../counters.ts';
import { GiB, IOVA_BASE, PAGE, TASK, mapUnmap, newRig, type Rig } from '../fixtures.ts';
import type { Prepared, Suite } from '../harness.ts';
import { designName, designRows } from './rows.ts';

/** A rig whose BAR0 has been mapped once, so a design that faults it in has done so. */
function warmRig(d: DesignRef): Rig {
  const rig = newRig(d);
  mapUnmap(rig, rig.bar0, IOVA_BASE, PAGE);
  return rig;
}

function bar0Vma(rig: Rig): vm_area_struct {
  const mm = rig.m.task(TASK).mm;
  const vma = mm ? find_vma(rig.m.k, mm, rig.bar0) : null;
  if (!vma) throw new Error('no vma at BAR0');
  return vma;
}

function mapUnmapSuite(id: string, pages: number, what: string, designs: readonly DesignRef[], iterations: Suite['iterations']): Suite {
  const bytes = pages * PAGE;
  const prepare = (d: DesignRef): Prepared => {
    const rig = warmRig(d);
    const run = (): number => mapUnmap(rig, rig.bar0, IOVA_BASE, bytes);
    return { run, count: () => countOnce(rig.m, run) };
  };
  return {
    id, title: `MAP_DMA + UNMAP_DMA of ${what} of BAR0`, note: `one MAP_DMA and its UNMAP_DMA of ${pages} page(s) of a mmapped BAR`,
    rows: designRows(designs, prepare), iterations,
  };
}

/** type1's PFNMAP lookup alone: the design's pfnmap_lookup (and release of its reference) under mmap_lock. */
function lookupSuite(designs: readonly DesignRef[]): Suite {
  const prepare = (d: DesignRef): Prepared => {
    const rig = warmRig(d);
    const k = rig.m.k;
    const vma = bar0Vma(rig);
    const run = (): number => {
      mmap_read_lock(k, vma.vm_mm);
      try {
        const r = k.design.pfnmap_lookup({ k, vma, vaddr: rig.bar0, iova: 0, npages: 1, write: true, invalidate: () => undefined, remove_dma: () => undefined });
        if (!('pfn' in r)) throw new Error(`${designName(d)}: pfnmap_lookup returned ${r.ret}`);
        if (r.ref) k.design.release(k, r.ref);
        return r.pfn;
      } finally {
        mmap_read_unlock(k, vma.vm_mm);
      }
    };
    return { run, count: () => countOnce(rig.m, run) };
  };
  return {
    id: 'lookup', title: 'type1 PFNMAP lookup alone',
    note: "DesignPatch.pfnmap_lookup of one BAR page (vma already found) and the release of what it took, under mmap_lock for read",
    rows: designRows(designs, prepare), iterations: { full: 1000, quick: 400 },
  };
}

/** The CPU fault path: first touch of BAR0 after its ptes were zapped (the zap is untimed). */
function faultSuite(designs: readonly DesignRef[]): Suite {
  const prepare = (d: DesignRef): Prepared => {
    const rig = newRig(d);
    const vma = bar0Vma(rig);
    const reset = (): void => zap_vma_ptes(rig.m.k, vma, vma.vm_start, vma.vm_end - vma.vm_start);
    const run = (): number => {
      const a = rig.m.cpuAccess(TASK, rig.bar0, false);
      if (isCrashed(a) || a.signal) throw new Error(`${designName(d)}: fault on BAR0 gave ${isCrashed(a) ? 'an oops' : a.signal}`);
      return a.ret;
    };
    return { run, reset, count: () => countOnce(rig.m, run, reset) };
  };
  return {
    id: 'fault', title: 'CPU fault on a BAR mapping',
    note: 'a CPU read of BAR0 with no pte: do_user_addr_fault -> vm_ops->fault -> remap of the whole 1 GiB vma',
    rows: designRows(designs, prepare), iterations: { full: 500, quick: 150 },
  };
}

export function designOpSuites(designs: readonly DesignRef[]): Suite[] {
  return [
    mapUnmapSuite('map-unmap-1p', 1, '1 page', designs, { full: 500, quick: 200 }),
    mapUnmapSuite('map-unmap-512p', 512, '512 pages (2 MiB)', designs, { full: 500, quick: 200 }),
    mapUnmapSuite('map-unmap-bar', GiB / PAGE, 'the whole 1 GiB', designs, { full: 500, quick: 200 }),
    lookupSuite(designs),
    faultSuite(designs),
  ];
}

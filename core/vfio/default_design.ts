// The v5.12 behaviour of type1's PFNMAP lookup point, the core's default: fault in,
// follow_pfn(), map, take no reference, nothing invalidates. designs/status-quo
// registers exactly this; core tests use it without importing designs/.
import { BASE_DRIVER_OBLIGATIONS } from './drivers/obligations.ts';
import type { Design, DesignPatch } from './design.ts';
import { follow_fault_pfn } from './type1/follow.ts';

export function v5_12_type1_patch(): DesignPatch {
  // Methods, not arrow properties: under tsx (esbuild keepNames) a named arrow costs an
  // Object.defineProperty each time it is made, and every fuzzed run installs a design.
  return {
    vfio_mmap(_k, _vdev, _vma, driverMmap) {
      return driverMmap();
    },
    pfnmap_lookup({ k, vma, vaddr, npages, write }) {
      const r = follow_fault_pfn(k, vma, vaddr, write);
      if (typeof r === 'number') return { ret: r };
      return { ret: 0, pfn: r.pfn, npages: Math.min(r.npages, npages), ref: null };
    },
    release(_k, ref) {
      ref.drop();
    },
    sides: {},
  };
}

export const V5_12_DESIGN: Design = {
  name: 'v5.12',
  title: 'v5.12 type1: follow_pfn, no reference',
  origin: 'drivers/vfio/vfio_iommu_type1.c vaddr_get_pfns()/follow_fault_pfn() as of v5.12',
  summary: 'type1 walks the page table and maps the pfn it finds; it holds nothing.',
  obligations: BASE_DRIVER_OBLIGATIONS,
  install: () => v5_12_type1_patch(),
};

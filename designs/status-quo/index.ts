// status-quo: vfio type1 as of v5.12 (March 2021). For a VM_PFNMAP vma,
// vaddr_get_pfns() -> follow_fault_pfn(): fault the page in, follow_pfn(), and map the
// pfn with no reference on the vma, the file, or the device. Nothing tells type1 when
// the memory goes away.
import { BASE_DRIVER_OBLIGATIONS, follow_fault_pfn, type Design, type DesignPatch } from '../../core/index.ts';

export const statusQuo: Design = {
  name: 'status-quo',
  title: 'v5.12 type1: follow_pfn, no reference',
  origin: 'drivers/vfio/vfio_iommu_type1.c vaddr_get_pfns()/follow_fault_pfn() as of v5.12 (the code the seed thread set out to fix)',
  summary: 'type1 walks the page table and maps the pfn it finds; it holds nothing, so the IOMMU keeps pointing at the range after the owner is gone.',
  obligations: BASE_DRIVER_OBLIGATIONS,
  install(): DesignPatch {
    return {
      vfio_mmap: (_k, _vdev, _vma, driverMmap) => driverMmap(),
      pfnmap_lookup({ k, vma, vaddr, npages, write }) {
        const r = follow_fault_pfn(k, vma, vaddr, write);
        if (typeof r === 'number') return { ret: r };
        return { ret: 0, pfn: r.pfn, npages: Math.min(r.npages, npages), ref: null };
      },
      release: (_k, ref) => ref.drop(),
      sides: {},
    };
  },
};

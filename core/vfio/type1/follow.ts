// follow_fault_pfn() of the v5.12 type1 backend (drivers/vfio/vfio_iommu_type1.c):
// walk the page table; if there is no pte, fault the page in with fixup_user_fault()
// and walk again. A write mapping of a pte that is not writable is refused with
// -EFAULT (v5.12 checks pte_write() under the pte lock; a missing pte of a read-only
// vma already fails in fixup_user_fault(FAULT_FLAG_WRITE)). Returns the pfn run that
// the pte extent holds from vaddr on (the later kernel steps over a whole pfnmap
// extent the same way), or -errno.
import { errno } from '../../kernel/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import { FAULT_FLAG_REMOTE, FAULT_FLAG_WRITE, fixup_user_fault, follow_pte, type vm_area_struct } from '../../mm/index.ts';
import type { PfnRun } from '../design.ts';

export function follow_fault_pfn(k: Kernel, vma: vm_area_struct, vaddr: number, write: boolean): PfnRun | number {
  let pte = follow_pte(k, vma, vaddr);
  if (!pte) {
    const ret = fixup_user_fault(k, vma.vm_mm, vaddr, FAULT_FLAG_REMOTE | (write ? FAULT_FLAG_WRITE : 0));
    if (ret) return ret;
    pte = follow_pte(k, vma, vaddr);
    if (!pte) return -errno.EFAULT;
  }
  if (write && !pte.write) return -errno.EFAULT;
  return { pfn: pte.pfn, npages: pte.run };
}

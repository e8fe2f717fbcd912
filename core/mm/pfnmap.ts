// Raw pfn mappings (mm/memory.c, v5.12): inserting pfns into VM_PFNMAP vmas and walking
// the page table back to them. A pfn pte is "special": no struct page reference is held,
// so nothing keeps whatever owns the pfn alive. That is the root of the seed's problem.
import { BUG, WARN } from '../kernel/index.ts';
import { EINVAL } from '../kernel/errno.ts';
import { PAGE_ALIGN, PAGE_ALIGNED, PFN_DOWN } from './align.ts';
import {
  PAGE_SIZE, PROT_NONE, PROT_WRITE, VM_DONTDUMP, VM_DONTEXPAND, VM_FAULT_NOPAGE, VM_FAULT_SIGBUS, VM_IO, VM_MIXEDMAP,
  VM_PFNMAP,
} from './flags.ts';
import type { pte_t } from './pgtable.ts';
import type { MmKernel, pgprot_t, vm_area_struct, vm_fault_t } from './types.ts';
import { is_cow_mapping } from './vma.ts';

function pfn_pte(pfn: number, prot: pgprot_t): pte_t {
  return { pfn, write: (prot & PROT_WRITE) !== 0, prot_none: prot === PROT_NONE, special: true, anon: false };
}

/**
 * vmf_insert_pfn(): maps pfn at addr with vma->vm_page_prot, from a fault handler.
 * Returns VM_FAULT_NOPAGE (also when a pte is already there, which is kept), or
 * VM_FAULT_SIGBUS if addr is outside the vma. BUGs unless the vma is VM_PFNMAP xor
 * VM_MIXEDMAP, on a private (COW) PFNMAP, or on a RAM pfn in a MIXEDMAP.
 */
export function vmf_insert_pfn(k: MmKernel, vma: vm_area_struct, addr: number, pfn: number): vm_fault_t {
  const kind = vma.vm_flags & (VM_PFNMAP | VM_MIXEDMAP);
  if (kind === 0 || kind === (VM_PFNMAP | VM_MIXEDMAP)) BUG(k, 'vmf_insert_pfn_prot', 'mm/memory.c');
  if (kind === VM_PFNMAP && is_cow_mapping(vma.vm_flags)) BUG(k, 'vmf_insert_pfn_prot', 'mm/memory.c');
  if (kind === VM_MIXEDMAP && k.mem.pfn_valid(pfn)) BUG(k, 'vmf_insert_pfn_prot', 'mm/memory.c');
  if (addr < vma.vm_start || addr >= vma.vm_end) return VM_FAULT_SIGBUS;
  const vpn = PFN_DOWN(addr);
  const pgd = vma.vm_mm.pgd;
  if (!pgd.any_present(vpn, vpn + 1)) pgd.set_ptes(vpn, 1, pfn_pte(pfn, vma.vm_page_prot));
  return VM_FAULT_NOPAGE;
}

/**
 * remap_pfn_range(): maps [addr, addr + size) to pfn, pfn + 1, ... as one extent and
 * marks the vma VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP. Returns 0, or -EINVAL
 * (with a WARN) for an unaligned addr, or -EINVAL for a private mapping not remapped
 * whole (which otherwise gets vm_pgoff = pfn). A pte already present BUGs, as
 * remap_pte_range does. Ptes are written even outside the vma, as the kernel would.
 */
export function remap_pfn_range(k: MmKernel, vma: vm_area_struct, addr: number, pfn: number, size: number, prot: pgprot_t): number {
  const end = addr + PAGE_ALIGN(size);
  if (!PAGE_ALIGNED(addr)) {
    WARN(k, 'remap_pfn_range', 'mm/memory.c', '');
    return -EINVAL;
  }
  if (is_cow_mapping(vma.vm_flags)) {
    if (addr !== vma.vm_start || end !== vma.vm_end) return -EINVAL;
    vma.vm_pgoff = pfn;
  }
  vma.vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
  if (addr >= end) BUG(k, 'remap_pfn_range', 'mm/memory.c');
  const pgd = vma.vm_mm.pgd;
  if (pgd.any_present(PFN_DOWN(addr), PFN_DOWN(end))) BUG(k, 'remap_pte_range', 'mm/memory.c');
  pgd.set_ptes(PFN_DOWN(addr), (end - addr) / PAGE_SIZE, pfn_pte(pfn, prot));
  return 0;
}

/** io_remap_pfn_range(): remap_pfn_range on x86. */
export function io_remap_pfn_range(k: MmKernel, vma: vm_area_struct, addr: number, pfn: number, size: number, prot: pgprot_t): number {
  return remap_pfn_range(k, vma, addr, pfn, size, prot);
}

/** What follow_pte() found: the pfn at addr and how many pages from addr follow contiguously (clipped to the vma). */
export interface follow_pte_result {
  readonly pfn: number;
  readonly run: number;
  readonly write: boolean;
}

/**
 * follow_pte(): the present pte at addr, or null if there is none or addr is outside the
 * vma. One page-table walk (ptWalks + 1) however long the run. Like 5.12, no lock is
 * asserted; callers hold mmap_lock.
 */
export function follow_pte(k: MmKernel, vma: vm_area_struct, addr: number): follow_pte_result | null {
  k.cost.ptWalks += 1;
  if (addr < vma.vm_start || addr >= vma.vm_end) return null;
  const vpn = PFN_DOWN(addr);
  const hit = vma.vm_mm.pgd.lookup(vpn);
  if (!hit) return null;
  const toVmaEnd = PFN_DOWN(vma.vm_end) - vpn;
  return { pfn: hit.pte.pfn, run: Math.min(hit.run, toVmaEnd), write: hit.pte.write };
}

/** follow_pfn(): the pfn mapped at addr, or -EINVAL if the vma is neither VM_IO nor VM_PFNMAP, or no pte is present. */
export function follow_pfn(k: MmKernel, vma: vm_area_struct, addr: number): number {
  if (!(vma.vm_flags & (VM_IO | VM_PFNMAP))) return -EINVAL;
  const r = follow_pte(k, vma, addr);
  return r ? r.pfn : -EINVAL;
}

// Pinning user pages for DMA (mm/gup.c, v5.12): pin_user_pages_remote and unpinning.
// Only pages with a struct page can be pinned: VM_IO/VM_PFNMAP vmas are refused with
// -EFAULT (check_vma_flags), which is why vfio type1 walks their page tables instead.
import { EFAULT, ENOMEM } from '../kernel/errno.ts';
import type { page } from '../mem/index.ts';
import { PFN_DOWN, offset_in_page } from './align.ts';
import {
  FAULT_FLAG_REMOTE, FAULT_FLAG_WRITE, FOLL_PIN, FOLL_REMOTE, FOLL_WRITE, PAGE_SIZE, VM_FAULT_ERROR, VM_IO, VM_PFNMAP,
  VM_READ, VM_WRITE,
} from './flags.ts';
import { handle_mm_fault, vm_fault_to_errno } from './memory.ts';
import { mmap_assert_locked } from './mmap_lock.ts';
import type { MmKernel, mm_struct, vm_area_struct } from './types.ts';
import { find_vma } from './vma_tree.ts';

/** check_vma_flags(): 0, or -EFAULT for VM_IO/VM_PFNMAP, a write to a vma without VM_WRITE, a read without VM_READ. */
export function check_vma_flags(vma: vm_area_struct, gup_flags: number): number {
  if (vma.vm_flags & (VM_IO | VM_PFNMAP)) return -EFAULT;
  if (gup_flags & FOLL_WRITE) return vma.vm_flags & VM_WRITE ? 0 : -EFAULT;
  return vma.vm_flags & VM_READ ? 0 : -EFAULT;
}

export interface gup_result {
  /** Pages pinned (> 0, possibly fewer than asked), or -errno when none was. */
  readonly ret: number;
  readonly pages: page[];
}

/**
 * pin_user_pages_remote(): pins nr_pages pages of mm from start (FOLL_PIN: _refcount +
 * GUP_PIN_COUNTING_BIAS each), faulting missing ones in. Returns the number pinned; if
 * that is 0, -EFAULT (no vma, PFNMAP/IO vma, no permission, fault failed), -ENOMEM (fault
 * OOM, or fail-nth 'pin_user_pages' at the start of the call). Needs mmap_lock held.
 * Deviation: a fault that reports success but installs no pte gives -EFAULT instead of
 * looping forever; FOLL_FORCE is not modelled.
 */
export function pin_user_pages_remote(k: MmKernel, mm: mm_struct, start: number, nr_pages: number, gup_flags: number): gup_result {
  mmap_assert_locked(k, mm, '__get_user_pages');
  const pages: page[] = [];
  if (k.should_fail('pin_user_pages', 'pin_user_pages_remote')) return { ret: -ENOMEM, pages };
  const flags = gup_flags | FOLL_PIN | FOLL_REMOTE;
  const fault_flags = (flags & FOLL_WRITE ? FAULT_FLAG_WRITE : 0) | FAULT_FLAG_REMOTE;
  let addr = start - offset_in_page(start);
  let remaining = nr_pages;
  let vma: vm_area_struct | null = null;
  let ret = 0;
  let faultedAt = -1;
  while (remaining > 0) {
    if (!vma || addr >= vma.vm_end) {
      vma = find_vma(k, mm, addr);
      if (!vma || addr < vma.vm_start) {
        ret = -EFAULT;
        break;
      }
      ret = check_vma_flags(vma, flags);
      if (ret) break;
    }
    const hit = mm.pgd.lookup(PFN_DOWN(addr));
    if (!hit || hit.pte.prot_none || (flags & FOLL_WRITE && !hit.pte.write)) {
      if (faultedAt === addr) {
        ret = -EFAULT;
        break;
      }
      const fret = handle_mm_fault(k, vma, addr, fault_flags);
      if (fret & VM_FAULT_ERROR) {
        ret = vm_fault_to_errno(fret);
        break;
      }
      faultedAt = addr;
      continue;
    }
    if (hit.pte.special) {
      ret = -EFAULT; // a VM_MIXEDMAP pfn: no struct page to pin
      break;
    }
    const n = Math.min(hit.run, remaining, (vma.vm_end - addr) / PAGE_SIZE);
    for (let i = 0; i < n; i++) {
      const p = k.mem.pfn_to_page(hit.pte.pfn + i);
      if (!k.mem.pin_user_page(p)) {
        ret = -ENOMEM;
        return { ret: pages.length > 0 ? pages.length : ret, pages };
      }
      pages.push(p);
    }
    addr += n * PAGE_SIZE;
    remaining -= n;
  }
  return { ret: pages.length > 0 ? pages.length : ret, pages };
}

/** unpin_user_page(): drops one FOLL_PIN. */
export function unpin_user_page(k: MmKernel, p: page): void {
  k.mem.unpin_user_page(p);
}

/** unpin_user_pages(): unpin_user_page on each. */
export function unpin_user_pages(k: MmKernel, pages: readonly page[]): void {
  for (const p of pages) k.mem.unpin_user_page(p);
}

/** unpin_user_pages_dirty_lock(): as unpin_user_pages (dirty tracking is not modelled). */
export function unpin_user_pages_dirty_lock(k: MmKernel, pages: readonly page[], _make_dirty: boolean): void {
  unpin_user_pages(k, pages);
}

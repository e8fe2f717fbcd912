// Page faults (mm/memory.c): handle_mm_fault and the paths it takes, plus
// fixup_user_fault (mm/gup.c). Callers hold mmap_lock (read is enough) and have checked
// the access against the vma (access_error / check_vma_flags / vma_permits_fault).
import { oops_bad_access } from '../kernel/index.ts';
import { EFAULT, ENOMEM } from '../kernel/errno.ts';
import type { page } from '../mem/index.ts';
import { PFN_DOWN, offset_in_page } from './align.ts';
import {
  FAULT_FLAG_WRITE, PROT_WRITE, VM_FAULT_ERROR, VM_FAULT_HWPOISON, VM_FAULT_NOPAGE, VM_FAULT_OOM, VM_FAULT_RETRY,
  VM_FAULT_SIGBUS, VM_FAULT_SIGSEGV, VM_FAULT_WRITE, VM_READ, VM_SHARED, VM_WRITE,
} from './flags.ts';
import { mmap_assert_locked } from './mmap_lock.ts';
import type { pte_t } from './pgtable.ts';
import type { MmKernel, mm_struct, vm_area_struct, vm_fault, vm_fault_t } from './types.ts';
import { linear_page_index, vma_is_anonymous } from './vma.ts';
import { find_vma } from './vma_tree.ts';

/** The owner string of anonymous pages of mm: "anon:<comm>/<pid>". */
export function anon_owner(mm: mm_struct): string {
  return mm.owner ? `anon:${mm.owner.comm}/${mm.owner.pid}` : `anon:mm${mm.mm_id}`;
}

function set_pte(vma: vm_area_struct, addr: number, pte: pte_t): void {
  vma.vm_mm.pgd.set_ptes(PFN_DOWN(addr), 1, pte);
}

/** A fresh zeroed anonymous page for vma, or null on OOM. */
function alloc_anon_page(k: MmKernel, vma: vm_area_struct, fn: string): page | null {
  const p = k.mem.alloc_page(anon_owner(vma.vm_mm), fn);
  if (p) k.mem.clear_page(p);
  return p;
}

/**
 * do_anonymous_page(): a zeroed page for an anonymous vma, writable if VM_WRITE.
 * Simplification: a read fault gets its own page too, not the shared zero page.
 */
function do_anonymous_page(k: MmKernel, vma: vm_area_struct, addr: number): vm_fault_t {
  const p = alloc_anon_page(k, vma, 'do_anonymous_page');
  if (!p) return VM_FAULT_OOM;
  set_pte(vma, addr, { pfn: p.pfn, write: (vma.vm_flags & VM_WRITE) !== 0, prot_none: false, special: false, anon: true });
  return 0;
}

/** wp_page_copy(): replaces the pte with a private anonymous copy (data copied when the old pfn is RAM). */
function wp_page_copy(k: MmKernel, vma: vm_area_struct, addr: number, old: pte_t, oldPage: page | null): vm_fault_t {
  const p = alloc_anon_page(k, vma, 'wp_page_copy');
  if (!p) return VM_FAULT_OOM;
  if (k.mem.pfn_valid(old.pfn)) for (const [off, v] of k.mem.pfn_to_page(old.pfn).data) p.data.set(off, v);
  set_pte(vma, addr, { pfn: p.pfn, write: true, prot_none: false, special: false, anon: true });
  if (oldPage) k.mem.put_page(oldPage);
  return VM_FAULT_WRITE;
}

/** do_wp_page(): a write to a present read-only pte of a VM_WRITE vma. Anon pages are reused only when page_count is 1 (5.12). */
function do_wp_page(k: MmKernel, vma: vm_area_struct, addr: number, pte: pte_t): vm_fault_t {
  if (!(vma.vm_flags & VM_WRITE)) return VM_FAULT_SIGSEGV;
  const shared = (vma.vm_flags & VM_SHARED) !== 0;
  const reuse = (): vm_fault_t => {
    set_pte(vma, addr, { ...pte, write: true });
    return VM_FAULT_WRITE;
  };
  if (pte.special) return shared ? reuse() : wp_page_copy(k, vma, addr, pte, null);
  const p = k.mem.pfn_to_page(pte.pfn);
  if (pte.anon) return p._refcount === 1 || shared ? reuse() : wp_page_copy(k, vma, addr, pte, p);
  return shared ? reuse() : wp_page_copy(k, vma, addr, pte, p);
}

/** do_fault(): a file vma; ->fault installs a pfn (VM_FAULT_NOPAGE) or returns a page for us to map. */
function do_fault(k: MmKernel, vma: vm_area_struct, addr: number, flags: number): vm_fault_t {
  const fault = vma.vm_ops?.fault;
  if (!fault) return VM_FAULT_SIGBUS;
  const vmf: vm_fault = { vma, address: addr, pgoff: linear_page_index(vma, addr), flags, page: null };
  k.cost.indirectCalls += 1;
  const ret = fault(vmf);
  if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE | VM_FAULT_RETRY)) return ret;
  // __do_fault dereferences vmf->page (PageHWPoison) when ->fault returned 0.
  const p = vmf.page as page | null;
  if (!p) return oops_bad_access(k, '__do_fault', 0x8);
  const write = (flags & FAULT_FLAG_WRITE) !== 0;
  if (write && !(vma.vm_flags & VM_SHARED)) {
    // do_cow_fault(): private file mapping written: a private copy, the file page released.
    const cow = alloc_anon_page(k, vma, 'do_cow_fault');
    if (!cow) {
      k.mem.put_page(p);
      return VM_FAULT_OOM;
    }
    for (const [off, v] of p.data) cow.data.set(off, v);
    k.mem.put_page(p);
    set_pte(vma, addr, { pfn: cow.pfn, write: true, prot_none: false, special: false, anon: true });
    return ret;
  }
  if (vma.vm_mm.pgd.any_present(PFN_DOWN(addr), PFN_DOWN(addr) + 1)) {
    k.mem.put_page(p);
    return ret | VM_FAULT_NOPAGE;
  }
  // finish_fault(): the pte takes over the reference ->fault took.
  set_pte(vma, addr, { pfn: p.pfn, write: (vma.vm_page_prot & PROT_WRITE) !== 0, prot_none: false, special: false, anon: false });
  return ret;
}

/** handle_mm_fault(): fills or upgrades the pte at address; 0 or VM_FAULT_* bits. mmap_lock must be held. */
export function handle_mm_fault(k: MmKernel, vma: vm_area_struct, address: number, flags: number): vm_fault_t {
  mmap_assert_locked(k, vma.vm_mm, 'handle_mm_fault');
  if (address < vma.vm_start || address >= vma.vm_end) {
    throw new Error(`handle_mm_fault: ${address.toString(16)} is outside vma ${vma.id}`);
  }
  const addr = address - offset_in_page(address);
  const hit = vma.vm_mm.pgd.lookup(PFN_DOWN(addr));
  if (!hit) return vma_is_anonymous(vma) ? do_anonymous_page(k, vma, addr) : do_fault(k, vma, addr, flags);
  if ((flags & FAULT_FLAG_WRITE) && !hit.pte.write) return do_wp_page(k, vma, addr, hit.pte);
  return 0;
}

/** vm_fault_to_errno(): -ENOMEM for OOM, -EFAULT for SIGBUS/SIGSEGV/HWPOISON, else 0. */
export function vm_fault_to_errno(ret: vm_fault_t): number {
  if (ret & VM_FAULT_OOM) return -ENOMEM;
  if (ret & (VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON)) return -EFAULT;
  return 0;
}

/** vma_permits_fault(): the vma allows a read (or, with FAULT_FLAG_WRITE, a write). */
export function vma_permits_fault(vma: vm_area_struct, fault_flags: number): boolean {
  const need = fault_flags & FAULT_FLAG_WRITE ? VM_WRITE : VM_READ;
  return (vma.vm_flags & need) !== 0;
}

/** fixup_user_fault(): faults address in for the kernel; 0, -EFAULT (no vma, not permitted, SIGBUS) or -ENOMEM. Needs mmap_lock. */
export function fixup_user_fault(k: MmKernel, mm: mm_struct, address: number, fault_flags: number): number {
  mmap_assert_locked(k, mm, 'fixup_user_fault');
  const vma = find_vma(k, mm, address);
  if (!vma || address < vma.vm_start) return -EFAULT;
  if (!vma_permits_fault(vma, fault_flags)) return -EFAULT;
  const ret = handle_mm_fault(k, vma, address, fault_flags);
  if (ret & VM_FAULT_ERROR) return vm_fault_to_errno(ret);
  return 0;
}

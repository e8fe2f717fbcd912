// Changing protection (mm/mprotect.c, v5.12): do_mprotect_pkey, mprotect_fixup,
// change_protection. Adjacent vmas are not merged afterwards (see NOTES.md).
import { EACCES, EINVAL, ENOMEM } from '../kernel/errno.ts';
import { PAGE_ALIGN, PAGE_ALIGNED, PFN_DOWN } from './align.ts';
import { PROT_EXEC, PROT_NONE, PROT_READ, PROT_WRITE, VM_EXEC, VM_READ, VM_WRITE } from './flags.ts';
import { calc_vm_prot_bits } from './mmap.ts';
import { mmap_write_lock, mmap_write_unlock } from './mmap_lock.ts';
import { split_vma } from './munmap.ts';
import { task_mm } from './task.ts';
import type { MmKernel, mm_struct, task_struct, vm_area_struct } from './types.ts';
import { vm_get_page_prot } from './vma.ts';
import { find_vma } from './vma_tree.ts';

/**
 * change_protection(): re-protects the present ptes of [start, end). Write permission is
 * only taken away; a write to a pte left read-only upgrades it on fault (do_wp_page).
 */
function change_protection(mm: mm_struct, start: number, end: number, vm_flags: number): void {
  const prot_none = vm_get_page_prot(vm_flags) === PROT_NONE;
  const writable = (vm_flags & VM_WRITE) !== 0;
  for (const e of mm.pgd.extents(PFN_DOWN(start), PFN_DOWN(end))) {
    const pte = { ...e.value, prot_none, write: e.value.write && writable };
    if (pte.prot_none !== e.value.prot_none || pte.write !== e.value.write) mm.pgd.set_ptes(e.start, e.end - e.start, pte);
  }
}

/**
 * mprotect_fixup(): gives [start, end) of vma the new flags, splitting it so that
 * exactly that range changes. Returns { err, prev } where prev is the vma now covering
 * the range (or vma itself when nothing changed).
 */
function mprotect_fixup(
  k: MmKernel, mm: mm_struct, vma: vm_area_struct, start: number, end: number, newflags: number,
): { err: number; prev: vm_area_struct } {
  if (newflags === vma.vm_flags) return { err: 0, prev: vma };
  if (start !== vma.vm_start) {
    const err = split_vma(k, mm, vma, start, true);
    if (err) return { err, prev: vma };
  }
  if (end !== vma.vm_end) {
    const err = split_vma(k, mm, vma, end, false);
    if (err) return { err, prev: vma };
  }
  vma.vm_flags = newflags;
  vma.vm_page_prot = vm_get_page_prot(newflags);
  change_protection(mm, start, end, newflags);
  return { err: 0, prev: vma };
}

/**
 * sys_mprotect(): sets PROT_READ/PROT_WRITE/PROT_EXEC on [start, start + len). Returns 0
 * (also for len 0), -EINVAL for an unaligned start or unknown prot bits, -ENOMEM if any
 * part of the range is unmapped (vmas before the hole keep their new protection, as in
 * Linux), -EACCES if a vma may not get that protection (VM_MAY* cleared), or a split error.
 */
export function sys_mprotect(k: MmKernel, task: task_struct, start: number, len: number, prot: number): number {
  if (!PAGE_ALIGNED(start)) return -EINVAL;
  if (!len) return 0;
  len = PAGE_ALIGN(len);
  const end = start + len;
  if (end <= start) return -ENOMEM;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) return -EINVAL;
  const mm = task_mm(task, 'mprotect');
  mmap_write_lock(k, mm);
  const ret = mprotect_locked(k, mm, start, end, prot);
  mmap_write_unlock(k, mm);
  return ret;
}

function mprotect_locked(k: MmKernel, mm: mm_struct, start: number, end: number, prot: number): number {
  let vma = find_vma(k, mm, start);
  if (!vma || vma.vm_start > start) return -ENOMEM;
  let nstart = start;
  for (;;) {
    const newflags = calc_vm_prot_bits(prot) | (vma.vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
    // newflags >> 4 puts VM_MAY* where VM_* are.
    if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC)) return -EACCES;
    const tmp = Math.min(vma.vm_end, end);
    const { err, prev } = mprotect_fixup(k, mm, vma, nstart, tmp, newflags);
    if (err) return err;
    nstart = Math.max(tmp, prev.vm_end);
    if (nstart >= end) return 0;
    const next = mm.mm_rb.next(prev);
    if (!next || next.vm_start !== nstart) return -ENOMEM;
    vma = next;
  }
}

// Splitting and unmapping vmas (mm/mmap.c, v5.12): __split_vma, split_vma, __do_munmap,
// sys_munmap. The pairing drivers rely on: every vma made by a split gets vm_ops->open,
// every vma removed gets vm_ops->close.
import { EINVAL, ENOMEM } from '../kernel/errno.ts';
import { PAGE_ALIGN, PAGE_ALIGNED } from './align.ts';
import { PAGE_SIZE, TASK_SIZE, sysctl_max_map_count } from './flags.ts';
import { get_file } from './file.ts';
import { mmap_assert_write_locked, mmap_write_lock, mmap_write_unlock } from './mmap_lock.ts';
import { task_mm } from './task.ts';
import type { MmKernel, mm_struct, task_struct, vm_area_struct } from './types.ts';
import { remove_vma, unlink_file_vma, vm_area_dup, vma_adjust } from './vma.ts';
import { find_vma } from './vma_tree.ts';
import { unmap_vmas, zap_pte_range } from './zap.ts';

/**
 * __split_vma(): cuts vma at addr (page aligned, strictly inside). The new vma is the
 * part below addr if new_below, else the part above; the upper part's vm_pgoff moves by
 * the pages cut off its front. Returns 0, or the -errno of vm_ops->may_split (nothing changed).
 */
export function __split_vma(k: MmKernel, mm: mm_struct, vma: vm_area_struct, addr: number, new_below: boolean): number {
  if (addr <= vma.vm_start || addr >= vma.vm_end || !PAGE_ALIGNED(addr)) {
    throw new Error(`__split_vma: ${addr.toString(16)} is not inside vma ${vma.id}`);
  }
  if (vma.vm_ops?.may_split) {
    k.cost.indirectCalls += 1;
    const err = vma.vm_ops.may_split(vma, addr);
    if (err) return err;
  }
  const nv = vm_area_dup(k, vma);
  if (new_below) nv.vm_end = addr;
  else {
    nv.vm_start = addr;
    nv.vm_pgoff += (addr - vma.vm_start) / PAGE_SIZE;
  }
  if (nv.vm_file) get_file(k, nv.vm_file);
  if (nv.vm_ops?.open) {
    k.cost.indirectCalls += 1;
    nv.vm_ops.open(nv);
  }
  if (new_below) vma_adjust(mm, vma, addr, vma.vm_end, vma.vm_pgoff + (addr - nv.vm_start) / PAGE_SIZE, nv);
  else vma_adjust(mm, vma, vma.vm_start, addr, vma.vm_pgoff, nv);
  return 0;
}

/** split_vma(): __split_vma, or -ENOMEM when the mm already has sysctl_max_map_count vmas. */
export function split_vma(k: MmKernel, mm: mm_struct, vma: vm_area_struct, addr: number, new_below: boolean): number {
  if (mm.mm_rb.size >= sysctl_max_map_count) return -ENOMEM;
  return __split_vma(k, mm, vma, addr, new_below);
}

/**
 * unmap_region() + remove_vma_list(): the vmas are already out of the tree; zap their
 * ptes, unlink them from their files, then close and fput each.
 */
function unmap_and_remove(k: MmKernel, mm: mm_struct, vmas: readonly vm_area_struct[], start: number, end: number): void {
  unmap_vmas(k, mm, vmas, start, end);
  for (const vma of vmas) unlink_file_vma(vma);
  for (const vma of vmas) remove_vma(k, vma);
}

/**
 * __do_munmap(): unmaps [start, start + PAGE_ALIGN(len)), splitting vmas at both edges.
 * Returns 0 (also when nothing is mapped there), -EINVAL for an unaligned start, a zero
 * or too large len, -ENOMEM at the map count limit, or a may_split error (a split made
 * at the start edge stays). mmap_lock must be held for write.
 */
export function do_munmap(k: MmKernel, mm: mm_struct, start: number, len: number): number {
  mmap_assert_write_locked(k, mm, '__do_munmap');
  if (!PAGE_ALIGNED(start) || start > TASK_SIZE || len > TASK_SIZE - start) return -EINVAL;
  len = PAGE_ALIGN(len);
  const end = start + len;
  if (len === 0) return -EINVAL;
  const vma = find_vma(k, mm, start);
  if (!vma || vma.vm_start >= end) return 0;
  if (start > vma.vm_start) {
    if (end < vma.vm_end && mm.mm_rb.size >= sysctl_max_map_count) return -ENOMEM;
    const err = __split_vma(k, mm, vma, start, false);
    if (err) return err;
  }
  const last = find_vma(k, mm, end);
  if (last && end > last.vm_start) {
    const err = __split_vma(k, mm, last, end, true);
    if (err) return err;
  }
  // detach_vmas_to_be_unmapped()
  const victims = mm.mm_rb.range(start, end);
  for (const v of victims) mm.mm_rb.remove(v);
  unmap_and_remove(k, mm, victims, start, end);
  return 0;
}

/** sys_munmap(): do_munmap under mmap_write_lock. */
export function sys_munmap(k: MmKernel, task: task_struct, addr: number, len: number): number {
  const mm = task_mm(task, 'munmap');
  mmap_write_lock(k, mm);
  const ret = do_munmap(k, mm, addr, len);
  mmap_write_unlock(k, mm);
  return ret;
}

/** Removes every vma of mm (exit_mmap's unmap_vmas + free_pgtables + remove_vma loop). */
export function unmap_all(k: MmKernel, mm: mm_struct): void {
  const vmas = mm.mm_rb.toArray();
  for (const v of vmas) mm.mm_rb.remove(v);
  unmap_and_remove(k, mm, vmas, 0, TASK_SIZE);
  // Ptes a driver wrote outside any vma go with the page tables (free_pgtables).
  zap_pte_range(k, mm, 0, TASK_SIZE);
}

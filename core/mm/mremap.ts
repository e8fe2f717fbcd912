// Resizing and moving mappings (mm/mremap.c, v5.12): sys_mremap, mremap_to, vma_to_resize,
// move_vma, copy_vma, move_page_tables. A move keeps vm_pgoff; the new vma gets
// vm_ops->open and the old one vm_ops->close through do_munmap.
import { EFAULT, EINVAL, ENOMEM } from '../kernel/errno.ts';
import { PAGE_ALIGN, PAGE_ALIGNED, PFN_DOWN } from './align.ts';
import {
  MAP_FIXED, MAP_SHARED, MREMAP_FIXED, MREMAP_MAYMOVE, PAGE_SIZE, TASK_SIZE, VM_DONTEXPAND, VM_MAYSHARE, VM_PFNMAP,
  VM_SHARED, sysctl_max_map_count,
} from './flags.ts';
import { get_file } from './file.ts';
import { get_unmapped_area } from './mmap.ts';
import { mmap_write_lock, mmap_write_unlock } from './mmap_lock.ts';
import { do_munmap } from './munmap.ts';
import { task_mm } from './task.ts';
import type { MmKernel, mm_struct, task_struct, vm_area_struct } from './types.ts';
import { vm_area_dup, vma_adjust, vma_link } from './vma.ts';
import { find_vma } from './vma_tree.ts';

/** move_page_tables(): moves the ptes of [old, old + len) to new_addr; returns len (cannot fail here). */
function move_page_tables(mm: mm_struct, old_addr: number, new_addr: number, len: number): number {
  const delta = PFN_DOWN(new_addr) - PFN_DOWN(old_addr);
  const moved = mm.pgd.clear(PFN_DOWN(old_addr), PFN_DOWN(old_addr + len));
  for (const e of moved) mm.pgd.set_ptes(e.start + delta, e.end - e.start, e.value);
  return len;
}

/**
 * vma_to_resize(): the vma at addr if [addr, addr + old_len) lies in it and it may grow
 * to new_len, else -EFAULT (no vma there, range crosses its end, or growing a
 * VM_DONTEXPAND/VM_PFNMAP vma) or -EINVAL (old_len 0 on a private mapping).
 */
function vma_to_resize(k: MmKernel, mm: mm_struct, addr: number, old_len: number, new_len: number): vm_area_struct | number {
  const vma = find_vma(k, mm, addr);
  if (!vma || vma.vm_start > addr) return -EFAULT;
  if (!old_len && !(vma.vm_flags & (VM_SHARED | VM_MAYSHARE))) return -EINVAL;
  if (old_len > vma.vm_end - addr) return -EFAULT;
  if (new_len === old_len) return vma;
  if (vma.vm_flags & (VM_DONTEXPAND | VM_PFNMAP)) return -EFAULT;
  return vma;
}

/** copy_vma(): a copy of vma at [addr, addr + len) with vm_pgoff pgoff, file reference and vm_ops->open, linked. */
function copy_vma(k: MmKernel, mm: mm_struct, vma: vm_area_struct, addr: number, len: number, pgoff: number): vm_area_struct {
  const nv = vm_area_dup(k, vma);
  nv.vm_start = addr;
  nv.vm_end = addr + len;
  nv.vm_pgoff = pgoff;
  if (nv.vm_file) get_file(k, nv.vm_file);
  if (nv.vm_ops?.open) {
    k.cost.indirectCalls += 1;
    nv.vm_ops.open(nv);
  }
  vma_link(mm, nv);
  return nv;
}

/**
 * move_vma(): maps [old_addr, old_addr + old_len) of vma at new_addr with new_len, moves
 * the ptes, tells the driver (vm_ops->mremap), unmaps the old range. Returns new_addr, or
 * -errno from may_split or ->mremap (then the new copy is unmapped instead).
 */
function move_vma(
  k: MmKernel, mm: mm_struct, vma: vm_area_struct, old_addr: number, old_len: number, new_len: number, new_addr: number,
): number {
  if (mm.mm_rb.size >= sysctl_max_map_count - 3) return -ENOMEM;
  const may_split = vma.vm_ops?.may_split;
  if (may_split) {
    let err = 0;
    if (vma.vm_start !== old_addr) {
      k.cost.indirectCalls += 1;
      err = may_split(vma, old_addr);
    }
    if (!err && vma.vm_end !== old_addr + old_len) {
      k.cost.indirectCalls += 1;
      err = may_split(vma, old_addr + old_len);
    }
    if (err) return err;
  }
  const new_pgoff = vma.vm_pgoff + (old_addr - vma.vm_start) / PAGE_SIZE;
  const nv = copy_vma(k, mm, vma, new_addr, new_len, new_pgoff);
  const moved = move_page_tables(mm, old_addr, new_addr, old_len);
  let err = 0;
  if (moved < old_len) err = -ENOMEM;
  else if (vma.vm_ops?.mremap) {
    k.cost.indirectCalls += 1;
    err = vma.vm_ops.mremap(nv);
  }
  let ret = new_addr;
  if (err) {
    move_page_tables(mm, new_addr, old_addr, moved);
    old_addr = new_addr;
    old_len = new_len;
    ret = err;
  }
  do_munmap(k, mm, old_addr, old_len);
  return ret;
}

/** mremap_to(): MREMAP_FIXED: -EINVAL for an unaligned, out of range or overlapping new_addr; else unmap there and move. */
function mremap_to(k: MmKernel, mm: mm_struct, addr: number, old_len: number, new_addr: number, new_len: number): number {
  if (!PAGE_ALIGNED(new_addr)) return -EINVAL;
  if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len) return -EINVAL;
  if (addr + old_len > new_addr && new_addr + new_len > addr) return -EINVAL;
  if (mm.mm_rb.size + 2 >= sysctl_max_map_count - 3) return -ENOMEM;
  let ret = do_munmap(k, mm, new_addr, new_len);
  if (ret) return ret;
  if (old_len >= new_len) {
    ret = do_munmap(k, mm, addr + new_len, old_len - new_len);
    if (ret && old_len !== new_len) return ret;
    old_len = new_len;
  }
  const vma = vma_to_resize(k, mm, addr, old_len, new_len);
  if (typeof vma === 'number') return vma;
  const map_flags = vma.vm_flags & VM_MAYSHARE ? MAP_SHARED : 0;
  const got = get_unmapped_area(mm, new_addr, new_len, map_flags);
  if (got < 0) return got;
  return move_vma(k, mm, vma, addr, old_len, new_len, new_addr);
}

/** vma_expandable(): nothing mapped in the delta bytes after vma and still below TASK_SIZE. */
function vma_expandable(mm: mm_struct, vma: vm_area_struct, delta: number): boolean {
  const end = vma.vm_end + delta;
  const next = mm.mm_rb.next(vma);
  if (next && next.vm_start < end) return false;
  return get_unmapped_area(mm, vma.vm_start, end - vma.vm_start, MAP_FIXED) >= 0;
}

function mremap_locked(
  k: MmKernel, mm: mm_struct, addr: number, old_len: number, new_len: number, flags: number, new_addr: number,
): number {
  if (flags & MREMAP_FIXED) return mremap_to(k, mm, addr, old_len, new_addr, new_len);
  // Always allow a shrinking remap: that just unmaps the tail (no vma check, as in 5.12).
  if (old_len >= new_len) {
    const ret = do_munmap(k, mm, addr + new_len, old_len - new_len);
    if (ret < 0 && old_len !== new_len) return ret;
    return addr;
  }
  const vma = vma_to_resize(k, mm, addr, old_len, new_len);
  if (typeof vma === 'number') return vma;
  if (old_len === vma.vm_end - addr && vma_expandable(mm, vma, new_len - old_len)) {
    vma_adjust(mm, vma, vma.vm_start, addr + new_len, vma.vm_pgoff, null);
    return addr;
  }
  if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
  const map_flags = vma.vm_flags & VM_MAYSHARE ? MAP_SHARED : 0;
  const dest = get_unmapped_area(mm, 0, new_len, map_flags);
  if (dest < 0) return dest;
  return move_vma(k, mm, vma, addr, old_len, new_len, dest);
}

/**
 * sys_mremap(): shrinks in place, grows in place, or moves (MREMAP_MAYMOVE, or
 * MREMAP_FIXED to new_addr). Returns the address, or -EINVAL (unknown flags, FIXED
 * without MAYMOVE, unaligned addr, new_len 0), -EFAULT (no vma at addr, range crosses
 * the vma end, growing VM_DONTEXPAND/VM_PFNMAP), -ENOMEM (cannot grow in place and may
 * not move, or no room), or a driver's may_split/->mremap error.
 */
export function sys_mremap(
  k: MmKernel, task: task_struct, addr: number, old_len: number, new_len: number, flags: number, new_addr: number,
): number {
  if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE)) return -EINVAL;
  if (flags & MREMAP_FIXED && !(flags & MREMAP_MAYMOVE)) return -EINVAL;
  if (!PAGE_ALIGNED(addr)) return -EINVAL;
  old_len = PAGE_ALIGN(old_len);
  new_len = PAGE_ALIGN(new_len);
  if (!new_len) return -EINVAL;
  const mm = task_mm(task, 'mremap');
  mmap_write_lock(k, mm);
  const ret = mremap_locked(k, mm, addr, old_len, new_len, flags, new_addr);
  mmap_write_unlock(k, mm);
  return ret;
}

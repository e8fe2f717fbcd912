// Creating mappings (mm/mmap.c, mm/util.c, arch/x86/kernel/sys_x86_64.c, v5.12):
// get_unmapped_area, do_mmap, mmap_region, sys_mmap.
import { EBADF, EINVAL, ENODEV, ENOMEM } from '../kernel/errno.ts';
import { PAGE_ALIGN, PAGE_ALIGNED, PFN_DOWN } from './align.ts';
import {
  MAP_ANONYMOUS, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, MAP_TYPE, PROT_EXEC, PROT_READ, PROT_WRITE, TASK_SIZE,
  VM_MAYEXEC, VM_MAYREAD, VM_MAYSHARE, VM_MAYWRITE, VM_SHARED, mmap_min_addr, sysctl_max_map_count,
} from './flags.ts';
import { fput, get_file } from './file.ts';
import { mmap_assert_write_locked, mmap_write_lock, mmap_write_unlock } from './mmap_lock.ts';
import { do_munmap } from './munmap.ts';
import { fget } from './syscalls.ts';
import { task_mm } from './task.ts';
import type { MmKernel, file, mm_struct, task_struct } from './types.ts';
import { vm_area_alloc, vm_get_page_prot, vma_link } from './vma.ts';
import { zap_pte_range } from './zap.ts';

/** calc_vm_prot_bits(): PROT_* to VM_READ/VM_WRITE/VM_EXEC (same bit values). */
export function calc_vm_prot_bits(prot: number): number {
  return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

/**
 * get_unmapped_area(): arch_get_unmapped_area, bottom-up first fit from mm->mmap_base.
 * MAP_FIXED returns addr itself; a free, page-rounded hint is honoured. Returns the
 * address, -ENOMEM if len does not fit, or -EINVAL for an unaligned MAP_FIXED address.
 */
export function get_unmapped_area(mm: mm_struct, addr: number, len: number, flags: number): number {
  if (len > TASK_SIZE) return -ENOMEM;
  let found: number;
  if (flags & MAP_FIXED) found = addr;
  else {
    found = -1;
    if (addr) {
      const hint = PAGE_ALIGN(addr);
      const next = mm.mm_rb.find(hint);
      if (hint >= mmap_min_addr && hint <= TASK_SIZE - len && (!next || hint + len <= next.vm_start)) found = hint;
    }
    if (found < 0) found = mm.mm_rb.unmapped_area(len, mm.mmap_base, TASK_SIZE);
    if (found < 0) return -ENOMEM;
  }
  if (found > TASK_SIZE - len) return -ENOMEM;
  if (!PAGE_ALIGNED(found)) return -EINVAL;
  return found;
}

/**
 * mmap_region(): unmaps whatever is in [addr, addr + len) (MAP_FIXED), builds the vma,
 * calls file->f_op->mmap with a file reference taken, and links the vma into the tree
 * and the file's i_mmap. If ->mmap fails, the ptes it may have set are zapped and the vma
 * is freed without vm_ops->close; the error is returned.
 */
function mmap_region(
  k: MmKernel, mm: mm_struct, f: file | null, addr: number, len: number, vm_flags: number, pgoff: number,
): number {
  // munmap_vma_range(): only MAP_FIXED can land on existing vmas.
  if (mm.mm_rb.range(addr, addr + len).length > 0 && do_munmap(k, mm, addr, len) < 0) return -ENOMEM;
  const vma = vm_area_alloc(k, mm);
  vma.vm_start = addr;
  vma.vm_end = addr + len;
  vma.vm_flags = vm_flags;
  vma.vm_page_prot = vm_get_page_prot(vm_flags);
  vma.vm_pgoff = pgoff;
  if (f) {
    vma.vm_file = get_file(k, f);
    k.cost.indirectCalls += 1;
    const err = f.f_op.mmap!(f, vma);
    if (err) {
      vma.vm_file = null;
      fput(k, f);
      zap_pte_range(k, mm, vma.vm_start, vma.vm_end);
      return err;
    }
    if (vma.vm_start !== addr) throw new Error(`${f.name}: ->mmap moved the vma`);
  } else {
    vma.vm_ops = null; // vma_set_anonymous(); a MAP_SHARED anon area stays anon here, not shmem
  }
  vma_link(mm, vma);
  return addr;
}

/**
 * do_mmap(): checks the request, finds the address and maps it. Returns the address, or
 * -EINVAL (len 0, bad map type, unaligned MAP_FIXED), -ENOMEM (no room, too many vmas),
 * -ENODEV (the file cannot be mmapped), or the ->mmap error. mmap_lock held for write.
 */
export function do_mmap(
  k: MmKernel, mm: mm_struct, f: file | null, addr: number, len: number, prot: number, flags: number, pgoff: number,
): number {
  mmap_assert_write_locked(k, mm, 'do_mmap');
  if (!len) return -EINVAL;
  len = PAGE_ALIGN(len);
  if (len > TASK_SIZE) return -ENOMEM;
  if (mm.mm_rb.size > sysctl_max_map_count) return -ENOMEM;
  addr = get_unmapped_area(mm, addr, len, flags);
  if (addr < 0) return addr;
  let vm_flags = calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
  const type = flags & MAP_TYPE;
  if (type !== MAP_SHARED && type !== MAP_PRIVATE) return -EINVAL;
  if (type === MAP_SHARED) vm_flags |= VM_SHARED | VM_MAYSHARE;
  if (f) {
    if (!f.f_op.mmap) return -ENODEV;
  } else {
    // Anonymous: shared areas ignore pgoff; private ones are indexed by address.
    pgoff = type === MAP_SHARED ? 0 : PFN_DOWN(addr);
  }
  return mmap_region(k, mm, f, addr, len, vm_flags, pgoff);
}

/**
 * sys_mmap(): returns the mapped address or -errno: -EINVAL for an offset that is not
 * page aligned, -EBADF for a bad fd (unless MAP_ANONYMOUS), then as do_mmap.
 */
export function sys_mmap(
  k: MmKernel, task: task_struct, addr: number, len: number, prot: number, flags: number, fd: number, offset: number,
): number {
  if (!PAGE_ALIGNED(offset) || offset < 0) return -EINVAL;
  const mm = task_mm(task, 'mmap');
  let f: file | null = null;
  if (!(flags & MAP_ANONYMOUS)) {
    f = fget(k, task, fd);
    if (!f) return -EBADF;
  }
  mmap_write_lock(k, mm);
  const ret = do_mmap(k, mm, f, addr, len, prot, flags, PFN_DOWN(offset));
  mmap_write_unlock(k, mm);
  if (f) fput(k, f);
  return ret;
}

// fork (kernel/fork.c dup_mmap/copy_process, mm/memory.c copy_page_range, v5.12).
import { ENOMEM } from '../kernel/errno.ts';
import { PFN_DOWN } from './align.ts';
import { VM_DONTCOPY, VM_MIXEDMAP, VM_PFNMAP, VM_SHARED, VM_WIPEONFORK } from './flags.ts';
import { fput, get_file } from './file.ts';
import { anon_owner } from './memory.ts';
import { mmap_write_lock, mmap_write_unlock } from './mmap_lock.ts';
import { mmput } from './exit.ts';
import { mm_alloc, new_task, type TaskTable } from './task.ts';
import type { MmKernel, file, mm_struct, task_struct, vm_area_struct } from './types.ts';
import { is_cow_mapping, vm_area_dup, vma_link } from './vma.ts';

/**
 * copy_page_range(): copies the ptes of src into dst (same addresses, in the child mm).
 * Returns 0 or -ENOMEM. What is copied:
 *  - special (pfn) ptes of VM_PFNMAP/VM_MIXEDMAP vmas, always, as extents; write-protected
 *    in both mms for a private (COW) mapping;
 *  - anonymous pages of a private vma: copied eagerly into new pages for the child
 *    (a simplification of COW that 5.12 itself does for DMA-pinned pages);
 *  - anonymous pages of a MAP_SHARED|MAP_ANONYMOUS vma: shared (get_page), as shmem would;
 *  - file pages (from ->fault) are not copied: the child faults them in again, as Linux
 *    does for vmas without an anon_vma.
 */
export function copy_page_range(k: MmKernel, dst: vm_area_struct, src: vm_area_struct): number {
  const from = src.vm_mm.pgd;
  const to = dst.vm_mm.pgd;
  const cow = is_cow_mapping(src.vm_flags);
  const pfnmap = (src.vm_flags & (VM_PFNMAP | VM_MIXEDMAP)) !== 0;
  for (const e of from.extents(PFN_DOWN(src.vm_start), PFN_DOWN(src.vm_end))) {
    const pte = e.value;
    const n = e.end - e.start;
    if (pte.special) {
      if (!pfnmap) continue;
      const copy = cow ? { ...pte, write: false } : pte;
      if (cow && pte.write) from.set_ptes(e.start, n, copy);
      to.set_ptes(e.start, n, copy);
      continue;
    }
    if (!pte.anon) continue;
    for (let i = 0; i < n; i++) {
      const old = k.mem.pfn_to_page(pte.pfn + i);
      if (src.vm_flags & VM_SHARED) {
        k.mem.get_page(old);
        to.set_ptes(e.start + i, 1, { ...pte, pfn: old.pfn });
        continue;
      }
      const p = k.mem.alloc_page(anon_owner(dst.vm_mm), 'copy_page_range');
      if (!p) return -ENOMEM;
      k.mem.clear_page(p);
      for (const [off, v] of old.data) p.data.set(off, v);
      to.set_ptes(e.start + i, 1, { ...pte, pfn: p.pfn });
    }
  }
  return 0;
}

/**
 * dup_mmap(): copies every vma of oldmm without VM_DONTCOPY into mm, taking a file
 * reference, linking it into the file's i_mmap, copying ptes, then calling
 * vm_ops->open (also when the copy failed: the caller's mmput closes it). 0 or -ENOMEM.
 */
export function dup_mmap(k: MmKernel, mm: mm_struct, oldmm: mm_struct): number {
  mmap_write_lock(k, oldmm, 'dup_mmap');
  mmap_write_lock(k, mm, 'dup_mmap');
  let ret = 0;
  mm.mmap_base = oldmm.mmap_base;
  for (const mpnt of oldmm.mm_rb) {
    if (mpnt.vm_flags & VM_DONTCOPY) continue;
    const tmp = vm_area_dup(k, mpnt);
    tmp.vm_mm = mm;
    if (tmp.vm_file) get_file(k, tmp.vm_file);
    vma_link(mm, tmp);
    if (!(tmp.vm_flags & VM_WIPEONFORK)) ret = copy_page_range(k, tmp, mpnt);
    if (tmp.vm_ops?.open) {
      k.cost.indirectCalls += 1;
      tmp.vm_ops.open(tmp);
    }
    if (ret) break;
  }
  mmap_write_unlock(k, mm, 'dup_mmap');
  mmap_write_unlock(k, oldmm, 'dup_mmap');
  return ret;
}

/** dup_fd(): the child's fd table, each entry holding a new file reference. */
function dup_fd(k: MmKernel, parent: task_struct): Map<number, file> {
  const files = new Map<number, file>();
  for (const [fd, f] of parent.files) files.set(fd, get_file(k, f));
  return files;
}

/**
 * sys_fork(): copy_process: duplicates the fd table and the mm. Returns the child's pid
 * (the task is in `tasks`), or -ENOMEM if copying failed; then everything the copy took
 * is released (vmas closed, file references dropped) and the pid is not reused.
 */
export function sys_fork(k: MmKernel, tasks: TaskTable, parent: task_struct): number {
  const oldmm = parent.mm;
  if (!oldmm) throw new Error(`fork from task ${parent.comm}/${parent.pid} which has no mm`);
  const files = dup_fd(k, parent);
  const mm = mm_alloc(k);
  const child = new_task(tasks.alloc_pid(), parent.comm, mm, files);
  const ret = dup_mmap(k, mm, oldmm);
  if (ret) {
    child.mm = null;
    child.state = 'dead';
    mmput(k, mm);
    for (const f of files.values()) fput(k, f);
    files.clear();
    return ret;
  }
  tasks.attach(child);
  return child.pid;
}

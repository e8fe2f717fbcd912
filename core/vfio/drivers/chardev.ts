// A non-vfio character device that also makes VM_PFNMAP vmas, as many drivers do:
// open allocates a contiguous reserved kernel buffer, mmap remaps it with
// remap_pfn_range (mmap time, not fault time), and the last close frees it. Nothing
// here knows vfio exists, so "this vma is not vfio's" can be tested.
import { errno } from '../../kernel/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import {
  PAGE_SIZE, alloc_file, fd_install, remap_pfn_range, type file, type task_struct,
} from '../../mm/index.ts';

export const CHARDEV_DRIVER = 'chardev';

export interface chardev_buf {
  readonly pfn: number;
  readonly npages: number;
}

/** open("/dev/pfnmap-demo"): returns the fd, or -ENOMEM. */
export function chardev_open(k: Kernel, task: task_struct, npages: number): number {
  const first = k.mem.alloc_contig(npages, `chardev:${task.comm}/${task.pid}`, 'pfnmap_demo_open');
  if (first < 0) return -errno.ENOMEM;
  for (let i = 0; i < npages; i++) k.mem.SetPageReserved(k.mem.pfn_to_page(first + i)!);
  const buf: chardev_buf = { pfn: first, npages };
  const f: file = alloc_file(k, 'pfnmap-demo', {
    mmap(_f, vma) {
      const len = vma.vm_end - vma.vm_start;
      if (vma.vm_pgoff + len / PAGE_SIZE > buf.npages) return -errno.EINVAL;
      return remap_pfn_range(k, vma, vma.vm_start, buf.pfn + vma.vm_pgoff, len, vma.vm_page_prot);
    },
    release() {
      for (let i = 0; i < buf.npages; i++) {
        const p = k.mem.pfn_to_page(buf.pfn + i);
        if (!p) continue;
        k.mem.ClearPageReserved(p);
        k.mem.put_page(p);
      }
    },
  }, buf);
  return fd_install(task, f);
}

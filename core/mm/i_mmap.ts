// mapping->i_mmap: the vmas of every process that map one file, queried by file page
// range (mm/interval_tree.c, vma_interval_tree_foreach). The kernel keys an interval
// tree by [vm_pgoff, vm_pgoff + vma_pages - 1]; a file here is mapped by a handful of
// vmas, so a set scanned per query gives the same answers without re-keying on split.
import { PAGE_SIZE } from './flags.ts';
import type { vm_area_struct } from './types.ts';

export class i_mmap_tree {
  private readonly vmas = new Set<vm_area_struct>();

  get size(): number {
    return this.vmas.size;
  }

  /** vma_interval_tree_insert(). Linking a vma twice is a bug of ours. */
  insert(vma: vm_area_struct): void {
    if (this.vmas.has(vma)) throw new Error(`i_mmap: vma ${vma.id} is already linked`);
    this.vmas.add(vma);
  }

  /** vma_interval_tree_remove(). Unlinking a vma that is not there is a bug of ours. */
  remove(vma: vm_area_struct): void {
    if (!this.vmas.delete(vma)) throw new Error(`i_mmap: vma ${vma.id} is not linked`);
  }

  has(vma: vm_area_struct): boolean {
    return this.vmas.has(vma);
  }

  /** vma_interval_tree_foreach(): the vmas mapping any file page in [first, last] (inclusive), by link order. */
  query(first: number, last: number): vm_area_struct[] {
    const out: vm_area_struct[] = [];
    for (const vma of this.vmas) {
      const vba = vma.vm_pgoff;
      const vea = vba + (vma.vm_end - vma.vm_start) / PAGE_SIZE - 1;
      if (vba <= last && vea >= first) out.push(vma);
    }
    return out;
  }

  all(): vm_area_struct[] {
    return [...this.vmas];
  }
}

// VFIO_IOMMU_UNMAP_DMA (vfio_dma_do_unmap, vfio_remove_dma, vfio_unmap_unpin):
// removes whole mappings inside the range and reports the bytes unmapped; a range
// that would split a mapping at either end is -EINVAL; the walk stops at a mapping
// made from another address space. vfio_iommu_type1_release removes them all.
import { errno } from '../../kernel/index.ts';
import { iommu_unmap } from '../../iommu/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import { PAGE_SIZE, put_task_struct, unpin_user_pages, type task_struct } from '../../mm/index.ts';
import { type dma_run, type vfio_dma, type vfio_iommu } from './vfio_iommu.ts';

/** Take one run out of the IOMMU; drop its pins and (unless keepRef) its design reference. */
export function vfio_unmap_run(k: Kernel, iommu: vfio_iommu, run: dma_run, opts: { keepRef?: boolean } = {}): void {
  if (run.mapped) {
    iommu_unmap(k, iommu.domain, run.iova, run.npages * PAGE_SIZE);
    run.mapped = false;
  }
  if (opts.keepRef) return;
  if (run.pages) unpin_user_pages(k, run.pages);
  if (run.ref) k.design.release(k, run.ref);
}

/** vfio_remove_dma(): unmap and unpin everything, free the vfio_dma. */
export function vfio_remove_dma(k: Kernel, iommu: vfio_iommu, dma: vfio_dma): void {
  for (const run of dma.runs) vfio_unmap_run(k, iommu, run);
  dma.runs.length = 0;
  const first = dma.iova / PAGE_SIZE;
  const ext = iommu.dma_list.find(first);
  if (ext && ext.value === dma) iommu.dma_list.remove(ext.start, ext.end);
  k.slab.kfree(dma.kaddr, 'vfio_remove_dma');
  // v5.12 vfio_remove_dma: the task reference vfio_dma_do_map took goes with the vfio_dma.
  put_task_struct(k, dma.task);
  iommu.dma_avail += 1;
}

/**
 * vfio_dma_do_unmap(): bytes unmapped (>= 0), or -EINVAL. `current` is the calling task:
 * v5.12 lets only the address space that mapped a vfio_dma unmap it, and stops the walk
 * (returning success with the bytes unmapped so far) at the first vfio_dma whose
 * dma->task->mm is not current->mm, so also at one whose task has exited (mm NULL).
 */
export function vfio_dma_do_unmap(k: Kernel, iommu: vfio_iommu, iova: number, size: number, current: task_struct): number {
  if (iova % PAGE_SIZE !== 0 || !size || size % PAGE_SIZE !== 0 || iova < 0 || size < 0) return -errno.EINVAL;
  const first = iova / PAGE_SIZE;
  const end = first + size / PAGE_SIZE;
  const head = iommu.dma_list.find(first);
  if (head && head.start !== first) return -errno.EINVAL;
  const tail = iommu.dma_list.find(end - 1);
  if (tail && tail.end !== end) return -errno.EINVAL;
  let unmapped = 0;
  const seen = new Set<vfio_dma>();
  for (const e of iommu.dma_list.overlapping(first, end)) seen.add(e.value);
  for (const dma of seen) {
    if (dma.task.mm !== current.mm) break;
    unmapped += (iommu.dma_list.find(dma.iova / PAGE_SIZE)?.end ?? 0) * PAGE_SIZE - dma.iova;
    vfio_remove_dma(k, iommu, dma);
  }
  return unmapped;
}

/**
 * vfio_iommu_type1_release() (v5.12, called when the last group leaves the container,
 * after its detach): every vfio_dma is removed (vfio_iommu_unmap_unpin_all), whoever
 * mapped it and whether or not that task still exists; then the domain is freed. An
 * IOMMU mapping still in the domain after that was tracked by no vfio_dma: the teardown
 * audit reports it.
 */
export function vfio_iommu_type1_release(k: Kernel, iommu: vfio_iommu): void {
  const all = new Set(iommu.dma_list.all().map((e) => e.value));
  for (const dma of all) vfio_remove_dma(k, iommu, dma);
  for (const e of iommu.domain.map.all()) {
    k.vfio.releaseLeftovers.push(`iommu domain ${iommu.domain.id}: iova page 0x${e.start.toString(16)}+${e.end - e.start} still mapped at type1 release`);
  }
  k.iommu.iommu_domain_free(iommu.domain);
}

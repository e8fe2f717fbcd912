// VFIO_IOMMU_UNMAP_DMA (vfio_dma_do_unmap, vfio_remove_dma, vfio_unmap_unpin):
// removes whole mappings inside the range and reports the bytes unmapped; a range
// that would split a mapping at either end is -EINVAL; the walk stops at a mapping
// made from another address space. vfio_iommu_type1_release removes them all.
import { errno } from '../../kernel/index.ts';
import { iommu_unmap } from '../../iommu/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import { PAGE_SIZE, put_task_struct, unpin_user_pages, type task_struct } from '../../mm/index.ts';
import { vfio_unpin_pfnmap_run } from './put_pfn.ts';
import { SIZE_MAX, U64_MAX, VFIO_DMA_UNMAP_FLAG_ALL, u64_range_wraps, type vfio_iommu_type1_dma_unmap } from './uapi.ts';
import { type dma_run, type vfio_dma, type vfio_iommu } from './vfio_iommu.ts';

/**
 * Take one run out of the IOMMU; drop its pins and (unless keepRef) its design reference.
 * A PFNMAP run still in the IOMMU goes through put_pfn() for each pfn, as v5.12
 * vfio_unmap_unpin() does with every pfn iommu_iova_to_phys() still finds: a pfn that
 * now has an ordinary page is unpinned although type1 never pinned it.
 */
export function vfio_unmap_run(k: Kernel, iommu: vfio_iommu, run: dma_run, opts: { keepRef?: boolean } = {}): void {
  if (run.mapped) {
    iommu_unmap(k, iommu.domain, run.iova, run.npages * PAGE_SIZE);
    run.mapped = false;
    if (!run.pages && run.put_pfn) vfio_unpin_pfnmap_run(k, run.pfn, run.npages);
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
 * vfio_dma_do_unmap() (v5.12): bytes unmapped (>= 0), or -EINVAL. The uapi checks run on
 * the exact __u64 values: unknown flags, unaligned iova, VFIO_DMA_UNMAP_FLAG_ALL with a
 * nonzero iova or size, size 0 or unaligned, `iova + size - 1` wrapping (v5.12 -EINVAL;
 * since v6.18 -EOVERFLOW), size > SIZE_MAX; then (not for ALL) the v2 rule that the
 * range may not bisect a mapping at either end. `current` is the calling task: v5.12
 * lets only the address space that mapped a vfio_dma unmap it, and stops the walk
 * (returning success with the bytes unmapped so far) at the first vfio_dma whose
 * dma->task->mm is not current->mm, so also at one whose task has exited (mm NULL).
 */
export function vfio_dma_do_unmap(k: Kernel, iommu: vfio_iommu, unmap: vfio_iommu_type1_dma_unmap, current: task_struct): number {
  const page = BigInt(PAGE_SIZE);
  const all = (unmap.flags & VFIO_DMA_UNMAP_FLAG_ALL) !== 0;
  if (unmap.flags & ~VFIO_DMA_UNMAP_FLAG_ALL) return -errno.EINVAL;
  if (unmap.iova % page !== 0n) return -errno.EINVAL;
  let size = unmap.size;
  if (all) {
    if (unmap.iova || size) return -errno.EINVAL;
    size = U64_MAX;
  } else if (!size || size % page !== 0n || u64_range_wraps(unmap.iova, size) || size > SIZE_MAX) {
    return -errno.EINVAL;
  }
  // Page numbers of a u64 range end at 2^52: exact as numbers.
  const first = Number(unmap.iova / page);
  const end = all ? 2 ** 52 : Number((unmap.iova + size) / page);
  if (!all) {
    const head = iommu.dma_list.find(first);
    if (head && head.start !== first) return -errno.EINVAL;
    const tail = iommu.dma_list.find(end - 1);
    if (tail && tail.end !== end) return -errno.EINVAL;
  }
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

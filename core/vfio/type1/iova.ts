// The container's valid IOVA ranges (v5.12 drivers/vfio/vfio_iommu_type1.c): on group
// attach, vfio_iommu_aper_resize() clips iova_list to the domain's aperture and
// vfio_iommu_resv_exclude() cuts out every reserved region (on x86 the MSI window
// 0xfee00000-0xfeefffff). vfio_iommu_iova_dma_valid() accepts a MAP_DMA only if it lies
// inside one range; a container with no IOMMU-backed group (a single mdev) has an empty
// list and accepts any IOVA. We derive the list from the domain's groups on each call
// instead of keeping it, which gives the same answer.
import { X86_IOMMU_GEOMETRY, iommu_get_group_resv_regions } from '../../iommu/index.ts';
import type { vfio_iommu } from './vfio_iommu.ts';

/** struct vfio_iova: [start, end], both inclusive, as u64. */
export interface vfio_iova {
  readonly start: bigint;
  readonly end: bigint;
}

const ATTACHED_LIST = buildIovaList();

/** iova_list of the container. */
export function vfio_iommu_iova_list(iommu: vfio_iommu): readonly vfio_iova[] {
  return iommu.domain.groups.size === 0 ? [] : ATTACHED_LIST;
}

/** The aperture minus every reserved region (the same for every group on this machine). */
function buildIovaList(): readonly vfio_iova[] {
  let list: vfio_iova[] = [{ start: BigInt(X86_IOMMU_GEOMETRY.aperture_start), end: BigInt(X86_IOMMU_GEOMETRY.aperture_end) }];
  for (const r of iommu_get_group_resv_regions()) {
    const rs = BigInt(r.start);
    const re = rs + BigInt(r.length) - 1n;
    list = list.flatMap((n) => {
      if (re < n.start || rs > n.end) return [n];
      const out: vfio_iova[] = [];
      if (n.start < rs) out.push({ start: n.start, end: rs - 1n });
      if (re < n.end) out.push({ start: re + 1n, end: n.end });
      return out;
    });
  }
  return list;
}

/** vfio_iommu_iova_dma_valid(): [start, end] (inclusive) inside one valid range, or no list at all. */
export function vfio_iommu_iova_dma_valid(iommu: vfio_iommu, start: bigint, end: bigint): boolean {
  const list = vfio_iommu_iova_list(iommu);
  return list.length === 0 || list.some((n) => start >= n.start && end <= n.end);
}

// The type1 backend's side of a container (drivers/vfio/vfio_iommu_type1.c, v5.12):
// vfio_iommu_type1_open (VFIO_SET_IOMMU), vfio_iommu_type1_attach_group and
// vfio_iommu_type1_detach_group. The kernel allocates one iommu_domain per attached
// group that needs its own (and an "external domain" for mdev groups); we give each
// vfio_iommu one domain at open, attach every iommu group to it, and free it at release.
import { iommu_attach_group, iommu_detach_group } from '../../iommu/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import type { vfio_group } from '../container.ts';
import { new_vfio_iommu, type vfio_iommu } from './vfio_iommu.ts';

/** vfio_iommu_type1_open(): a vfio_iommu with an empty dma tree and dma_entry_limit slots. */
export function vfio_iommu_type1_open(k: Kernel): vfio_iommu {
  const domain = k.iommu.iommu_domain_alloc();
  return new_vfio_iommu(domain.id, domain, k.dmaEntryLimit);
}

/**
 * vfio_iommu_type1_attach_group(): the group's devices now translate through the
 * container's domain. 0, or -errno from iommu_attach_group(). An mdev group has no iommu
 * group (the kernel's external domain): nothing to attach.
 */
export function vfio_iommu_type1_attach_group(_k: Kernel, iommu: vfio_iommu, group: vfio_group): number {
  if (!group.iommu_group) return 0;
  return iommu_attach_group(iommu.domain, group.iommu_group);
}

/** vfio_iommu_type1_detach_group(): the group's DMA no longer reaches this container's mappings. */
export function vfio_iommu_type1_detach_group(_k: Kernel, iommu: vfio_iommu, group: vfio_group): void {
  if (group.iommu_group) iommu_detach_group(iommu.domain, group.iommu_group);
}

// core/iommu: groups, unmanaged domains with extent-based IOVA page tables, and device
// DMA through them, judged against the ghost owner recorded at map time.
export { device_dma, judge } from './dma.ts';
export { DmaLog, type DmaRecord, type DmaResult, type StaleReason } from './dma_log.ts';
export { iommu_attach_group, iommu_detach_group, iommu_group_id } from './group.ts';
export {
  X86_IOMMU_GEOMETRY, X86_MSI_RESV_REGION, iommu_get_group_resv_regions, type iommu_domain_geometry, type iommu_resv_region,
} from './geometry.ts';
export { Iommu } from './iommu.ts';
export { iommu_domain_validate, iommu_iova_to_phys, iommu_map, iommu_unmap } from './map.ts';
export { IOMMU_READ, IOMMU_WRITE, type IovaPte, type OwnerLookup, type iommu_domain, type iommu_group } from './types.ts';
// DmaRecord.hit is a PhysBus Owner; re-exported so DMA readers need not import core/pci.
export { type Owner } from '../pci/index.ts';

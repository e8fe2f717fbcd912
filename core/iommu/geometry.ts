// What an x86 (Intel VT-d) unmanaged domain can translate and what it must not: the
// domain geometry (drivers/iommu/intel/iommu.c, v5.12: aperture_end is
// __DOMAIN_MAX_ADDR(gaw), 48 bits with 4-level tables) and the reserved regions every
// device reports (intel_iommu_get_resv_regions(): the IOAPIC/MSI window
// 0xfee00000-0xfeefffff as IOMMU_RESV_MSI; RMRRs are not modelled).

/** iommu_domain_geometry: the IOVA range the domain translates, both ends inclusive. */
export interface iommu_domain_geometry {
  readonly aperture_start: number;
  readonly aperture_end: number;
}

/** struct iommu_resv_region: [start, start + length) must not be mapped for DMA. */
export interface iommu_resv_region {
  readonly start: number;
  readonly length: number;
  readonly type: 'IOMMU_RESV_MSI' | 'IOMMU_RESV_DIRECT';
}

/** 4-level VT-d: 48-bit IOVA space. */
export const X86_IOMMU_GEOMETRY: iommu_domain_geometry = { aperture_start: 0, aperture_end: 2 ** 48 - 1 };

/** IOAPIC_RANGE_START .. IOAPIC_RANGE_END (drivers/iommu/intel/iommu.c). */
export const X86_MSI_RESV_REGION: iommu_resv_region = { start: 0xfee0_0000, length: 0x10_0000, type: 'IOMMU_RESV_MSI' };

/** iommu_get_group_resv_regions() for any group on this machine. */
export function iommu_get_group_resv_regions(): readonly iommu_resv_region[] {
  return [X86_MSI_RESV_REGION];
}

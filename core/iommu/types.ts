// struct iommu_domain and struct iommu_group (include/linux/iommu.h, drivers/iommu/
// iommu.c), cut down: one group per device, unmanaged (vfio) domains only. A domain's
// page table is an extent map keyed by IOVA page number; one iommu_map() call is one
// extent whatever its size, as a large IOMMU page would be.
import { type ExtentMap } from '../kernel/index.ts';
import { type Owner, type pci_dev } from '../pci/index.ts';

export const IOMMU_READ = 1;
export const IOMMU_WRITE = 2;

/** One IOMMU translation: IOVA page -> pfn with permissions, plus ghost fields. */
export interface IovaPte {
  readonly pfn: number;
  /** IOMMU_READ | IOMMU_WRITE. */
  readonly prot: number;
  /** Ghost: tick of the iommu_map() that made it. */
  readonly mapTick: number;
  /** Ghost: who owned the first mapped pfn at map time, e.g. "mmio 0000:01:00.0 BAR0". */
  readonly intended: string;
}

/** Ghost: how iommu_map() learns what it is mapping (the machine's PhysBus). */
export interface OwnerLookup {
  ownerOf(pfn: number): Owner;
}

export interface iommu_domain {
  readonly id: number;
  readonly type: 'IOMMU_DOMAIN_UNMANAGED';
  /** IOVA page number -> IovaPte. */
  readonly map: ExtentMap<IovaPte>;
  /** Groups attached to this domain. */
  readonly groups: Set<iommu_group>;
  readonly ghost: OwnerLookup;
  freed: boolean;
}

export interface iommu_group {
  readonly id: number;
  readonly devices: pci_dev[];
  /** The domain the group's DMA goes through; null means every DMA is blocked. */
  domain: iommu_domain | null;
}

// struct vfio_iommu and struct vfio_dma of the type1 backend
// (drivers/vfio/vfio_iommu_type1.c). The dma tree is keyed by IOVA page and holds
// whole vfio_dma objects; each vfio_dma records the runs it mapped and what was
// taken for each (pinned pages, or a design's reference for a PFNMAP run).
import { ExtentMap, defineSlabType, type Kptr } from '../../kernel/index.ts';
import type { iommu_domain } from '../../iommu/index.ts';
import type { page } from '../../mem/index.ts';
import type { task_struct } from '../../mm/index.ts';
import type { DmaRef } from '../design.ts';

export const VFIO_DMA_MAP_FLAG_READ = 1 << 0;
export const VFIO_DMA_MAP_FLAG_WRITE = 1 << 1;
/** Default of the dma_entry_limit module parameter. */
export const DMA_ENTRY_LIMIT_DEFAULT = 65535;

export interface dma_run {
  readonly iova: number;
  readonly pfn: number;
  readonly npages: number;
  /** Pinned RAM pages (their pins are dropped on unmap), or null for a PFNMAP run. */
  readonly pages: readonly page[] | null;
  readonly ref: DmaRef | null;
  /** Still in the IOMMU (false after a design-driven invalidation). */
  mapped: boolean;
  /**
   * Unmapping this run ends in type1's put_pfn() for each of its pfns (v5.12
   * vfio_unmap_unpin -> vfio_unpin_pages_remote). False only for a run whose importer
   * never goes through put_pfn (an iommufd dma-buf area: PfnmapLookup.unpin 'none').
   */
  readonly put_pfn: boolean;
}

export interface vfio_dma {
  readonly iova: number;
  readonly vaddr: number;
  /** Bytes mapped so far (grows while vfio_pin_map_dma works). */
  size: number;
  readonly prot: number;
  readonly task: task_struct;
  readonly runs: dma_run[];
  readonly kaddr: Kptr;
}

export type vfio_dma_words = { iova: number; vaddr: number; size: number; prot: number };
export const VFIO_DMA_T = defineSlabType<vfio_dma_words>('vfio_dma', ['iova', 'vaddr', 'size', 'prot']);

export interface vfio_iommu {
  readonly id: number;
  readonly domain: iommu_domain;
  /** vfio_dma by IOVA page range. */
  readonly dma_list: ExtentMap<vfio_dma>;
  dma_avail: number;
}

export function new_vfio_iommu(id: number, domain: iommu_domain, dmaLimit: number): vfio_iommu {
  return { id, domain, dma_list: new ExtentMap<vfio_dma>((v) => v), dma_avail: dmaLimit };
}

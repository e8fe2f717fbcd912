// Public API of core/vfio for designs, the runner and tests.
export type {
  Design, DesignPatch, DmaRef, DriverCtx, DriverMistake, DriverSide, InvalidateReason, LookupArgs, RestoreReason, VariantOf,
  KernelParams, MistakeKind, Obligation, ObligationRunner, PfnRun, PfnmapLookup,
} from './design.ts';
export { KERNEL_PARAM_DEFAULTS } from './design.ts';
export { vfio_device_from_file, vfio_device_open } from './device_fd.ts';
export { BASE_DRIVER_OBLIGATIONS } from './drivers/obligations.ts';
export { CHARDEV_DRIVER, chardev_open } from './drivers/chardev.ts';
export { MDEV_RAM_DRIVER, mdev_ram_block_pfn, mdev_ram_create, mdev_ram_remove } from './drivers/mdev_ram.ts';
export {
  VFIO_PCI_DRIVER, VFIO_PCI_INDEX_TO_OFFSET, VFIO_PCI_OFFSET_SHIFT, VFIO_PCI_REGION_PAGES, VFIO_PCI_ROM_REGION_INDEX,
  vfio_pci_bar_pfn, vfio_pci_bar_rw, vfio_pci_decode_pgoff, vfio_pci_driver, vfio_pci_ioctl_reset,
  vfio_pci_memory_enabled, vfio_pci_set_memory_decode, vfio_pci_write_command, vfio_pci_zap_bars,
} from './drivers/vfio_pci.ts';
export { down_read, down_write, memory_lock_of, up_write, type rw_semaphore } from './drivers/memory_lock.ts';
export { makeObligationRunner } from './obligations.ts';
export { newVfioState, type VfioState } from './state.ts';
export { V5_12_DESIGN, v5_12_type1_patch } from './default_design.ts';
export { follow_fault_pfn } from './type1/follow.ts';
export { vfio_dma_do_map } from './type1/map_dma.ts';
export {
  SIZE_MAX, U64_MAX, VFIO_DMA_UNMAP_FLAG_ALL, to_u64, type u64, type vfio_iommu_type1_dma_map, type vfio_iommu_type1_dma_unmap,
} from './type1/uapi.ts';
export { is_invalid_reserved_pfn } from './type1/put_pfn.ts';
export { vfio_dma_do_unmap, vfio_iommu_type1_release } from './type1/unmap_dma.ts';
export {
  DMA_ENTRY_LIMIT_DEFAULT, VFIO_DMA_MAP_FLAG_READ, VFIO_DMA_MAP_FLAG_WRITE, new_vfio_iommu,
  type dma_run, type vfio_dma, type vfio_iommu,
} from './type1/vfio_iommu.ts';
export {
  VFIO_DEVICE_T, VFIO_REQUEST_INTERVAL, vfio_alloc_device, vfio_device_from_kptr, vfio_device_put_registration,
  vfio_device_try_get_registration, vfio_free_device, vfio_removal_signal, vfio_unregister_group_dev,
  type vfio_device, type vfio_device_ops, type vfio_removal_wait,
} from './vfio_device.ts';

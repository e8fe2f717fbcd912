// The core's public API: what designs, the runner, reports and tests may import.
// Designs import only from here.
export {
  COST_KEYS, KernelOops, NULL, REFCOUNT_SATURATED, WARN, WARN_ON, defineSlabType, diffCost, errname, errno, kptr,
  USEC_PER_SEC, newCostCounters, refcount_dec_and_test, refcount_inc, refcount_t, tohex,
  type CostCounters, type DmesgLine, type Kptr, type OopsInfo, type SlabType,
} from './kernel/index.ts';
export { Kernel, isCrashed, type Crashed, type KernelOptions } from './machine/kernel.ts';
export { Machine, type CpuAccess, type DeviceHandle, type Ret } from './machine/machine.ts';
export { type AuditFinding } from './machine/audit.ts';
export { type DmaRecord, type IovaPte, type iommu_domain } from './iommu/index.ts';
export {
  IORESOURCE_IO, IORESOURCE_MEM, PCI_COMMAND, PCI_COMMAND_MEMORY, describe_owner, pci_resource_flags, pci_resource_len,
  pci_resource_start, type BarSpec, type Owner, type pci_dev,
} from './pci/index.ts';
export {
  FAULT_FLAG_REMOTE, FAULT_FLAG_WRITE, PAGE_SHIFT, PAGE_SIZE, VM_DONTCOPY, VM_DONTEXPAND, VM_FAULT_NOPAGE,
  VM_FAULT_SIGBUS, VM_IO, VM_PFNMAP, VM_SHARED, find_vma, follow_pte, fput, get_file,
  type file, type mm_struct, type task_struct, type vm_area_struct, type vm_fault, type vm_operations_struct,
} from './mm/index.ts';
export {
  BASE_DRIVER_OBLIGATIONS, CHARDEV_DRIVER, KERNEL_PARAM_DEFAULTS, U64_MAX, VFIO_DMA_UNMAP_FLAG_ALL, V5_12_DESIGN, v5_12_type1_patch, MDEV_RAM_DRIVER, VFIO_PCI_DRIVER, VFIO_PCI_INDEX_TO_OFFSET,
  VFIO_PCI_REGION_PAGES, VFIO_PCI_ROM_REGION_INDEX, follow_fault_pfn, makeObligationRunner, mdev_ram_block_pfn, vfio_device_from_file,
  vfio_device_from_kptr, vfio_device_put_registration, vfio_device_try_get_registration, vfio_pci_bar_pfn,
  vfio_pci_decode_pgoff, vfio_pci_memory_enabled, memory_lock_of, down_read, down_write, up_write, type rw_semaphore,
  type Design, type DesignPatch, type DmaRef, type DriverCtx, type DriverMistake, type DriverSide, type VariantOf,
  type InvalidateReason, type KernelParams, type LookupArgs, type MistakeKind, type RestoreReason, type Obligation, type ObligationRunner, type PfnRun,
  type PfnmapLookup, type vfio_device, type vfio_iommu, type dma_run, type vfio_dma, type vfio_removal_wait,
} from './vfio/index.ts';

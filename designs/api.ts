// The public design API: everything a design may use, and nothing else. Built-in
// designs import only from here (designs/layering.test.ts checks it); a design outside
// the tree imports it as 'pfnmap-arena/design' (package.json "exports"), or by a
// relative path from inside a checkout. docs/writing-a-design.md explains each part.
export type {
  // The Design and its four hook points (core/vfio/design.ts):
  // (a) DesignPatch.vfio_mmap and DriverSide.mmap/fault/vma_open/vma_close,
  // (b) DesignPatch.pfnmap_lookup, (c) DesignPatch.release, (d) DriverSide.invalidate.
  Design, DesignPatch, DmaRef, DriverCtx, DriverSide, InvalidateReason, KernelParams, LookupArgs, PfnRun, PfnmapLookup, VariantOf,
  // Obligations: what a design asks each bus driver to do, as data.
  MistakeKind, Obligation, ObligationRunner,
  // The kernel objects a hook receives.
  Kernel, Kptr, SlabType, file, mm_struct, pci_dev, task_struct, vfio_device, vm_area_struct, vm_fault, vm_operations_struct,
} from '../core/index.ts';
export {
  // Obligations and the v5.12 type1 behaviour a design may start from.
  BASE_DRIVER_OBLIGATIONS, V5_12_DESIGN, makeObligationRunner, v5_12_type1_patch,
  // Kernel helpers: errno values, WARN, refcount_t, slab objects, printing.
  NULL, REFCOUNT_SATURATED, WARN, WARN_ON, defineSlabType, errno, kptr, refcount_dec_and_test, refcount_inc, refcount_t, tohex,
  // mm: vma flags, the page-table walk, file references.
  FAULT_FLAG_REMOTE, FAULT_FLAG_WRITE, PAGE_SHIFT, PAGE_SIZE, VM_DONTCOPY, VM_DONTEXPAND, VM_FAULT_NOPAGE, VM_FAULT_SIGBUS,
  VM_IO, VM_PFNMAP, VM_SHARED, find_vma, follow_pte, fput, get_file,
  // Locks: vfio-pci's memory_lock is an rw_semaphore.
  down_read, down_write, up_write, type rw_semaphore,
  // PCI resources.
  IORESOURCE_IO, IORESOURCE_MEM, PCI_COMMAND, PCI_COMMAND_MEMORY, pci_resource_flags, pci_resource_len, pci_resource_start,
  // vfio: devices, vfio-pci's region encoding, mdev-ram's block, type1's v5.12 lookup.
  CHARDEV_DRIVER, MDEV_RAM_DRIVER, VFIO_PCI_DRIVER, VFIO_PCI_INDEX_TO_OFFSET, VFIO_PCI_REGION_PAGES, VFIO_PCI_ROM_REGION_INDEX,
  follow_fault_pfn, mdev_ram_block_pfn, memory_lock_of, vfio_device_from_file, vfio_device_from_kptr, vfio_device_put_registration,
  vfio_device_try_get_registration, vfio_pci_bar_pfn, vfio_pci_decode_pgoff, vfio_pci_memory_enabled,
} from '../core/index.ts';
// The open questions of the proposals and their readings (data), and how a variant is made.
export { QUESTIONS, READINGS, type QuestionKey, type Reading } from './questions.ts';
export { defineVariant, withReading, type VariantSpec } from './variant.ts';

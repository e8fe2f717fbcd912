// vfio-pci's side of private-data: fill the mandatory format at mmap time, and keep
// vm_private_data as vfio core set it for the life of the vma.
import {
  VFIO_PCI_REGION_PAGES, vfio_pci_bar_pfn, vfio_pci_decode_pgoff, type DriverSide, type Obligation,
} from '../api.ts';
import { VFIO_VMA_DEVICE_MEMORY, VFIO_VMA_MAGIC, VFIO_VMA_PRIVATE_T } from './format.ts';

export const VFIO_PCI_OBLIGATIONS: readonly Obligation[] = [
  { id: 'set-magic', driver: 'vfio-pci', what: 'write VFIO_VMA_MAGIC into the private data', kinds: ['omit'], mistakeNames: { omit: 'omits-magic' } },
  { id: 'fill-base-pfn', driver: 'vfio-pci', what: 'base_pfn = the pfn of file page 0: pci_resource_start(bar) >> PAGE_SHIFT minus the region part of vm_pgoff', kinds: ['omit', 'wrong-value'], mistakeNames: { 'wrong-value': 'wrong-base-pfn' } },
  { id: 'set-device-memory-flag', driver: 'vfio-pci', what: 'set VFIO_VMA_DEVICE_MEMORY for a BAR mapping', kinds: ['omit'], mistakeNames: { omit: 'wrong-memory-flag' } },
  { id: 'keep-private-data', driver: 'vfio-pci', what: 'never store the driver\'s own pointer in vm_private_data after vfio core set it', kinds: ['wrong-value'], mistakeNames: { 'wrong-value': 'replaces-private-data' } },
];

export const vfioPciSide: DriverSide = {
  mmap({ k, vdev, ob }, vma) {
    const p = k.slab.deref(vma.vm_private_data, VFIO_VMA_PRIVATE_T, 'vfio_pci_mmap');
    ob.step('set-magic', () => { p.magic = VFIO_VMA_MAGIC; });
    ob.step('fill-base-pfn',
      () => { p.base_pfn = vfio_pci_bar_pfn(vdev, vma, vma.vm_start) - vma.vm_pgoff; },
      () => { p.base_pfn = -vfio_pci_decode_pgoff(vma.vm_pgoff).index * VFIO_PCI_REGION_PAGES; });
    ob.step('set-device-memory-flag', () => { p.flags |= VFIO_VMA_DEVICE_MEMORY; });
    return 0;
  },
  fault({ vdev, ob }, vmf) {
    // The wrong variant caches the driver's device pointer in vm_private_data on first
    // fault, as v5.12 vfio-pci kept `vdev` there.
    ob.step('keep-private-data', () => {}, () => { vmf.vma.vm_private_data = vdev.kaddr; });
  },
};

// vfio-pci's side of driver-op: the vma_to_pfn op. It does what the fault handler
// does: check vm_pgoff falls in a BAR, mask off the region index, add
// pci_resource_start() of that BAR.
import {
  IORESOURCE_MEM, PAGE_SIZE, VFIO_PCI_ROM_REGION_INDEX, errno, pci_resource_flags, pci_resource_len,
  pci_resource_start, vfio_pci_decode_pgoff, type DriverCtx, type Obligation, type PfnRun, type vm_area_struct,
} from '../api.ts';

export const VFIO_PCI_OBLIGATIONS: readonly Obligation[] = [
  { id: 'implement-vma-to-pfn', driver: 'vfio-pci', what: 'provide device->ops->vma_to_pfn', kinds: ['omit'], mistakeNames: { omit: 'missing-vma-to-pfn' } },
  { id: 'bounds-check-pgoff', driver: 'vfio-pci', what: 'refuse a vm_pgoff + offset outside a mmappable BAR', kinds: ['omit'], mistakeNames: { omit: 'no-bounds-check' } },
  { id: 'add-bar-start', driver: 'vfio-pci', what: 'add pci_resource_start(bar) >> PAGE_SHIFT to the page offset', kinds: ['wrong-value'], mistakeNames: { 'wrong-value': 'wrong-base-pfn' } },
];

export function vfioPciVmaToPfn(d: DriverCtx, vma: vm_area_struct, offset_pages: number): PfnRun | number {
  const pdev = d.vdev.pdev;
  if (!pdev) return -errno.ENODEV;
  const { index, pgoff } = vfio_pci_decode_pgoff(vma.vm_pgoff);
  const page = pgoff + offset_pages;
  const barPages = index < VFIO_PCI_ROM_REGION_INDEX ? Math.ceil(pci_resource_len(pdev, index) / PAGE_SIZE) : 0;
  let bad = false;
  d.ob.step('bounds-check-pgoff', () => {
    bad = index >= VFIO_PCI_ROM_REGION_INDEX || !(pci_resource_flags(pdev, index) & IORESOURCE_MEM) || page >= barPages;
  });
  if (bad) return -errno.EINVAL;
  const base = d.ob.value('add-bar-start', () => Math.floor(pci_resource_start(pdev, index) / PAGE_SIZE), () => 0, () => 0);
  const vmaLeft = (vma.vm_end - vma.vm_start) / PAGE_SIZE - offset_pages;
  const barLeft = barPages - page;
  return { pfn: base + page, npages: Math.max(1, Math.min(vmaLeft, barLeft > 0 ? barLeft : vmaLeft)) };
}

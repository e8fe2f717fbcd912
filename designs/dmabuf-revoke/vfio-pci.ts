// vfio-pci's side of dmabuf-revoke: give the physical range of a BAR slice
// (vfio_pci_core_get_dmabuf_phys with its range check), revoke at every zap point and
// un-revoke where v6.19 does (decode back on, reset done).
import {
  IORESOURCE_MEM, PAGE_SIZE, VFIO_PCI_ROM_REGION_INDEX, errno, pci_resource_flags, pci_resource_len,
  down_write, memory_lock_of, pci_resource_start, up_write, vfio_pci_decode_pgoff, vfio_pci_memory_enabled,
  type DriverCtx, type DriverSide, type Obligation,
} from '../api.ts';
import type { DmaBufExporter } from './dmabuf.ts';

export const VFIO_PCI_OBLIGATIONS: readonly Obligation[] = [
  { id: 'provide-dmabuf-phys', driver: 'vfio-pci', what: 'implement get_dmabuf_phys for BAR regions', kinds: ['omit'], mistakeNames: { omit: 'missing-vma-to-pfn' } },
  { id: 'check-range', driver: 'vfio-pci', what: 'refuse a range past the end of the BAR (vfio_pci_core_fill_phys_vec)', kinds: ['omit'], mistakeNames: { omit: 'no-bounds-check' } },
  { id: 'revoke-on-decode-off', driver: 'vfio-pci', what: 'revoke exports when memory decode is cleared', kinds: ['omit'] },
  { id: 'revoke-on-reset', driver: 'vfio-pci', what: 'revoke exports before a device reset', kinds: ['omit'] },
  { id: 'cleanup-on-close', driver: 'vfio-pci', what: 'revoke for good and drop device references when the device is closed', kinds: ['omit'] },
];

export interface DmabufSide extends DriverSide {
  revokedNow(d: DriverCtx): boolean;
}

export function vfioPciSide(exporter: DmaBufExporter): DmabufSide {
  return {
    vma_to_pfn(d, vma, offset_pages) {
      const pdev = d.vdev.pdev;
      if (!pdev) return -errno.ENODEV;
      const provided = d.ob.value('provide-dmabuf-phys', () => true, () => true, () => false);
      if (!provided) return -errno.EOPNOTSUPP;
      const { index, pgoff } = vfio_pci_decode_pgoff(vma.vm_pgoff);
      if (index >= VFIO_PCI_ROM_REGION_INDEX || !(pci_resource_flags(pdev, index) & IORESOURCE_MEM)) return -errno.ENODEV;
      const page = pgoff + offset_pages;
      const npages = (vma.vm_end - vma.vm_start) / PAGE_SIZE - offset_pages;
      let bad = false;
      d.ob.step('check-range', () => {
        bad = (page + npages) * PAGE_SIZE > pci_resource_len(pdev, index);
      });
      if (bad) return -errno.EINVAL;
      return { pfn: Math.floor(pci_resource_start(pdev, index) / PAGE_SIZE) + page, npages };
    },
    invalidate(d, reason) {
      if (reason === 'decode-off') d.ob.step('revoke-on-decode-off', () => exporter.move(d.vdev, true, 'memory decode disabled'));
      else if (reason === 'reset') d.ob.step('revoke-on-reset', () => exporter.move(d.vdev, true, 'device reset'));
      else if (reason === 'close') d.ob.step('cleanup-on-close', () => exporter.cleanup(d.vdev));
    },
    restore(d, reason) {
      // v6.19: vfio_pci_dma_buf_move(vdev, false) once memory is enabled again.
      exporter.move(d.vdev, false, reason === 'decode-on' ? 'memory decode enabled' : 'device reset done');
    },
    revokedNow(d) {
      // v6.19 vfio_pci_core_feature_dma_buf(): the new export's revoked state is read under
      // memory_lock held for write, so an export asked for during a reset waits for the
      // reset to end (and is then born un-revoked when decode is back).
      const sem = memory_lock_of(d.vdev);
      down_write(d.k, sem, 'vfio_pci_core_feature_dma_buf');
      const revoked = !vfio_pci_memory_enabled(d.vdev);
      up_write(sem);
      return revoked;
    },
  };
}

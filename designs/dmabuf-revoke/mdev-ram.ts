// mdev-ram's side of dmabuf-revoke: export the RAM block's range and revoke for good
// when the device is closed (before its pages are freed).
import {
  PAGE_SIZE, errno, mdev_ram_block_pfn, type Obligation,
} from '../api.ts';
import type { DmaBufExporter } from './dmabuf.ts';
import type { DmabufSide } from './vfio-pci.ts';

export const MDEV_RAM_OBLIGATIONS: readonly Obligation[] = [
  { id: 'provide-dmabuf-phys', driver: 'mdev-ram', what: 'implement get_dmabuf_phys over the RAM block', kinds: ['omit'], mistakeNames: { omit: 'missing-vma-to-pfn' } },
  { id: 'check-range', driver: 'mdev-ram', what: 'refuse a range past the end of the block', kinds: ['omit'], mistakeNames: { omit: 'no-bounds-check' } },
  { id: 'cleanup-on-close', driver: 'mdev-ram', what: 'revoke for good before the block is freed on close', kinds: ['omit'] },
];

export function mdevRamSide(exporter: DmaBufExporter): DmabufSide {
  return {
    vma_to_pfn(d, vma, offset_pages) {
      const provided = d.ob.value('provide-dmabuf-phys', () => true, () => true, () => false);
      if (!provided) return -errno.EOPNOTSUPP;
      const blk = mdev_ram_block_pfn(d.k, d.vdev, 'mdev_ram_get_dmabuf_phys');
      const page = vma.vm_pgoff + offset_pages;
      const npages = (vma.vm_end - vma.vm_start) / PAGE_SIZE - offset_pages;
      let bad = false;
      d.ob.step('check-range', () => {
        bad = page + npages > blk.npages;
      });
      if (bad) return -errno.EINVAL;
      return { pfn: blk.pfn + page, npages };
    },
    invalidate(d, reason) {
      if (reason === 'close') d.ob.step('cleanup-on-close', () => exporter.cleanup(d.vdev));
    },
    revokedNow: () => false,
  };
}

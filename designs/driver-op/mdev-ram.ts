// mdev-ram's side of driver-op: vma_to_pfn over the device's RAM block.
import {
  PAGE_SIZE, errno, mdev_ram_block_pfn, type DriverCtx, type Obligation, type PfnRun, type vm_area_struct,
} from '../api.ts';

export const MDEV_RAM_OBLIGATIONS: readonly Obligation[] = [
  { id: 'implement-vma-to-pfn', driver: 'mdev-ram', what: 'provide device->ops->vma_to_pfn', kinds: ['omit'], mistakeNames: { omit: 'missing-vma-to-pfn' } },
  { id: 'bounds-check-pgoff', driver: 'mdev-ram', what: 'refuse a vm_pgoff + offset past the RAM block', kinds: ['omit'], mistakeNames: { omit: 'no-bounds-check' } },
  { id: 'add-block-start', driver: 'mdev-ram', what: 'add the block\'s first pfn to the page offset', kinds: ['wrong-value'], mistakeNames: { 'wrong-value': 'wrong-base-pfn' } },
];

export function mdevRamVmaToPfn(d: DriverCtx, vma: vm_area_struct, offset_pages: number): PfnRun | number {
  const blk = mdev_ram_block_pfn(d.k, d.vdev, 'mdev_ram_vma_to_pfn');
  const page = vma.vm_pgoff + offset_pages;
  let bad = false;
  d.ob.step('bounds-check-pgoff', () => {
    bad = page >= blk.npages;
  });
  if (bad) return -errno.EINVAL;
  const base = d.ob.value('add-block-start', () => blk.pfn, () => 0, () => 0);
  const vmaLeft = (vma.vm_end - vma.vm_start) / PAGE_SIZE - offset_pages;
  return { pfn: base + page, npages: Math.max(1, Math.min(vmaLeft, blk.npages - page > 0 ? blk.npages - page : vmaLeft)) };
}

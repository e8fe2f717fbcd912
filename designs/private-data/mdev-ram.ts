// mdev-ram's side of private-data: base_pfn is the RAM block's pfn; the vma maps RAM,
// not device memory, so the flag stays clear and type1 takes no device reference.
import { mdev_ram_block_pfn, type DriverSide, type Obligation } from '../api.ts';
import { VFIO_VMA_DEVICE_MEMORY, VFIO_VMA_MAGIC, VFIO_VMA_PRIVATE_T } from './format.ts';

export const MDEV_RAM_OBLIGATIONS: readonly Obligation[] = [
  { id: 'set-magic', driver: 'mdev-ram', what: 'write VFIO_VMA_MAGIC into the private data', kinds: ['omit'], mistakeNames: { omit: 'omits-magic' } },
  { id: 'fill-base-pfn', driver: 'mdev-ram', what: 'base_pfn = the block\'s first pfn (file page 0)', kinds: ['omit', 'wrong-value'], mistakeNames: { 'wrong-value': 'wrong-base-pfn' } },
  { id: 'clear-device-memory-flag', driver: 'mdev-ram', what: 'leave VFIO_VMA_DEVICE_MEMORY clear: RAM is not device memory', kinds: ['wrong-value'], mistakeNames: { 'wrong-value': 'wrong-memory-flag' } },
];

export const mdevRamSide: DriverSide = {
  mmap({ k, vdev, ob }, vma) {
    const p = k.slab.deref(vma.vm_private_data, VFIO_VMA_PRIVATE_T, 'mdev_ram_mmap');
    const blk = mdev_ram_block_pfn(k, vdev, 'mdev_ram_mmap');
    ob.step('set-magic', () => { p.magic = VFIO_VMA_MAGIC; });
    ob.step('fill-base-pfn', () => { p.base_pfn = blk.pfn; }, () => { p.base_pfn = 0; });
    ob.step('clear-device-memory-flag', () => { p.flags &= ~VFIO_VMA_DEVICE_MEMORY; }, () => { p.flags |= VFIO_VMA_DEVICE_MEMORY; });
    return 0;
  },
};

// The mandatory vm_private_data format of the private-data design:
// struct vfio_vma_private_data, as vfio core allocates it for every vfio vma.
import { defineSlabType } from '../api.ts';

export type vfio_vma_private_data = {
  magic: number;
  /** struct vfio_device * */
  device: number;
  base_pfn: number;
  flags: number;
  refcount: number;
  /** const struct vm_operations_struct * of the wrapped bus driver */
  driver_ops: number;
};

export const VFIO_VMA_PRIVATE_T = defineSlabType<vfio_vma_private_data>('vfio_vma_private_data', [
  'magic', 'device', 'base_pfn', 'flags', 'refcount', 'driver_ops',
]);

/** "vfio" in ASCII: the format's magic. */
export const VFIO_VMA_MAGIC = 0x7666696f;
/** The vma maps device memory, so a device reference is the right thing to hand out. */
export const VFIO_VMA_DEVICE_MEMORY = 1;

// driver-op: Jason Gunthorpe's proposal in the seed thread. type1 asks
// vfio_device_get_from_vma() for the vfio_device that made the vma (NULL if the vma is
// not vfio's -> -EINVAL), then calls device->ops->vma_to_pfn(device, vma, offset);
// a driver without the op gives -EINVAL. The device reference is held for the life of
// the vfio_dma and dropped on UNMAP_DMA. Correctness rests on each driver's op.
// What type1 does with a PFNMAP vma that is not vfio's is left open by the sketch; it is
// a parameter here (DriverOpReading), answered as posted and by a variant (designs/variants.ts).
import {
  BASE_DRIVER_OBLIGATIONS, errno, makeObligationRunner, PAGE_SIZE, QUESTIONS, READINGS, v5_12_type1_patch,
  vfio_device_from_file, vfio_device_put_registration, vfio_device_try_get_registration, type Design,
  type DesignPatch, type DriverCtx, type Kernel, type PfnRun, type vfio_device, type vm_area_struct,
} from '../api.ts';
import { MDEV_RAM_OBLIGATIONS, mdevRamVmaToPfn } from './mdev-ram.ts';
import { VFIO_PCI_OBLIGATIONS, vfioPciVmaToPfn } from './vfio-pci.ts';

type VmaToPfn = (d: DriverCtx, vma: vm_area_struct, offset_pages: number) => PfnRun | number;

/** The vma_to_pfn op each bus driver puts in its vfio_device_ops under this design. */
const OPS: Readonly<Record<string, VmaToPfn>> = { 'vfio-pci': vfioPciVmaToPfn, 'mdev-ram': mdevRamVmaToPfn };

/** vfio_device_get_from_vma(): the device (with a registration reference) or null. */
export function vfio_device_get_from_vma(k: Kernel, vma: vm_area_struct): vfio_device | null {
  const vdev = vfio_device_from_file(k, vma.vm_file);
  if (!vdev) return null;
  return vfio_device_try_get_registration(k, vdev, 'vfio_device_get_from_vma') ? vdev : null;
}

/**
 * Drops the reference vfio_device_get_from_vma() took. A module-level function, not a
 * closure per lookup: under tsx (esbuild keepNames) a named closure costs an
 * Object.defineProperty each time it is made.
 */
function vfio_device_put(k: Kernel, vdev: vfio_device): void {
  vfio_device_put_registration(k, vdev, 'vfio_iommu_type1_put_device');
}

/** The sketch's open choice, as one design instance answers it. */
export interface DriverOpReading {
  /** A vma whose file is not a vfio device's goes through v5.12 follow_fault_pfn() (QUESTIONS.followPfn). */
  readonly followPfn: boolean;
}

/** As posted: the sketch's one path; a vma vfio_device_get_from_vma() does not know is refused. */
export const DRIVER_OP_AS_POSTED: DriverOpReading = { followPfn: false };

export function driverOpPatch(k: Kernel, r: DriverOpReading): DesignPatch {
  const oldPath = v5_12_type1_patch();
  return {
    vfio_mmap(_k, _vdev, _vma, driverMmap) {
      return driverMmap();
    },
    pfnmap_lookup(a) {
      const { vma, vaddr, npages } = a;
      const vdev = vfio_device_get_from_vma(k, vma);
      if (!vdev) {
        // Not vfio's at all (not a device going away, whose vma stays vfio's): maybe the old path.
        if (r.followPfn && !vfio_device_from_file(k, vma.vm_file)) return oldPath.pfnmap_lookup(a);
        return { ret: -errno.EINVAL };
      }
      const ctx: DriverCtx = { k, vdev, ob: makeObligationRunner(k, k.designDef, vdev.driver) };
      const impl = OPS[vdev.driver];
      const op = ctx.ob.value('implement-vma-to-pfn', () => impl, () => impl, () => undefined);
      if (!op) {
        vfio_device_put(k, vdev);
        return { ret: -errno.EINVAL };
      }
      k.cost.indirectCalls += 1;
      const res = op(ctx, vma, (vaddr - vma.vm_start) / PAGE_SIZE);
      if (typeof res === 'number') {
        vfio_device_put(k, vdev);
        return { ret: res };
      }
      return {
        ret: 0, pfn: res.pfn, npages: Math.min(res.npages, npages),
        ref: {
          label: `vfio_device ${vdev.name}`,
          drop() {
            vfio_device_put(k, vdev);
          },
        },
      };
    },
    release(_k, ref) {
      ref.drop();
    },
    sides: {},
  };
}

export const driverOp: Design = {
  name: 'driver-op',
  title: 'vfio_device_get_from_vma + ops->vma_to_pfn',
  origin: 'Jason Gunthorpe, seed thread (2021-03-04): "vfio_device_get_from_vma(vma) ... vfio->ops->vma_to_pfn(vfio, vma, offset_from_vma_start)"',
  summary: 'type1 gets the vfio_device behind the vma with a reference and asks the bus driver for the pfn; the reference pins the device (and its BAR) until UNMAP_DMA.',
  obligations: [...BASE_DRIVER_OBLIGATIONS, ...VFIO_PCI_OBLIGATIONS, ...MDEV_RAM_OBLIGATIONS],
  readings: {
    [QUESTIONS.followPfn]: READINGS.followPfn.vfioOnly.reading,
  },
  install: (k) => driverOpPatch(k, DRIVER_OP_AS_POSTED),
};

// private-data: Alex Williamson's proposal in the seed thread. vfio core installs its
// own vfio_vm_ops on every vfio vma and points vm_private_data at a
// vfio_vma_private_data (device, base_pfn, flags); the bus driver fills base_pfn and
// the device-memory flag. type1 recognises vfio vmas by vm_ops == &vfio_vm_ops, casts
// vm_private_data, and uses base_pfn + offset, taking a device reference when the flags
// say device memory. A driver opts out by replacing vm_private_data during mmap.
// Two choices the proposal leaves open are parameters here (PrivateDataReading); the
// as-posted row and its variants (designs/variants.ts) differ only in them.
import {
  BASE_DRIVER_OBLIGATIONS, errno, kptr, NULL, PAGE_SIZE, QUESTIONS, READINGS, tohex, v5_12_type1_patch,
  vfio_device_from_kptr, vfio_device_put_registration, vfio_device_try_get_registration, type Design,
  type DesignPatch, type Kernel, type LookupArgs, type PfnmapLookup,
} from '../api.ts';
import { VFIO_VMA_DEVICE_MEMORY, VFIO_VMA_MAGIC, VFIO_VMA_PRIVATE_T } from './format.ts';
import { MDEV_RAM_OBLIGATIONS, mdevRamSide } from './mdev-ram.ts';
import { VFIO_PCI_OBLIGATIONS, vfioPciSide } from './vfio-pci.ts';
import { OpsTable, make_vfio_vm_ops } from './vfio_vm_ops.ts';

/** The proposal's open choices, as one design instance answers them. */
export interface PrivateDataReading {
  /** type1 checks the magic before the cast (QUESTIONS.magic). */
  readonly magicCheck: boolean;
  /** A vma that is not vfio's (or opted out) goes through v5.12 follow_fault_pfn() (QUESTIONS.followPfn). */
  readonly followPfn: boolean;
}

/** As posted: vm_ops alone identifies a vfio vma, and the vfio lookup is a fast path over the old one. */
export const PRIVATE_DATA_AS_POSTED: PrivateDataReading = { magicCheck: false, followPfn: true };

export function privateDataPatch(k: Kernel, r: PrivateDataReading): DesignPatch {
  const table = new OpsTable();
  const vfio_vm_ops = make_vfio_vm_ops(k, table);
  const oldPath = v5_12_type1_patch();
  /** A PFNMAP vma type1 does not take for vfio's: the old path, or refused. */
  function notVfio(a: LookupArgs): PfnmapLookup {
    return r.followPfn ? oldPath.pfnmap_lookup(a) : { ret: -errno.EINVAL };
  }
  return {
    vfio_mmap(_k, vdev, vma, driverMmap) {
      const priv = k.slab.kmalloc(VFIO_VMA_PRIVATE_T, {
        magic: 0, device: vdev.kaddr, base_pfn: 0, flags: 0, refcount: 1, driver_ops: 0,
      }, 'vfio_device_fops_mmap');
      if (priv === NULL) return -errno.ENOMEM;
      vma.vm_private_data = priv;
      const ret = driverMmap();
      if (ret) {
        k.slab.kfree(priv, 'vfio_device_fops_mmap');
        return ret;
      }
      if (vma.vm_private_data !== priv) {
        // The bus driver opted out by replacing vm_private_data: leave its vma alone.
        k.slab.kfree(priv, 'vfio_device_fops_mmap');
        return 0;
      }
      const p = k.slab.deref(priv, VFIO_VMA_PRIVATE_T, 'vfio_device_fops_mmap');
      p.driver_ops = vma.vm_ops ? table.register(vma.vm_ops) : 0;
      vma.vm_ops = vfio_vm_ops;
      return 0;
    },
    pfnmap_lookup(a) {
      const { vma, vaddr, npages } = a;
      if (vma.vm_ops !== vfio_vm_ops) return notVfio(a);
      const p = k.slab.deref(vma.vm_private_data, VFIO_VMA_PRIVATE_T, 'vfio_iommu_type1_vma_pfn');
      k.dmesg.printk('debug', `vfio_iommu_type1: vm_private_data ${kptr(vma.vm_private_data)} read as vfio_vma_private_data: ` +
        `magic 0x${tohex(p.magic)} device ${kptr(p.device)} base_pfn 0x${tohex(p.base_pfn)} flags 0x${tohex(p.flags)}`);
      if (r.magicCheck && p.magic !== VFIO_VMA_MAGIC) return notVfio(a);
      // base_pfn is the pfn of file page 0, so vmas split from one mmap can share it.
      const off = (vaddr - vma.vm_start) / PAGE_SIZE;
      const pfn = p.base_pfn + vma.vm_pgoff + off;
      const left = (vma.vm_end - vma.vm_start) / PAGE_SIZE - off;
      if (!(p.flags & VFIO_VMA_DEVICE_MEMORY)) return { ret: 0, pfn, npages: Math.min(npages, left), ref: null };
      const vdev = vfio_device_from_kptr(k, p.device, 'vfio_iommu_type1_vma_pfn');
      if (!vdev || !vfio_device_try_get_registration(k, vdev, 'vfio_iommu_type1_vma_pfn')) return { ret: -errno.ENODEV };
      return {
        ret: 0, pfn, npages: Math.min(npages, left),
        ref: {
          label: `vfio_device ${vdev.name}`,
          // Method shorthand: a named arrow costs a defineProperty per lookup under tsx (esbuild keepNames).
          drop() {
            vfio_device_put_registration(k, vdev, 'vfio_iommu_type1_put_device');
          },
        },
      };
    },
    release(_k, ref) {
      ref.drop();
    },
    sides: { 'vfio-pci': vfioPciSide, 'mdev-ram': mdevRamSide },
  };
}

export const privateData: Design = {
  name: 'private-data',
  title: 'mandatory vm_private_data format, identified by vm_ops',
  origin: 'Alex Williamson, seed thread (2021-03-04): "we can identify participating vmas by the vm_ops ... use the pfn_base field directly"',
  summary: 'vfio core wraps every vfio vma in vfio_vm_ops and a shared vfio_vma_private_data; type1 trusts vm_ops, casts vm_private_data and uses base_pfn + offset.',
  obligations: [...BASE_DRIVER_OBLIGATIONS, ...VFIO_PCI_OBLIGATIONS, ...MDEV_RAM_OBLIGATIONS],
  readings: {
    [QUESTIONS.magic]: READINGS.magic.vmOpsOnly.reading,
    [QUESTIONS.followPfn]: READINGS.followPfn.fastPath.reading,
  },
  install: (k) => privateDataPatch(k, PRIVATE_DATA_AS_POSTED),
};

// dmabuf-revoke: where the kernel went after the thread (vfio-pci dma-buf export in
// v6.19, iommufd as importer). type1 here stands for the importer: a MAP_DMA of a
// vfio vma imports a dma-buf over that BAR range (the export user space would do
// with VFIO_DEVICE_FEATURE_DMA_BUF, modelled as part of the map) and attaches with
// a move_notify that unmaps the run from the IOMMU. A PFNMAP vma that is not a vfio
// exporter's is refused: iommufd never maps a PFNMAP vma by plain address.
// As merged, only vfio-pci-core devices export; the `+mdev` variant (designs/variants.ts)
// lets mdev-ram export too, which the tree does not.
import {
  BASE_DRIVER_OBLIGATIONS, PAGE_SIZE, errno, makeObligationRunner, vfio_device_from_file,
  type Design, type DesignPatch, type DriverCtx, type Kernel, type Obligation,
} from '../api.ts';
import { DmaBufExporter } from './dmabuf.ts';
import { iommufdImport } from './importer.ts';
import { MDEV_RAM_OBLIGATIONS, mdevRamSide } from './mdev-ram.ts';
import { VFIO_PCI_OBLIGATIONS, vfioPciSide, type DmabufSide } from './vfio-pci.ts';

/** The design's patch; `mdevExports` gives mdev-ram an exporter the tree does not have. */
export function dmabufPatch(k: Kernel, mdevExports: boolean): DesignPatch {
  const exporter = new DmaBufExporter(k);
  const sides: Record<string, DmabufSide> = { 'vfio-pci': vfioPciSide(exporter) };
  if (mdevExports) sides['mdev-ram'] = mdevRamSide(exporter);
  return {
    vfio_mmap(_k, _vdev, _vma, driverMmap) {
      return driverMmap();
    },
    pfnmap_lookup({ vma, vaddr, iova, npages, invalidate }) {
      const vdev = vfio_device_from_file(k, vma.vm_file);
      if (!vdev) return { ret: -errno.EINVAL };
      const side = sides[vdev.driver];
      if (!side) {
        // v6.19 vfio_ioctl_device_feature(): a driver with no device_feature op (every
        // mdev sample) answers VFIO_DEVICE_FEATURE_DMA_BUF with -ENOTTY (-EINVAL before
        // v6.18); only vfio-pci-core implements the export.
        k.dmesg.printk('debug', `vfio ${vdev.name}: VFIO_DEVICE_FEATURE_DMA_BUF: ${vdev.driver} has no dma-buf exporter: -ENOTTY`);
        return { ret: -errno.ENOTTY };
      }
      const ctx: DriverCtx = { k, vdev, ob: makeObligationRunner(k, k.designDef, vdev.driver) };
      const phys = side.vma_to_pfn;
      if (!phys) return { ret: -errno.EOPNOTSUPP };
      k.cost.indirectCalls += 1;
      const r = phys(ctx, vma, (vaddr - vma.vm_start) / PAGE_SIZE);
      if (typeof r === 'number') return { ret: r };
      const n = Math.min(r.npages, npages);
      const imp = iommufdImport(k, iova, n, invalidate);
      const buf = exporter.export(vdev, r, side.revokedNow(ctx));
      if (typeof buf === 'number') return { ret: buf };
      if (buf.revoked) {
        exporter.release(buf, imp.notify);
        return { ret: -errno.ENODEV };
      }
      buf.attachments.add(imp.notify);
      return {
        ret: 0, pfn: r.pfn, npages: n,
        // iommufd unmaps a dma-buf area without type1's put_pfn(): nothing was pinned.
        unpin: 'none',
        ref: {
          label: `dma-buf of ${vdev.name}`,
          // Method shorthand: a named arrow costs a defineProperty per lookup under tsx (esbuild keepNames).
          drop() {
            exporter.release(buf, imp.notify);
          },
        },
      };
    },
    release(_k, ref) {
      ref.drop();
    },
    sides,
  };
}

export const DMABUF_OBLIGATIONS: readonly Obligation[] = [...BASE_DRIVER_OBLIGATIONS, ...VFIO_PCI_OBLIGATIONS];
export const DMABUF_MDEV_OBLIGATIONS: readonly Obligation[] = [...DMABUF_OBLIGATIONS, ...MDEV_RAM_OBLIGATIONS];

export const dmabufRevoke: Design = {
  name: 'dmabuf-revoke',
  title: 'revocable dma-buf export, importer unmaps on move_notify',
  origin: 'drivers/vfio/pci/vfio_pci_dmabuf.c (v6.19) with iommufd as importer (drivers/iommu/iommufd/pages.c); vfio-pci per-fd address_space (v6.10)',
  summary: 'the exporter holds a device reference, revokes on decode-off, reset and close and un-revokes when decode is back; the importer unmaps from the IOMMU before the memory changes owner, and never remaps by itself.',
  obligations: DMABUF_OBLIGATIONS,
  install: (k) => dmabufPatch(k, false),
};

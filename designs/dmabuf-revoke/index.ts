// dmabuf-revoke: where the kernel went after the thread (vfio-pci dma-buf export in
// v6.19, iommufd as importer). type1 here stands for the importer: a MAP_DMA of a
// vfio vma imports a dma-buf over that BAR range (the export user space would do
// with VFIO_DEVICE_FEATURE_DMA_BUF, modelled as part of the map) and attaches with
// a move_notify that unmaps the run from the IOMMU. A PFNMAP vma that is not a vfio
// exporter's is refused: iommufd never maps a PFNMAP vma by plain address.
import {
  BASE_DRIVER_OBLIGATIONS, PAGE_SIZE, errno, makeObligationRunner, vfio_device_from_file,
  type Design, type DesignPatch, type DriverCtx,
} from '../api.ts';
import { DmaBufExporter } from './dmabuf.ts';
import { MDEV_RAM_OBLIGATIONS, mdevRamSide } from './mdev-ram.ts';
import { VFIO_PCI_OBLIGATIONS, vfioPciSide } from './vfio-pci.ts';

export const dmabufRevoke: Design = {
  name: 'dmabuf-revoke',
  title: 'revocable dma-buf export, importer unmaps on move_notify',
  origin: 'drivers/vfio/pci/vfio_pci_dmabuf.c (v6.19) with iommufd as importer; vfio-pci per-fd address_space (v6.10)',
  summary: 'the exporter holds a device reference and revokes on decode-off, reset and close; the importer unmaps from the IOMMU before the memory changes owner, and never remaps by itself.',
  obligations: [...BASE_DRIVER_OBLIGATIONS, ...VFIO_PCI_OBLIGATIONS, ...MDEV_RAM_OBLIGATIONS],
  install(k): DesignPatch {
    const exporter = new DmaBufExporter(k);
    const sides = { 'vfio-pci': vfioPciSide(exporter), 'mdev-ram': mdevRamSide(exporter) };
    return {
      vfio_mmap(_k, _vdev, _vma, driverMmap) {
        return driverMmap();
      },
      pfnmap_lookup({ vma, vaddr, npages, invalidate }) {
        const vdev = vfio_device_from_file(k, vma.vm_file);
        if (!vdev) return { ret: -errno.EINVAL };
        const side = sides[vdev.driver as keyof typeof sides];
        const ctx: DriverCtx = { k, vdev, ob: makeObligationRunner(k, k.designDef, vdev.driver) };
        const phys = side?.vma_to_pfn;
        if (!phys) return { ret: -errno.EOPNOTSUPP };
        k.cost.indirectCalls += 1;
        const r = phys(ctx, vma, (vaddr - vma.vm_start) / PAGE_SIZE);
        if (typeof r === 'number') return { ret: r };
        const buf = exporter.export(vdev, r, side.revokedNow(ctx));
        if (typeof buf === 'number') return { ret: buf };
        if (buf.revoked) {
          exporter.release(buf, invalidate);
          return { ret: -errno.ENODEV };
        }
        buf.attachments.add(invalidate);
        return {
          ret: 0, pfn: r.pfn, npages: Math.min(r.npages, npages),
          ref: {
            label: `dma-buf of ${vdev.name}`,
            // Method shorthand: a named arrow costs a defineProperty per lookup under tsx (esbuild keepNames).
            drop() {
              exporter.release(buf, invalidate);
            },
          },
        };
      },
      release(_k, ref) {
        ref.drop();
      },
      sides,
    };
  },
};

// The importer half of dmabuf-revoke, after iommufd (drivers/iommu/iommufd/pages.c,
// v6.19): iopt_revoke_notify() returns at once if the import is already revoked;
// otherwise it unmaps the area from every domain and marks the import revoked
// (phys.len = 0). Nothing ever marks it live again: after the exporter un-revokes, the
// IOVA stays unmapped until user space unmaps it and maps the dma-buf again (and
// vfio_pci_dma_buf_iommufd_map() refuses a revoked dma-buf with -ENODEV).
import { PAGE_SIZE, tohex, type Kernel } from '../api.ts';

export interface Import {
  /** iopt_dmabuf_revoked(): the import's phys.len is 0. */
  revoked: boolean;
  /** The dma_buf_attach_ops.move_notify callback the exporter calls. */
  readonly notify: (why: string) => void;
}

/**
 * An import of one run at `iova`: the first notification unmaps it through type1's
 * `invalidate`; later ones print a pr_debug line of the model (the kernel prints nothing)
 * so the cell's evidence says why the IOVA stays dark after an un-revoke.
 */
export function iommufdImport(k: Kernel, iova: number, npages: number, invalidate: (why: string) => void): Import {
  const imp: Import = {
    revoked: false,
    notify(why) {
      if (imp.revoked) {
        k.dmesg.printk('debug', `iommufd: iova 0x${tohex(iova)}+0x${tohex(npages * PAGE_SIZE)}: move_notify (${why}) on a revoked import: ` +
          'stays unmapped; iommufd does not map it again by itself (iopt_revoke_notify)');
        return;
      }
      imp.revoked = true;
      invalidate(why);
    },
  };
  return imp;
}

// The exporter half of the dmabuf-revoke design, after drivers/vfio/pci/
// vfio_pci_dmabuf.c (v6.19): each export holds a registration reference on the vfio
// device; vfio_pci_dma_buf_move() revokes (decode off, D3, reset) and un-revokes
// (decode back on, reset done), calling every importer's move_notify on each flip;
// vfio_pci_dma_buf_cleanup() revokes for good on close. The importer (importer.ts)
// decides what a notification means: iommufd unmaps on the first and ignores the rest.
import {
  NULL, defineSlabType, errno, vfio_device_put_registration, vfio_device_try_get_registration,
  type Kernel, type Kptr, type PfnRun, type vfio_device,
} from '../api.ts';

const DMA_BUF_T = defineSlabType<{ revoked: number; vdev: number; pfn: number; npages: number }>(
  'vfio_pci_dma_buf', ['revoked', 'vdev', 'pfn', 'npages'],
);

export interface dma_buf {
  readonly kaddr: Kptr;
  vdev: vfio_device | null;
  revoked: boolean;
  readonly run: PfnRun;
  /** Importers' move_notify callbacks. */
  readonly attachments: Set<(why: string) => void>;
}

export class DmaBufExporter {
  private readonly bufs = new Map<vfio_device, Set<dma_buf>>();

  constructor(private readonly k: Kernel) {}

  /** vfio_pci_core_feature_dma_buf(): a dma-buf over `run`, or -ENODEV / -ENOMEM. */
  export(vdev: vfio_device, run: PfnRun, revoked: boolean): dma_buf | number {
    const k = this.k;
    const kaddr = k.slab.kmalloc(DMA_BUF_T, { revoked: revoked ? 1 : 0, vdev: vdev.kaddr, pfn: run.pfn, npages: run.npages }, 'vfio_pci_core_feature_dma_buf');
    if (kaddr === NULL) return -errno.ENOMEM;
    if (!vfio_device_try_get_registration(k, vdev, 'vfio_pci_core_feature_dma_buf')) {
      k.slab.kfree(kaddr, 'vfio_pci_core_feature_dma_buf');
      return -errno.ENODEV;
    }
    const buf: dma_buf = { kaddr, vdev, revoked, run, attachments: new Set() };
    let set = this.bufs.get(vdev);
    if (!set) this.bufs.set(vdev, (set = new Set()));
    set.add(buf);
    return buf;
  }

  /**
   * vfio_pci_dma_buf_move(): flip the revoked state of every export of the device that
   * is not in it yet and call dma_buf_move_notify() on each, in both directions (the
   * notification carries no direction; the importer reads what it needs).
   */
  move(vdev: vfio_device, revoked: boolean, why: string): void {
    for (const buf of this.bufs.get(vdev) ?? []) {
      if (buf.revoked === revoked) continue;
      buf.revoked = revoked;
      this.k.slab.deref(buf.kaddr, DMA_BUF_T, 'vfio_pci_dma_buf_move').revoked = revoked ? 1 : 0;
      for (const notify of [...buf.attachments]) notify(why);
    }
  }

  /** vfio_pci_dma_buf_cleanup(): revoke for good and drop each export's device reference. */
  cleanup(vdev: vfio_device): void {
    const set = this.bufs.get(vdev);
    if (!set) return;
    this.bufs.delete(vdev);
    for (const buf of set) {
      buf.vdev = null;
      buf.revoked = true;
      for (const notify of [...buf.attachments]) notify('exporter closed');
      vfio_device_put_registration(this.k, vdev, 'vfio_pci_dma_buf_cleanup');
    }
  }

  /** dma_buf_detach() + the last dma_buf_put(): vfio_pci_dma_buf_release(). */
  release(buf: dma_buf, notify: (why: string) => void): void {
    buf.attachments.delete(notify);
    if (buf.attachments.size > 0) return;
    if (buf.vdev) {
      this.bufs.get(buf.vdev)?.delete(buf);
      vfio_device_put_registration(this.k, buf.vdev, 'vfio_pci_dma_buf_release');
      buf.vdev = null;
    }
    this.k.slab.kfree(buf.kaddr, 'vfio_pci_dma_buf_release');
  }
}

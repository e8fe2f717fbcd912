// v6.19: only vfio-pci-core devices export a dma-buf (vfio_pci_core_feature_dma_buf
// through get_dmabuf_phys), and iommufd takes only vfio-pci's
// (vfio_pci_dma_buf_iommufd_map). As merged, an mdev-ram vma cannot be DMA-mapped;
// the +mdev variant, beyond the tree, gives mdev-ram an exporter.
import { describe, expect, it } from 'vitest';
import { Machine, errno } from '../../core/index.ts';
import { ok } from '../../core/machine/testing.ts';
import { dmabufRevoke, dmabufRevokeMdev } from '../variants.ts';
import type { Design } from '../../core/index.ts';

function mdevMap(design: Design): { ret: number; m: Machine } {
  const m = new Machine({ design, seed: 1 });
  ok(m.addMdev('vgpu', 4));
  m.spawn('qemu');
  const fd = ok(m.openDevice('qemu', 'vgpu'));
  const addr = ok(m.mmap('qemu', { fd, offset: 0, length: 4 * 4096, shared: true, prot: 'rw' }));
  return { ret: ok(m.mapDma('qemu', { vaddr: addr, iova: 0x1_0000_0000, size: 4 * 4096, flags: 3 })), m };
}

describe('which devices export a dma-buf', () => {
  it('as merged: mdev-ram has no exporter, the map fails with -ENOTTY and says why', () => {
    const { ret, m } = mdevMap(dmabufRevoke);
    expect(ret).toBe(-errno.ENOTTY);
    expect(m.k.dmesg.all().some((l) => /VFIO_DEVICE_FEATURE_DMA_BUF: mdev-ram has no dma-buf exporter/.test(l.text))).toBe(true);
    expect(m.teardown()).toEqual([]);
  });

  it('as merged: only vfio-pci obligations are declared', () => {
    expect(dmabufRevoke.obligations.some((o) => o.driver === 'mdev-ram' && o.id === 'provide-dmabuf-phys')).toBe(false);
    expect(dmabufRevokeMdev.obligations.some((o) => o.driver === 'mdev-ram' && o.id === 'provide-dmabuf-phys')).toBe(true);
  });

  it('the +mdev variant maps it, and is labelled beyond the tree under the same question', () => {
    const { ret, m } = mdevMap(dmabufRevokeMdev);
    expect(ret).toBe(0);
    expect(m.teardown()).toEqual([]);
    expect(dmabufRevokeMdev.variant?.of).toBe('dmabuf-revoke');
    expect(dmabufRevokeMdev.variant?.source).toMatch(/^beyond the tree/);
    const q = dmabufRevokeMdev.variant?.question ?? '';
    expect(dmabufRevoke.readings?.[q]).toMatch(/only vfio-pci-core/);
  });
});

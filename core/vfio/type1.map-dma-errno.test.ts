import { describe, expect, it } from 'vitest';
import { errno } from '../kernel/index.ts';
import { Machine } from '../machine/machine.ts';
import { IOVA, MiB, iommuOf, ok, qemu } from '../machine/testing.ts';

describe('VFIO_IOMMU_MAP_DMA / UNMAP_DMA errno table (vfio_dma_do_map, vfio_dma_do_unmap)', () => {
  const cases: [string, (b: number) => { vaddr: number; iova: number; size: number; flags: number }, number][] = [
    ['size 0', (b) => ({ vaddr: b, iova: IOVA, size: 0, flags: 3 }), -errno.EINVAL],
    ['unaligned vaddr', (b) => ({ vaddr: b + 1, iova: IOVA, size: 4096, flags: 3 }), -errno.EINVAL],
    ['unaligned iova', (b) => ({ vaddr: b, iova: IOVA + 8, size: 4096, flags: 3 }), -errno.EINVAL],
    ['unaligned size', (b) => ({ vaddr: b, iova: IOVA, size: 100, flags: 3 }), -errno.EINVAL],
    ['neither READ nor WRITE', (b) => ({ vaddr: b, iova: IOVA, size: 4096, flags: 0 }), -errno.EINVAL],
    ['no vma at vaddr', () => ({ vaddr: 0x1000_0000, iova: IOVA, size: 4096, flags: 3 }), -errno.EFAULT],
    ['past the end of the vma', (b) => ({ vaddr: b + 15 * MiB, iova: IOVA, size: 2 * MiB, flags: 3 }), -errno.EFAULT],
  ];
  for (const [name, args, want] of cases) {
    it(`${name} gives ${want}, and nothing stays mapped`, () => {
      const { m, bar0 } = qemu();
      expect(m.mapDma('qemu', args(bar0))).toBe(want);
      expect(iommuOf(m, 'qemu').domain.map.size).toBe(0);
      expect(m.teardown()).toEqual([]);
    });
  }

  it('an overlapping iova gives -EEXIST', () => {
    const { m, bar0 } = qemu();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 2 * 4096, flags: 3 }));
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA + 4096, size: 4096, flags: 3 })).toBe(-errno.EEXIST);
  });

  it('dma_entry_limit gives -ENOSPC', () => {
    const m = new Machine({ seed: 1, dmaEntryLimit: 1 });
    ok(m.addPci('gpu', [{ size: MiB, kind: 'mem32' }], 'vfio-pci'));
    m.spawn('qemu');
    const fd = ok(m.openDevice('qemu', 'gpu'));
    const a = ok(m.mmap('qemu', { fd, offset: 0, length: MiB, shared: true, prot: 'rw' }));
    ok(m.mapDma('qemu', { vaddr: a, iova: IOVA, size: 4096, flags: 3 }));
    expect(m.mapDma('qemu', { vaddr: a, iova: IOVA + 4096, size: 4096, flags: 3 })).toBe(-errno.ENOSPC);
  });

  it('UNMAP_DMA: splitting a mapping is -EINVAL, an empty range unmaps 0 bytes, whole mappings report their size', () => {
    const { m, bar0 } = qemu();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 4 * 4096, flags: 3 }));
    expect(m.unmapDma('qemu', IOVA + 4096, 4096)).toBe(-errno.EINVAL);
    expect(m.unmapDma('qemu', IOVA + 64 * MiB, 4096)).toBe(0);
    expect(m.unmapDma('qemu', IOVA, 4 * 4096)).toBe(4 * 4096);
  });

  it('mixed RAM + BAR: RAM is pinned and unpinned again', () => {
    const { m, bar0 } = qemu();
    const ram = ok(m.mmap('qemu', { offset: 0, length: 8 * 4096, shared: false, prot: 'rw' }));
    ok(m.mapDma('qemu', { vaddr: ram, iova: IOVA, size: 8 * 4096, flags: 3 }));
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA + MiB, size: 4096, flags: 3 }));
    expect(m.k.mem.pinnedPages().length).toBe(8);
    ok(m.unmapDma('qemu', IOVA, 2 * MiB));
    expect(m.k.mem.pinnedPages().length).toBe(0);
    expect(m.teardown()).toEqual([]);
  });
});

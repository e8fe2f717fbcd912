// vfio_dma_do_map() / vfio_dma_do_unmap() uapi checks on exact __u64 values (v5.12
// drivers/vfio/vfio_iommu_type1.c): the wrap checks on iova + size and vaddr + size
// (-EINVAL; -EOVERFLOW only since v6.18) and vfio_iommu_iova_dma_valid() against the
// aperture and the x86 MSI window.
import { describe, expect, it } from 'vitest';
import { errno } from '../../kernel/index.ts';
import { Machine } from '../../machine/machine.ts';
import { IOVA, ok, qemu } from '../../machine/testing.ts';
import { V5_12_DESIGN } from '../default_design.ts';
import { VFIO_DMA_UNMAP_FLAG_ALL } from './uapi.ts';

const PAGE = 0x1000;
const TOP = 0xfffffffffffff000n;

function bar(): ReturnType<typeof qemu> {
  return qemu(V5_12_DESIGN);
}

describe('vfio_iommu_iova_dma_valid: aperture and reserved regions', () => {
  it('refuses an IOVA inside the x86 MSI window 0xfee00000-0xfeefffff with EINVAL', () => {
    const { m, bar0 } = bar();
    expect(m.mapDma('qemu', { vaddr: bar0, iova: 0xfee00000, size: PAGE, flags: 3 })).toBe(-errno.EINVAL);
    expect(m.mapDma('qemu', { vaddr: bar0, iova: 0xfeeff000, size: PAGE, flags: 3 })).toBe(-errno.EINVAL);
  });

  it('refuses a range that runs into the window, and accepts the pages just around it', () => {
    const { m, bar0 } = bar();
    expect(m.mapDma('qemu', { vaddr: bar0, iova: 0xfedff000, size: 2 * PAGE, flags: 3 })).toBe(-errno.EINVAL);
    expect(m.mapDma('qemu', { vaddr: bar0, iova: 0xfedff000, size: PAGE, flags: 3 })).toBe(0);
    expect(m.mapDma('qemu', { vaddr: bar0 + PAGE, iova: 0xfef00000, size: PAGE, flags: 3 })).toBe(0);
  });

  it('accepts the last page of the 48-bit aperture and refuses the first page past it', () => {
    const { m, bar0 } = bar();
    expect(m.mapDma('qemu', { vaddr: bar0, iova: 2 ** 48 - PAGE, size: PAGE, flags: 3 })).toBe(0);
    expect(m.mapDma('qemu', { vaddr: bar0 + PAGE, iova: 2 ** 48, size: PAGE, flags: 3 })).toBe(-errno.EINVAL);
    expect(m.mapDma('qemu', { vaddr: bar0 + PAGE, iova: TOP, size: PAGE, flags: 3 })).toBe(-errno.EINVAL);
  });

  it('a container with no IOMMU group attached (an mdev only) has an empty iova_list and accepts any IOVA', () => {
    const m = new Machine({ design: V5_12_DESIGN, seed: 1 });
    ok(m.addMdev('vgpu', 1));
    m.spawn('qemu');
    const fd = ok(m.openDevice('qemu', 'vgpu'));
    const a = ok(m.mmap('qemu', { fd, offset: 0, length: PAGE, shared: true, prot: 'rw' }));
    expect(m.mapDma('qemu', { vaddr: a, iova: 0xfee00000, size: PAGE, flags: 3 })).toBe(0);
  });
});

describe('vfio_dma_do_map / vfio_dma_do_unmap: wrap checks on exact 64-bit values', () => {
  it('MAP_DMA at iova 0xfffffffffffff000 with size 0x2000 wraps: EINVAL (v5.12)', () => {
    const { m, bar0 } = bar();
    expect(m.mapDma('qemu', { vaddr: bar0, iova: TOP, size: 0x2000n, flags: 3 })).toBe(-errno.EINVAL);
  });

  it('MAP_DMA whose vaddr + size wraps: EINVAL', () => {
    const { m } = bar();
    expect(m.mapDma('qemu', { vaddr: TOP, iova: IOVA, size: 0x2000n, flags: 3 })).toBe(-errno.EINVAL);
  });

  it('a vaddr far above any vma but not wrapping: EFAULT', () => {
    const { m } = bar();
    expect(m.mapDma('qemu', { vaddr: TOP - 0x1000n, iova: IOVA, size: 0x1000n, flags: 3 })).toBe(-errno.EFAULT);
  });

  it('UNMAP_DMA of the wrapping range: EINVAL; of the top page: nothing mapped, 0 bytes', () => {
    const { m } = bar();
    expect(m.unmapDma('qemu', TOP, 0x2000n)).toBe(-errno.EINVAL);
    expect(m.unmapDma('qemu', TOP, 0x1000n)).toBe(0);
  });

  it('VFIO_DMA_UNMAP_FLAG_ALL unmaps everything and needs iova and size 0', () => {
    const { m, bar0 } = bar();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 2 * PAGE, flags: 3 }));
    ok(m.mapDma('qemu', { vaddr: bar0, iova: 2 ** 48 - PAGE, size: PAGE, flags: 3 }));
    expect(m.unmapDma('qemu', IOVA, 0, undefined, VFIO_DMA_UNMAP_FLAG_ALL)).toBe(-errno.EINVAL);
    expect(m.unmapDma('qemu', 0, 0, undefined, VFIO_DMA_UNMAP_FLAG_ALL)).toBe(3 * PAGE);
  });

  it('a MAP_DMA flag other than READ and WRITE is EINVAL (vfio_iommu_type1_map_dma)', () => {
    const { m, bar0 } = bar();
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: PAGE, flags: 3 | (1 << 2) })).toBe(-errno.EINVAL);
  });

  it('a JS number that is not exact is a harness bug, not a value user space could pass', () => {
    const { m, bar0 } = bar();
    expect(() => m.mapDma('qemu', { vaddr: bar0, iova: 2 ** 60 + 1, size: PAGE, flags: 3 })).toThrow(/not an exact/);
  });
});

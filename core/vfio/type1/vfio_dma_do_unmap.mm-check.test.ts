// v5.12 drivers/vfio/vfio_iommu_type1.c vfio_dma_do_unmap(): only the address space
// that made a vfio_dma may unmap it. The walk over the range stops (break) at the first
// vfio_dma whose dma->task->mm is not current->mm, and the ioctl succeeds reporting the
// bytes unmapped before it. A task that has exited has no mm, so nobody unmaps its
// mappings: they go when the container's last user does.
import { describe, expect, it } from 'vitest';
import { isCrashed } from '../../machine/kernel.ts';
import { IOVA, MiB, iommuOf, ok, qemu } from '../../machine/testing.ts';

const MAP = (vaddr: number, iova: number) => ({ vaddr, iova, size: MiB, flags: 3 });

describe('vfio_dma_do_unmap: the dma->task->mm check', () => {
  it("a fork child's UNMAP_DMA of the parent's mapping returns 0 bytes and leaves it mapped", () => {
    const { m, bar0 } = qemu();
    ok(m.mapDma('qemu', MAP(bar0, IOVA)));
    ok(m.fork('qemu', 'child'));
    expect(ok(m.unmapDma('child', IOVA, MiB))).toBe(0);
    expect(iommuOf(m, 'qemu').domain.map.size).toBeGreaterThan(0);
    expect(ok(m.unmapDma('qemu', IOVA, MiB))).toBe(MiB);
    expect(m.teardown()).toEqual([]);
  });

  it('the walk stops at the first mapping of another mm: what came before it is unmapped', () => {
    const { m, bar0 } = qemu();
    ok(m.fork('qemu', 'child'));
    ok(m.mapDma('qemu', MAP(bar0, IOVA)));
    ok(m.mapDma('child', MAP(bar0 + MiB, IOVA + MiB)));
    ok(m.mapDma('qemu', MAP(bar0 + 2 * MiB, IOVA + 2 * MiB)));
    // qemu's first, then child's: stops there, qemu's third stays.
    expect(ok(m.unmapDma('qemu', IOVA, 3 * MiB))).toBe(MiB);
    expect(ok(m.unmapDma('child', IOVA, 3 * MiB))).toBe(MiB);
    expect(ok(m.unmapDma('qemu', IOVA, 3 * MiB))).toBe(MiB);
    expect(iommuOf(m, 'qemu').dma_list.size).toBe(0);
  });

  it('after the parent exits its mapping cannot be unmapped by the child, still translates, and goes with the last user', () => {
    const { m, bar0 } = qemu();
    ok(m.fork('qemu', 'child'));
    ok(m.mapDma('qemu', MAP(bar0, IOVA)));
    const dma = iommuOf(m, 'qemu').dma_list.all()[0]!.value;
    ok(m.exit('qemu'));
    // v5.12 keeps dma->task (get_task_struct): the task struct stays, its mm is gone.
    expect(dma.task.mm).toBeNull();
    expect(dma.task.usage.refs).toBeGreaterThan(1);
    expect(ok(m.unmapDma('child', IOVA, MiB))).toBe(0);
    const rec = m.deviceDma('nic', IOVA, true, 1);
    expect(!isCrashed(rec) && rec.result).toBe('ok');
    const usage = dma.task.usage.refs;
    ok(m.exit('child'));
    expect(dma.task.usage.refs).toBe(usage - 1);
    expect(m.k.vfio.containers.size).toBe(0);
    expect(m.teardown()).toEqual([]);
  });
});

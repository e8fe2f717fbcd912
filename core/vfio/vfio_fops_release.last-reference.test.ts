// v5.12 drivers/vfio/vfio.c vfio_fops_release() only drops the container file's
// reference; the groups joined to it keep the container. The IOMMU backend goes when
// the last group leaves (vfio_group_try_dissolve_container -> __vfio_group_unset_container
// -> vfio_iommu_type1_release, which removes every vfio_dma), and the container itself
// with its last reference.
import { describe, expect, it } from 'vitest';
import { isCrashed } from '../machine/kernel.ts';
import { IOVA, MiB, iommuOf, ok, qemu } from '../machine/testing.ts';

function filesNamed(m: ReturnType<typeof qemu>['m'], task: string, prefix: string): number[] {
  return [...m.task(task).files].filter(([, f]) => f.name.startsWith(prefix)).map(([fd]) => fd);
}

describe('vfio_fops_release and the last container user', () => {
  it('closing the container fd keeps the mappings while groups hold the container', () => {
    const { m, bar0 } = qemu();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 }));
    const iommu = iommuOf(m, 'qemu');
    for (const fd of filesNamed(m, 'qemu', 'vfio-container:')) ok(m.close('qemu', fd));
    expect(m.k.vfio.containers.size).toBe(1);
    expect(iommu.dma_list.size).toBe(1);
    const rec = m.deviceDma('nic', IOVA, true, 3);
    expect(!isCrashed(rec) && rec.result).toBe('ok');
    // Without a container fd the task can no longer issue MAP_DMA / UNMAP_DMA.
    expect(m.unmapDma('qemu', IOVA, MiB)).toBeLessThan(0);
  });

  it('the last group fd and device fd to close release type1: every vfio_dma goes, the domain is freed, DMA is blocked', () => {
    const { m, bar0, gpuFd, nicFd } = qemu();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 }));
    const iommu = iommuOf(m, 'qemu');
    for (const fd of filesNamed(m, 'qemu', 'vfio-container:')) ok(m.close('qemu', fd));
    for (const fd of filesNamed(m, 'qemu', 'vfio-group:')) ok(m.close('qemu', fd));
    ok(m.munmap('qemu', bar0, 16 * MiB));
    ok(m.close('qemu', gpuFd));
    expect(iommu.dma_list.size).toBe(1);
    ok(m.close('qemu', nicFd));
    expect(iommu.dma_list.size).toBe(0);
    expect(iommu.domain.freed).toBe(true);
    expect(m.k.vfio.containers.size).toBe(0);
    const rec = m.deviceDma('nic', IOVA, true, 3);
    expect(!isCrashed(rec) && rec.result).not.toBe('ok');
    expect(m.teardown()).toEqual([]);
  });

  it("a fork child's inherited fds keep the container when the parent exits", () => {
    const { m, bar0 } = qemu();
    ok(m.fork('qemu', 'child'));
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 }));
    const iommu = iommuOf(m, 'qemu');
    ok(m.exit('qemu'));
    expect(iommu.dma_list.size).toBe(1);
    expect(iommuOf(m, 'child')).toBe(iommu);
    ok(m.exit('child'));
    expect(iommu.dma_list.size).toBe(0);
    expect(m.teardown()).toEqual([]);
  });
});

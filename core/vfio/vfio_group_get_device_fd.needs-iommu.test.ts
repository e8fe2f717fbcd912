// v5.12 drivers/vfio/vfio.c: vfio_group_get_device_fd() gives -EINVAL unless the group is
// in a container (container_users) whose IOMMU is set; vfio_ioctl_set_iommu() gives
// -EINVAL without a group or when already set; vfio_group_set_container() gives -EINVAL
// for a group that already has container users; a container ioctl before SET_IOMMU is
// -EINVAL (vfio_fops_unl_ioctl passes it to no driver).
import { describe, expect, it } from 'vitest';
import { errno } from '../kernel/index.ts';
import { IOVA, MiB, ok, twoDevices } from '../machine/testing.ts';
import { VFIO_PCI_INDEX_TO_OFFSET } from './drivers/vfio_pci.ts';

describe('the explicit container sequence (QEMU order)', () => {
  it('GET_DEVICE_FD without a container, or before SET_IOMMU, is -EINVAL', () => {
    const m = twoDevices('qemu');
    const g = ok(m.openGroup('qemu', 'gpu'));
    expect(m.getDeviceFd('qemu', g, 'gpu')).toBe(-errno.EINVAL);
    const c = ok(m.openContainer('qemu'));
    expect(ok(m.setContainer('qemu', g, c))).toBe(0);
    expect(m.getDeviceFd('qemu', g, 'gpu')).toBe(-errno.EINVAL);
    expect(ok(m.setIommu('qemu', c))).toBe(0);
    expect(ok(m.getDeviceFd('qemu', g, 'gpu'))).toBeGreaterThanOrEqual(3);
  });

  it('SET_IOMMU needs a group and happens once; SET_CONTAINER twice is -EINVAL; a non-container fd is -EINVAL', () => {
    const m = twoDevices('qemu');
    const c = ok(m.openContainer('qemu'));
    expect(m.setIommu('qemu', c)).toBe(-errno.EINVAL);
    const g = ok(m.openGroup('qemu', 'gpu'));
    expect(m.setContainer('qemu', g, g)).toBe(-errno.EINVAL);
    ok(m.setContainer('qemu', g, c));
    expect(m.setContainer('qemu', g, c)).toBe(-errno.EINVAL);
    ok(m.setIommu('qemu', c));
    expect(m.setIommu('qemu', c)).toBe(-errno.EINVAL);
  });

  it('MAP_DMA on a container without an IOMMU is -EINVAL; on no container -EBADF; on a group fd -ENOTTY', () => {
    const m = twoDevices('qemu');
    const map = { vaddr: 0x1000_0000, iova: IOVA, size: 4096, flags: 3 };
    expect(m.mapDma('qemu', map)).toBe(-errno.EBADF);
    const c = ok(m.openContainer('qemu'));
    expect(m.mapDma('qemu', map)).toBe(-errno.EINVAL);
    const g = ok(m.openGroup('qemu', 'gpu'));
    expect(m.mapDma('qemu', map, g)).toBe(-errno.ENOTTY);
    expect(m.mapDma('qemu', map, c)).toBe(-errno.EINVAL);
  });

  it('a group joining a container that has an IOMMU is attached at once: its DMA reaches the mappings', () => {
    const m = twoDevices('qemu');
    const c = ok(m.openContainer('qemu'));
    const gg = ok(m.openGroup('qemu', 'gpu'));
    ok(m.setContainer('qemu', gg, c));
    ok(m.setIommu('qemu', c));
    const gpu = ok(m.getDeviceFd('qemu', gg, 'gpu'));
    const bar0 = ok(m.mmap('qemu', { fd: gpu, offset: VFIO_PCI_INDEX_TO_OFFSET(0), length: MiB, shared: true, prot: 'rw' }));
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 }, c));
    const gn = ok(m.openGroup('qemu', 'nic'));
    ok(m.setContainer('qemu', gn, c));
    ok(m.getDeviceFd('qemu', gn, 'nic'));
    const rec = m.deviceDma('nic', IOVA + 8, true, 7);
    expect('result' in rec && rec.result).toBe('ok');
    expect(ok(m.unmapDma('qemu', IOVA, MiB, c))).toBe(MiB);
    expect(m.teardown()).toEqual([]);
  });

  it('UNSET_CONTAINER: -EBUSY while a device fd is open, -EINVAL without a container', () => {
    const m = twoDevices('qemu');
    ok(m.openDevice('qemu', 'gpu'));
    const g = [...m.task('qemu').files].find(([, f]) => f.name.startsWith('vfio-group:'))![0];
    expect(m.unsetContainer('qemu', g)).toBe(-errno.EBUSY);
    const g2 = ok(m.openGroup('qemu', 'nic'));
    expect(m.unsetContainer('qemu', g2)).toBe(-errno.EINVAL);
  });
});

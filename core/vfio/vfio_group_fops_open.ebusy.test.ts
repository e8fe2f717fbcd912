// v5.12 drivers/vfio/vfio.c vfio_group_fops_open(): one open file per group
// (atomic_cmpxchg(&group->opened, 0, 1), else -EBUSY) and -EBUSY while the group is
// still in a container from an earlier open; a fork child reaches the same group
// through the file it inherited.
import { describe, expect, it } from 'vitest';
import { errno } from '../kernel/index.ts';
import { ok, twoDevices } from '../machine/testing.ts';

describe('vfio_group_fops_open: a group has one opener', () => {
  it('a second open of /dev/vfio/N gives -EBUSY, also through the open-device shorthand', () => {
    const m = twoDevices('qemu', 'other');
    expect(ok(m.openGroup('qemu', 'gpu'))).toBeGreaterThanOrEqual(3);
    expect(m.openGroup('other', 'gpu')).toBe(-errno.EBUSY);
    expect(m.openGroup('qemu', 'gpu')).toBe(-errno.EBUSY);
    expect(m.openDevice('other', 'gpu')).toBe(-errno.EBUSY);
  });

  it('-EBUSY while a device fd keeps the group in its container, even after the group fd is closed', () => {
    const m = twoDevices('qemu', 'other');
    const dev = ok(m.openDevice('qemu', 'gpu'));
    const groupFd = [...m.task('qemu').files].find(([, f]) => f.name.startsWith('vfio-group:'))![0];
    ok(m.close('qemu', groupFd));
    expect(m.openGroup('other', 'gpu')).toBe(-errno.EBUSY);
    ok(m.close('qemu', dev));
    expect(ok(m.openGroup('other', 'gpu'))).toBeGreaterThanOrEqual(3);
  });

  it('the group can be opened again once every file of the earlier open is closed', () => {
    const m = twoDevices('qemu', 'other');
    ok(m.openDevice('qemu', 'gpu'));
    ok(m.exit('qemu'));
    expect(ok(m.openDevice('other', 'gpu'))).toBeGreaterThanOrEqual(3);
    expect(m.teardown()).toEqual([]);
  });

  it('a fork child opens the device through the group and container files it inherited', () => {
    const m = twoDevices('qemu', 'other');
    ok(m.openDevice('qemu', 'gpu'));
    ok(m.fork('qemu', 'child'));
    const before = m.k.vfio.containers.size;
    expect(ok(m.openDevice('child', 'gpu'))).toBeGreaterThanOrEqual(3);
    expect(m.k.vfio.containers.size).toBe(before);
    expect(m.teardown()).toEqual([]);
  });
});

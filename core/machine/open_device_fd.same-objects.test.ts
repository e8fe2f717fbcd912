// The open-device shorthand (Machine.openDevice -> open_device_fd) runs QEMU's explicit
// sequence and so leaves exactly the kernel objects the explicit calls leave: a
// container file, one group file per group, the device files, the same container
// references and container users.
import { describe, expect, it } from 'vitest';
import type { Machine } from './machine.ts';
import { ok, twoDevices } from './testing.ts';

/** The task's files by kind in fd order, and the container and group counts. */
function objects(m: Machine) {
  const files = [...m.task('qemu').files].sort(([a], [b]) => a - b).map(([fd, f]) => `${fd}:${f.name.replace(/\d+$/, 'N')}`);
  const containers = [...m.k.vfio.containers].map((c) => ({ kref: c.kref.refs, groups: c.group_list.length, iommu: c.iommu !== null }));
  const groups = [...m.k.vfio.groups.values()].map((g) => ({ opened: g.opened, users: g.container_users, joined: g.container !== null }));
  return { files, containers, groups };
}

describe('open_device_fd: the shorthand builds the explicit objects', () => {
  it("two devices opened by the shorthand equal the explicit sequence in QEMU's order (group, then container)", () => {
    const short = twoDevices('qemu');
    ok(short.openDevice('qemu', 'gpu'));
    ok(short.openDevice('qemu', 'nic'));

    const long = twoDevices('qemu');
    const g1 = ok(long.openGroup('qemu', 'gpu'));
    const c = ok(long.openContainer('qemu'));
    ok(long.setContainer('qemu', g1, c));
    ok(long.setIommu('qemu', c));
    ok(long.getDeviceFd('qemu', g1, 'gpu'));
    const g2 = ok(long.openGroup('qemu', 'nic'));
    ok(long.setContainer('qemu', g2, c));
    ok(long.getDeviceFd('qemu', g2, 'nic'));

    expect(objects(short)).toEqual(objects(long));
    expect(objects(short).containers).toEqual([{ kref: 3, groups: 2, iommu: true }]);
    expect(objects(short).groups).toEqual([{ opened: true, users: 2, joined: true }, { opened: true, users: 2, joined: true }]);
  });

  it('a second open of the same device reuses the group and container files', () => {
    const m = twoDevices('qemu');
    ok(m.openDevice('qemu', 'gpu'));
    ok(m.openDevice('qemu', 'gpu'));
    const { files, groups } = objects(m);
    expect(files.filter((f) => f.includes('vfio-container')).length).toBe(1);
    expect(files.filter((f) => f.includes('vfio-group')).length).toBe(1);
    expect(groups).toEqual([{ opened: true, users: 3, joined: true }]);
    expect(m.teardown()).toEqual([]);
  });
});

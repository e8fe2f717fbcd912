// The vfio group, /dev/vfio/N (drivers/vfio/vfio.c, v5.12: vfio_group_fops_open,
// vfio_group_fops_release, vfio_group_set_container, vfio_group_unset_container,
// vfio_group_try_dissolve_container, __vfio_group_unset_container,
// vfio_group_get_device_fd). A group has one open file at a time; it joins one
// container; every device fd taken from it counts as a container user, and the last
// user to go takes the group out of its container (the last group out releases the
// container's IOMMU, and with it every vfio_dma).
import { errno } from '../kernel/index.ts';
import type { Kernel } from '../machine/kernel.ts';
import { alloc_file, fd_install, type file, type file_operations, type task_struct } from '../mm/index.ts';
import {
  vfio_container_from_file, vfio_container_get, vfio_container_put, type vfio_group,
} from './container.ts';
import { vfio_device_open } from './device_fd.ts';
import { vfio_iommu_type1_attach_group, vfio_iommu_type1_detach_group } from './type1/attach.ts';
import { vfio_iommu_type1_release } from './type1/unmap_dma.ts';
import type { vfio_device } from './vfio_device.ts';

/**
 * The vfio_group of a device (vfio_group_get_from_iommu / vfio_create_group at
 * registration in the kernel; made on first use here). A PCI device's group follows its
 * iommu group; an mdev gets a group of its own.
 */
export function vfio_group_of(k: Kernel, vdev: vfio_device): vfio_group {
  const known = k.vfio.groups.get(vdev);
  if (known) return known;
  const iommu_group = vdev.pdev ? k.iommu.iommu_group_get(vdev.pdev) : null;
  const group: vfio_group = {
    id: k.vfio.nextGroupId++, iommu_group, devices: [vdev], opened: false, container: null, container_users: 0,
  };
  k.vfio.groups.set(vdev, group);
  return group;
}

function vfio_group_fops(k: Kernel, group: vfio_group): file_operations {
  return { release: () => vfio_group_fops_release(k, group) };
}

/** open("/dev/vfio/N") (vfio_group_fops_open): the fd, or -EBUSY while the group is open or still in a container. */
export function vfio_group_fops_open(k: Kernel, task: task_struct, group: vfio_group): number {
  if (group.opened) return -errno.EBUSY;
  if (group.container) return -errno.EBUSY;
  group.opened = true;
  return fd_install(task, alloc_file(k, `vfio-group:${group.id}`, vfio_group_fops(k, group), group));
}

/** The group behind a file, if it is a group file. */
export function vfio_group_from_file(k: Kernel, f: file | null): vfio_group | undefined {
  const g = f?.private_data;
  for (const group of k.vfio.groups.values()) if (group === g) return group;
  return undefined;
}

/** vfio_group_fops_release(): the group fd's container user goes, then the group may be opened again. */
export function vfio_group_fops_release(k: Kernel, group: vfio_group): void {
  vfio_group_try_dissolve_container(k, group);
  group.opened = false;
}

/**
 * VFIO_GROUP_SET_CONTAINER (vfio_group_set_container): 0; -EINVAL when the group already
 * has container users or the fd is not a container; -errno from attaching the group to
 * an IOMMU the container already has. The group takes a container reference.
 */
export function vfio_group_set_container(k: Kernel, group: vfio_group, containerFile: file | null): number {
  if (group.container_users) return -errno.EINVAL;
  if (!containerFile) return -errno.EBADF;
  const container = vfio_container_from_file(k, containerFile);
  if (!container) return -errno.EINVAL;
  if (container.iommu) {
    const ret = vfio_iommu_type1_attach_group(k, container.iommu, group);
    if (ret) return ret;
  }
  group.container = container;
  container.group_list.push(group);
  vfio_container_get(k, container);
  group.container_users += 1;
  return 0;
}

/** VFIO_GROUP_UNSET_CONTAINER (vfio_group_unset_container): -EINVAL without a container, -EBUSY while device fds are open. */
export function vfio_group_unset_container(k: Kernel, group: vfio_group): number {
  if (group.container_users === 0) return -errno.EINVAL;
  if (group.container_users !== 1) return -errno.EBUSY;
  group.container_users = 0;
  __vfio_group_unset_container(k, group);
  return 0;
}

/** vfio_group_try_dissolve_container(): drops one container user; the last takes the group out. */
export function vfio_group_try_dissolve_container(k: Kernel, group: vfio_group): void {
  if (group.container_users <= 0) return;
  group.container_users -= 1;
  if (group.container_users === 0) __vfio_group_unset_container(k, group);
}

/**
 * __vfio_group_unset_container(): detach the group from the IOMMU; the last group out
 * "deprivileges" the container: type1 is released (every vfio_dma removed). Then the
 * group's container reference goes.
 */
function __vfio_group_unset_container(k: Kernel, group: vfio_group): void {
  const container = group.container;
  if (!container) throw new Error(`vfio group ${group.id}: container users but no container`);
  const iommu = container.iommu;
  if (iommu) vfio_iommu_type1_detach_group(k, iommu, group);
  group.container = null;
  container.group_list.splice(container.group_list.indexOf(group), 1);
  if (iommu && container.group_list.length === 0) {
    container.iommu = null;
    vfio_iommu_type1_release(k, iommu);
  }
  vfio_container_put(k, container);
}

/** vfio_group_viable(): every device of the group is bound to a vfio driver (registered). */
function vfio_group_viable(group: vfio_group): boolean {
  return group.devices.every((d) => d.state === 'registered');
}

/**
 * VFIO_GROUP_GET_DEVICE_FD (vfio_group_get_device_fd): -EINVAL unless the group is in a
 * container whose IOMMU is set and the group is viable; else the device fd (or -ENODEV /
 * an open_device error). The device fd is a container user until it is released.
 */
export function vfio_group_get_device_fd(k: Kernel, task: task_struct, group: vfio_group, vdev: vfio_device): number {
  if (group.container_users === 0 || !group.container?.iommu || !vfio_group_viable(group)) return -errno.EINVAL;
  if (!group.devices.includes(vdev)) return -errno.ENODEV;
  const fd = vfio_device_open(k, task, vdev, () => vfio_group_try_dissolve_container(k, group));
  if (fd >= 0) group.container_users += 1;
  return fd;
}


// The user-space side of the vfio uapi, as QEMU drives it: open /dev/vfio/vfio and
// /dev/vfio/N, VFIO_GROUP_SET_CONTAINER, VFIO_SET_IOMMU, VFIO_GROUP_GET_DEVICE_FD, and
// the container ioctls MAP_DMA / UNMAP_DMA, each resolving its fd through the calling
// task's fd table (so a fork child's inherited fds reach the same files). The shorthand
// open_device_fd() runs the same calls in QEMU's order (hw/vfio: vfio_get_group opens
// the group, then vfio_connect_container the container), reusing whatever the task
// already holds: it builds exactly the objects the explicit steps build.
import { errno } from '../kernel/index.ts';
import type { task_struct } from '../mm/index.ts';
import {
  vfio_container_from_file, vfio_fops_open, vfio_ioctl_set_iommu, type vfio_container, type vfio_group,
} from '../vfio/container.ts';
import {
  vfio_group_fops_open, vfio_group_from_file, vfio_group_get_device_fd, vfio_group_of, vfio_group_set_container,
  vfio_group_unset_container,
} from '../vfio/group.ts';
import { vfio_dma_do_map } from '../vfio/type1/map_dma.ts';
import type { vfio_iommu_type1_dma_map, vfio_iommu_type1_dma_unmap } from '../vfio/type1/uapi.ts';
import { vfio_dma_do_unmap } from '../vfio/type1/unmap_dma.ts';
import type { vfio_iommu } from '../vfio/type1/vfio_iommu.ts';
import type { vfio_device } from '../vfio/vfio_device.ts';
import type { Kernel } from './kernel.ts';

/** The task's fds in ascending order. */
function fdsOf(t: task_struct): number[] {
  return [...t.files.keys()].sort((a, b) => a - b);
}

/** The container behind fd: -EBADF when fd is not open, -ENOTTY when it is another kind of file. */
function containerAt(k: Kernel, t: task_struct, fd: number): vfio_container | number {
  const f = t.files.get(fd);
  if (!f) return -errno.EBADF;
  return vfio_container_from_file(k, f) ?? -errno.ENOTTY;
}

function groupAt(k: Kernel, t: task_struct, fd: number): vfio_group | number {
  const f = t.files.get(fd);
  if (!f) return -errno.EBADF;
  return vfio_group_from_file(k, f) ?? -errno.ENOTTY;
}

/** The lowest container fd of the task (the one QEMU opened first, or inherited), or undefined. */
export function default_container_fd(k: Kernel, t: task_struct): number | undefined {
  // The lowest such fd, found in one pass: every MAP_DMA asks (65535 of them in a repeat).
  let best: number | undefined;
  for (const [fd, f] of t.files) {
    if ((best === undefined || fd < best) && vfio_container_from_file(k, f) !== undefined) best = fd;
  }
  return best;
}

/** open("/dev/vfio/N") for the device's group: the fd, or -ENODEV / -EBUSY. */
export function open_group(k: Kernel, t: task_struct, vdev: vfio_device | null): number {
  if (!vdev || vdev.state !== 'registered') return -errno.ENODEV;
  return vfio_group_fops_open(k, t, vfio_group_of(k, vdev));
}

export function set_container(k: Kernel, t: task_struct, groupFd: number, containerFd: number): number {
  const group = groupAt(k, t, groupFd);
  if (typeof group === 'number') return group;
  return vfio_group_set_container(k, group, t.files.get(containerFd) ?? null);
}

export function unset_container(k: Kernel, t: task_struct, groupFd: number): number {
  const group = groupAt(k, t, groupFd);
  return typeof group === 'number' ? group : vfio_group_unset_container(k, group);
}

export function set_iommu(k: Kernel, t: task_struct, containerFd: number): number {
  const c = containerAt(k, t, containerFd);
  return typeof c === 'number' ? c : vfio_ioctl_set_iommu(k, c);
}

export function get_device_fd(k: Kernel, t: task_struct, groupFd: number, vdev: vfio_device | null): number {
  const group = groupAt(k, t, groupFd);
  if (typeof group === 'number') return group;
  if (!vdev) return -errno.ENODEV;
  return vfio_group_get_device_fd(k, t, group, vdev);
}

/**
 * The shorthand "open a device": the group fd the task holds (or open /dev/vfio/N), then,
 * if the group is in no container, the task's container fd (or open /dev/vfio/vfio) and
 * SET_CONTAINER, then SET_IOMMU if the container has none, then GET_DEVICE_FD. Each call
 * leaves its fd in the task's table, as QEMU's would; the first error is returned.
 */
export function open_device_fd(k: Kernel, t: task_struct, vdev: vfio_device | null): number {
  if (!vdev || vdev.state !== 'registered') return -errno.ENODEV;
  const group = vfio_group_of(k, vdev);
  let groupFd = fdsOf(t).find((fd) => t.files.get(fd)?.private_data === group);
  if (groupFd === undefined) {
    const ret = vfio_group_fops_open(k, t, group);
    if (ret < 0) return ret;
    groupFd = ret;
  }
  if (!group.container) {
    let containerFd = default_container_fd(k, t);
    if (containerFd === undefined) containerFd = vfio_fops_open(k, t);
    const ret = set_container(k, t, groupFd, containerFd);
    if (ret) return ret;
  }
  const container = group.container;
  if (container && !container.iommu) {
    const ret = vfio_ioctl_set_iommu(k, container);
    if (ret) return ret;
  }
  return vfio_group_get_device_fd(k, t, group, vdev);
}

/**
 * The type1 backend behind a container fd (the task's default one when fd is undefined):
 * -EBADF without one, -ENOTTY for another kind of file, -EINVAL before VFIO_SET_IOMMU
 * (vfio_fops_unl_ioctl passes unknown ioctls only to a set driver).
 */
function iommuOf(k: Kernel, t: task_struct, fd: number | undefined): vfio_iommu | number {
  const at = fd ?? default_container_fd(k, t);
  if (at === undefined) return -errno.EBADF;
  const c = containerAt(k, t, at);
  if (typeof c === 'number') return c;
  return c.iommu ?? -errno.EINVAL;
}

/** VFIO_IOMMU_MAP_DMA on a container fd. */
export function map_dma(k: Kernel, t: task_struct, m: vfio_iommu_type1_dma_map, containerFd?: number): number {
  const iommu = iommuOf(k, t, containerFd);
  return typeof iommu === 'number' ? iommu : vfio_dma_do_map(k, iommu, t, m);
}

/** VFIO_IOMMU_UNMAP_DMA on a container fd: bytes unmapped or -errno. */
export function unmap_dma(k: Kernel, t: task_struct, unmap: vfio_iommu_type1_dma_unmap, containerFd?: number): number {
  const iommu = iommuOf(k, t, containerFd);
  return typeof iommu === 'number' ? iommu : vfio_dma_do_unmap(k, iommu, unmap, t);
}

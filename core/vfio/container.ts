// The vfio container, /dev/vfio/vfio (drivers/vfio/vfio.c, v5.12: vfio_fops_open,
// vfio_fops_release, vfio_ioctl_set_iommu, vfio_container_put). A container is a file:
// every fd that refers to it (the opener's, a fork child's copy) shares one struct file,
// and the container itself is kref-counted by that file and by every group joined to
// it. The IOMMU backend (type1's vfio_iommu) is set by VFIO_SET_IOMMU, needs at least
// one group, and goes away when the last group leaves (__vfio_group_unset_container),
// not when the container fd is closed.
import { errno, refcount_dec_and_test, refcount_inc, refcount_t } from '../kernel/index.ts';
import type { iommu_group } from '../iommu/index.ts';
import type { Kernel } from '../machine/kernel.ts';
import { alloc_file, fd_install, type file, type file_operations, type task_struct } from '../mm/index.ts';
import { vfio_iommu_type1_attach_group, vfio_iommu_type1_detach_group, vfio_iommu_type1_open } from './type1/attach.ts';
import { vfio_iommu_type1_release } from './type1/unmap_dma.ts';
import type { vfio_iommu } from './type1/vfio_iommu.ts';
import type { vfio_device } from './vfio_device.ts';

/** struct vfio_container. */
export interface vfio_container {
  readonly id: number;
  /** kref: the container file, plus one per group in group_list. */
  readonly kref: refcount_t;
  readonly group_list: vfio_group[];
  /** container->iommu_data once VFIO_SET_IOMMU chose type1; null before and after the last group left. */
  iommu: vfio_iommu | null;
}

/** struct vfio_group: /dev/vfio/N of one iommu group (an mdev has a group of its own and no iommu group here). */
export interface vfio_group {
  /** The minor N of /dev/vfio/N. */
  readonly id: number;
  readonly iommu_group: iommu_group | null;
  readonly devices: vfio_device[];
  /** group->opened: only one open file at a time. */
  opened: boolean;
  container: vfio_container | null;
  /** group->container_users: the group fd's SET_CONTAINER plus one per device fd. */
  container_users: number;
}

function vfio_fops(k: Kernel, container: vfio_container): file_operations {
  return { release: () => vfio_fops_release(k, container) };
}

/** open("/dev/vfio/vfio") (vfio_fops_open): a new, empty container; returns the fd. */
export function vfio_fops_open(k: Kernel, task: task_struct): number {
  const container: vfio_container = { id: k.vfio.nextContainerId++, kref: new refcount_t(1), group_list: [], iommu: null };
  k.vfio.containers.add(container);
  return fd_install(task, alloc_file(k, `vfio-container:${container.id}`, vfio_fops(k, container), container));
}

/** The container behind a file, if its f_op is vfio_fops (the check vfio_group_set_container makes). */
export function vfio_container_from_file(k: Kernel, f: file | null): vfio_container | undefined {
  const c = f?.private_data;
  for (const live of k.vfio.containers) if (live === c) return live;
  return undefined;
}

/** vfio_container_get(). */
export function vfio_container_get(k: Kernel, container: vfio_container): void {
  refcount_inc(k, container.kref);
}

/** vfio_container_put(): the last reference frees the container (vfio_container_release). */
export function vfio_container_put(k: Kernel, container: vfio_container): void {
  if (refcount_dec_and_test(k, container.kref)) k.vfio.containers.delete(container);
}

/**
 * vfio_fops_release(): the last close of the container file drops the file's reference.
 * Groups still joined keep the container, and its IOMMU mappings, alive.
 */
export function vfio_fops_release(k: Kernel, container: vfio_container): void {
  vfio_container_put(k, container);
}

/**
 * VFIO_SET_IOMMU (vfio_ioctl_set_iommu): -EINVAL when the container has no group or an
 * IOMMU already; otherwise opens type1 and attaches every group of the container
 * (__vfio_container_attach_groups, unwound on failure). Returns 0 or -errno.
 */
export function vfio_ioctl_set_iommu(k: Kernel, container: vfio_container): number {
  if (container.group_list.length === 0 || container.iommu) return -errno.EINVAL;
  const iommu = vfio_iommu_type1_open(k);
  const attached: vfio_group[] = [];
  for (const group of container.group_list) {
    const ret = vfio_iommu_type1_attach_group(k, iommu, group);
    if (ret) {
      for (const g of attached.reverse()) vfio_iommu_type1_detach_group(k, iommu, g);
      vfio_iommu_type1_release(k, iommu);
      return ret;
    }
    attached.push(group);
  }
  container.iommu = iommu;
  return 0;
}

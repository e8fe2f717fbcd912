// The vfio device file (drivers/vfio/vfio_main.c: vfio_device_open_file,
// vfio_device_fops_release, vfio_device_fops_mmap). The fd and every vma made from it
// hold a file reference, so close_device runs only after the last of them is gone.
import { errno } from '../kernel/index.ts';
import type { Kernel } from '../machine/kernel.ts';
import { alloc_file, fd_install, type file, type file_operations, type task_struct } from '../mm/index.ts';
import { vfio_device_put_registration, vfio_device_try_get_registration, type vfio_device } from './vfio_device.ts';

function vfio_device_fops(k: Kernel, vdev: vfio_device, onRelease?: () => void): file_operations {
  return {
    mmap(_f: file, vma) {
      const op = vdev.ops.mmap;
      if (!op) return -errno.EINVAL;
      k.cost.indirectCalls += 1;
      return k.design.vfio_mmap(k, vdev, vma, () => op(vdev, vma));
    },
    release() {
      vdev.open_count -= 1;
      if (vdev.open_count === 0) {
        k.cost.indirectCalls += 1;
        vdev.ops.close_device?.(vdev);
      }
      // v5.12 vfio_device_fops_release: the group loses a container user before the device reference goes.
      onRelease?.();
      vfio_device_put_registration(k, vdev, 'vfio_device_fops_release');
    },
  };
}

/**
 * The device half of VFIO_GROUP_GET_DEVICE_FD (the group checks are in group.ts):
 * returns the new fd, or -ENODEV / -errno from open_device. `onRelease` runs when the
 * file is released, after close_device (the group's vfio_group_try_dissolve_container).
 */
export function vfio_device_open(k: Kernel, task: task_struct, vdev: vfio_device, onRelease?: () => void): number {
  if (!vfio_device_try_get_registration(k, vdev, 'vfio_device_open_file')) return -errno.ENODEV;
  if (vdev.open_count === 0 && vdev.ops.open_device) {
    k.cost.indirectCalls += 1;
    const ret = vdev.ops.open_device(vdev);
    if (ret < 0) {
      vfio_device_put_registration(k, vdev, 'vfio_device_open_file');
      return ret;
    }
  }
  vdev.open_count += 1;
  const f = alloc_file(k, `vfio-device:${vdev.name}`, vfio_device_fops(k, vdev, onRelease), vdev, vdev.mapping ?? undefined);
  vdev.mapping = f.f_mapping;
  return fd_install(task, f);
}

/** The vfio_device behind a file, if it is a vfio device file. */
export function vfio_device_from_file(k: Kernel, f: file | null): vfio_device | undefined {
  if (!f) return undefined;
  const pd = f.private_data;
  for (const vdev of k.vfio.devices.values()) if (vdev === pd) return vdev;
  return undefined;
}

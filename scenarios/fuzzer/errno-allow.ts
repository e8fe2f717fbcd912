// The errno allow-list: for each step kind, the errnos the real kernel can return for
// that call. It comes from the Linux man pages (ERRORS sections of mmap(2), munmap(2),
// mprotect(2), mremap(2), fork(2), close(2), pread(2), ioctl(2)) and, for the vfio
// ioctls, from the v5.12 sources: vfio_group_get_device_fd(), vfio_iommu_type1_ioctl()
// -> vfio_dma_do_map() / vfio_dma_do_unmap(), vaddr_get_pfns() (pin_user_pages_remote,
// follow_fault_pfn -> fixup_user_fault), vfio_pci_ioctl() VFIO_DEVICE_RESET,
// vfio_pci_config_rw() and vfio_pci_bar_rw(); EOPNOTSUPP for MAP_DMA from iommufd's
// dma-buf import (the later kernel's direction). It is written from those sources, not
// from what the simulation returns, so a design or core path inventing an errno (or
// leaking an internal one) is caught. A DMA returns no errno (an IOMMU fault instead).
import type { StepKind } from '../schema.ts';

const ALLOC = ['ENOMEM'] as const;

export const ERRNO_ALLOWED: Readonly<Record<StepKind, readonly string[]>> = {
  // VFIO_GROUP_GET_DEVICE_FD: device gone or not viable, group busy, open_device() failure.
  'open-device': ['ENODEV', 'EBUSY', 'EPERM', 'EINVAL', 'EIO', 'ENOENT', 'EMFILE', ...ALLOC],
  // v5.12 vfio.c: vfio_fops_open() -ENOMEM; vfio_group_fops_open() -ENODEV, -EPERM (noiommu),
  // -EBUSY (opened, or still in a container); vfio_group_set_container() -EINVAL (already
  // set, not a container fd), -EBADF, -EPERM, attach_group errors (-EBUSY, -ENODEV,
  // -EINVAL, -ENOMEM); vfio_group_unset_container() -EINVAL, -EBUSY;
  // vfio_ioctl_set_iommu() -EINVAL (no group, already set), -ENODEV; ioctl(2): -EBADF,
  // -ENOTTY (an ioctl on the wrong kind of file).
  'open-container': ['EMFILE', 'ENFILE', 'ENOENT', 'ENODEV', ...ALLOC],
  'open-group': ['ENODEV', 'EPERM', 'EBUSY', 'ENOENT', 'EMFILE', 'ENFILE', ...ALLOC],
  'set-container': ['EINVAL', 'EBADF', 'EPERM', 'EBUSY', 'ENODEV', 'EIO', 'ENOTTY', 'EFAULT', ...ALLOC],
  'unset-container': ['EINVAL', 'EBUSY', 'EBADF', 'ENOTTY'],
  'set-iommu': ['EINVAL', 'ENODEV', 'EBUSY', 'EPERM', 'EBADF', 'ENOTTY', ...ALLOC],
  'get-device-fd': ['ENODEV', 'EBUSY', 'EPERM', 'EINVAL', 'EIO', 'ENOENT', 'EMFILE', 'EBADF', 'ENOTTY', ...ALLOC],
  'open-chardev': ['ENODEV', 'ENXIO', 'EMFILE', ...ALLOC],
  'close': ['EBADF', 'EINTR', 'EIO'],
  // mmap(2) ERRORS; vfio_pci_mmap(): -EINVAL for a bad region, size or offset.
  'mmap': ['EACCES', 'EAGAIN', 'EBADF', 'EEXIST', 'EINVAL', 'ENFILE', 'ENODEV', 'EOVERFLOW', 'EPERM', 'ETXTBSY', 'EIO', ...ALLOC],
  'munmap': ['EINVAL', ...ALLOC],
  'mprotect': ['EACCES', 'EINVAL', ...ALLOC],
  'mremap': ['EAGAIN', 'EFAULT', 'EINVAL', ...ALLOC],
  'fork': ['EAGAIN', 'ENOSYS', ...ALLOC],
  'exit': [],
  // A CPU access that faults delivers SIGSEGV/SIGBUS; the runner records it as EFAULT.
  'cpu-read': ['EFAULT'],
  'cpu-write': ['EFAULT'],
  // vfio_dma_do_map(): -EINVAL (size, alignment, flags, iova range), -EEXIST (overlap),
  // -ENOSPC (dma_entry_limit), -ENOMEM; vaddr_get_pfns(): -EFAULT, -EBUSY, -EINTR,
  // -EHWPOISON; vfio_device_get_from_vma() in the 2021 proposals: -ENODEV; iommu_map(): -ERANGE.
  // On the container fd: -EINVAL before VFIO_SET_IOMMU (vfio_fops_unl_ioctl), ioctl(2)'s
  // -EBADF (no such fd) and -ENOTTY (not a container). ENOTTY also from the dma-buf
  // export folded into it: v6.19 vfio_ioctl_device_feature() for a device with no
  // device_feature op (an mdev).
  'map-dma': ['EINVAL', 'EEXIST', 'ENOSPC', 'EFAULT', 'EBUSY', 'EINTR', 'EHWPOISON', 'ENODEV', 'EPERM', 'ERANGE', 'EOPNOTSUPP', 'EBADF', 'ENOTTY', ...ALLOC],
  // vfio_dma_do_unmap(): -EINVAL (alignment, bisecting a mapping), -EPERM (wrong task);
  // another task's mapping is not an errno (the walk stops, success with fewer bytes);
  // the container fd as for map-dma.
  'unmap-dma': ['EINVAL', 'EPERM', 'EFAULT', 'EBADF', 'ENOTTY'],
  // The wrap checks follow v5.12 (-EINVAL); -EOVERFLOW (v6.18) is not in these lists.
  // A repeat returns what its inner step (map-dma, unmap-dma, a DMA or CPU access) returned.
  'repeat': ['EINVAL', 'EEXIST', 'ENOSPC', 'EFAULT', 'EBUSY', 'EINTR', 'EHWPOISON', 'ENODEV', 'EPERM', 'ERANGE', 'EOPNOTSUPP', 'EBADF', 'ENOTTY', ...ALLOC],
  'dma-read': [],
  'dma-write': [],
  // pwrite of PCI_COMMAND through the config region: vfio_pci_config_rw(), ioctl(2)'s EBADF.
  'decode-off': ['EBADF', 'EFAULT', 'EINVAL', 'EIO', 'ENODEV', 'EPERM'],
  'decode-on': ['EBADF', 'EFAULT', 'EINVAL', 'EIO', 'ENODEV', 'EPERM'],
  // VFIO_DEVICE_RESET: -EINVAL without reset_works, pci_try_reset_function(): -EAGAIN, -ENOTTY, -EBUSY.
  'reset': ['EBADF', 'EINVAL', 'EAGAIN', 'ENOTTY', 'EBUSY', 'ENODEV', 'EIO', ...ALLOC],
  // VFIO_DEVICE_GET_INFO / GET_REGION_INFO (v5.12 vfio_pci_ioctl): -EFAULT, -EINVAL
  // (argsz, region index); ioctl(2)'s EBADF.
  'device-info': ['EBADF', 'EFAULT', 'EINVAL'],
  'region-info': ['EBADF', 'EFAULT', 'EINVAL', ...ALLOC],
  // pread/pwrite of the config region: vfio_pci_config_rw() -EINVAL, -EFAULT, -EIO.
  'config-read': ['EBADF', 'EFAULT', 'EINVAL', 'EIO', 'ENODEV', 'EPERM'],
  'config-write': ['EBADF', 'EFAULT', 'EINVAL', 'EIO', 'ENODEV', 'EPERM'],
  // pread(2) on the device fd: vfio_pci_bar_rw() -EINVAL, -EIO (decode off), -EFAULT.
  'fd-read': ['EBADF', 'EINVAL', 'EIO', 'EFAULT', 'ENODEV'],
  'hot-unplug': ['ENODEV'],
  // kill(2): -ESRCH when no task waits in the device's removal.
  'signal-removal': ['ESRCH'],
  'sleep': [],
  // pci_assign_resource(): -EBUSY / -ENOMEM when no window fits; probe(): -ENODEV.
  'hot-plug': ['EBUSY', 'ENODEV', 'ENOSPC', ...ALLOC],
  'driver-mistake': [],
  'fail-nth': [],
};

/** Whether `errno` (a name like "EINVAL") is one the kernel can return for `kind`. */
export function errnoAllowed(kind: StepKind, errno: string): boolean {
  return ERRNO_ALLOWED[kind].includes(errno);
}

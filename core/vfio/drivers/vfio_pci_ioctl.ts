// vfio-pci's information ioctls and its config-region access, after v5.12
// drivers/vfio/pci/vfio_pci.c vfio_pci_ioctl() (VFIO_DEVICE_GET_INFO,
// VFIO_DEVICE_GET_REGION_INFO) and vfio_pci_config.c (vfio_basic_config_read/write with
// the basic header's permission bits). What the kernel's own selftest
// (tools/testing/selftests/vfio/vfio_pci_device_test.c) checks is what must hold here.
import { errno } from '../../kernel/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import {
  IORESOURCE_MEM, PCI_COMMAND, PCI_DEVICE_ID, PCI_VENDOR_ID, pci_read_config_word, pci_resource_flags, pci_resource_len,
} from '../../pci/index.ts';
import type { vfio_device } from '../vfio_device.ts';
import {
  VFIO_PCI_CONFIG_REGION_INDEX, VFIO_PCI_INDEX_TO_OFFSET, VFIO_PCI_ROM_REGION_INDEX, pdev_of, vfio_pci_write_command,
} from './vfio_pci.ts';

export const VFIO_DEVICE_FLAGS_RESET = 1 << 0;
export const VFIO_DEVICE_FLAGS_PCI = 1 << 1;
export const VFIO_REGION_INFO_FLAG_READ = 1 << 0;
export const VFIO_REGION_INFO_FLAG_WRITE = 1 << 1;
export const VFIO_REGION_INFO_FLAG_MMAP = 1 << 2;
export const VFIO_PCI_VGA_REGION_INDEX = 8;
/** BAR0-5, ROM, config, VGA. */
export const VFIO_PCI_NUM_REGIONS = 9;
/** INTx, MSI, MSI-X, ERR, REQ. */
export const VFIO_PCI_NUM_IRQS = 5;
/** PCI_CFG_SPACE_SIZE: the model's devices are conventional PCI, not PCIe (4096). */
export const PCI_CFG_SPACE_SIZE = 256;

export interface vfio_device_info {
  readonly flags: number;
  readonly num_regions: number;
  readonly num_irqs: number;
}

export interface vfio_region_info {
  readonly index: number;
  readonly flags: number;
  readonly size: number;
  readonly offset: number;
}

/**
 * VFIO_DEVICE_GET_INFO: FLAGS_PCI, plus FLAGS_RESET when reset works (here always: the
 * model's devices all do FLR), nine regions and five irq indexes (no device-specific
 * regions).
 */
export function vfio_pci_ioctl_get_info(_k: Kernel, _vdev: vfio_device): vfio_device_info {
  return { flags: VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET, num_regions: VFIO_PCI_NUM_REGIONS, num_irqs: VFIO_PCI_NUM_IRQS };
}

/**
 * VFIO_DEVICE_GET_REGION_INFO: the region's mmap offset (index << 40), size and flags,
 * or -EINVAL for VGA on a non-VGA device and for an index past the last region.
 * A BAR of size 0 has no flags; a memory BAR is READ|WRITE|MMAP (v5.12
 * vfio_pci_probe_mmaps marks every memory BAR mmap-able, a sub-page one through a
 * dummy resource), an I/O BAR READ|WRITE. The ROM is not modelled: size 0, no flags.
 */
export function vfio_pci_ioctl_get_region_info(_k: Kernel, vdev: vfio_device, index: number): vfio_region_info | number {
  const pdev = pdev_of(vdev);
  const offset = VFIO_PCI_INDEX_TO_OFFSET(index);
  const rw = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
  if (index === VFIO_PCI_CONFIG_REGION_INDEX) return { index, offset, size: PCI_CFG_SPACE_SIZE, flags: rw };
  if (index >= 0 && index < VFIO_PCI_ROM_REGION_INDEX) {
    const size = pci_resource_len(pdev, index);
    if (!size) return { index, offset, size: 0, flags: 0 };
    const mmap = pci_resource_flags(pdev, index) & IORESOURCE_MEM ? VFIO_REGION_INFO_FLAG_MMAP : 0;
    return { index, offset, size, flags: rw | mmap };
  }
  if (index === VFIO_PCI_ROM_REGION_INDEX) return { index, offset, size: 0, flags: 0 };
  return -errno.EINVAL; // VGA (no has_vga) or past VFIO_PCI_NUM_REGIONS + num_regions
}

/**
 * A 16-bit read of the config region (vfio_pci_config_rw -> vfio_basic_config_read):
 * vendor and device ids come from vconfig, filled from the device at open; the command
 * register from the device (only INTx-disable is virtual, and the model has no INTx).
 * -EINVAL for an offset past the config space.
 */
export function vfio_pci_config_read(_k: Kernel, vdev: vfio_device, where: number): number {
  const pdev = pdev_of(vdev);
  if (where < 0 || where + 2 > PCI_CFG_SPACE_SIZE) return -errno.EINVAL;
  if (where === PCI_VENDOR_ID || where === PCI_DEVICE_ID || where === PCI_COMMAND) return pci_read_config_word(pdev, where);
  return 0;
}

/**
 * A 16-bit write of the config region: PCI_COMMAND goes through vfio_basic_config_write
 * (zap on decode off, then the write); vendor and device ids are NO_WRITE and other
 * registers are not modelled, so those writes are dropped. Returns 0, or -EINVAL.
 */
export function vfio_pci_config_write(k: Kernel, vdev: vfio_device, where: number, value: number): number {
  if (where < 0 || where + 2 > PCI_CFG_SPACE_SIZE) return -errno.EINVAL;
  if (where === PCI_COMMAND) return vfio_pci_write_command(k, vdev, value & 0xffff);
  return 0;
}

// v5.12 vfio_pci_ioctl() VFIO_DEVICE_GET_INFO / VFIO_DEVICE_GET_REGION_INFO and the
// config region (vfio_basic_config_read/write), with what vfio_pci_device_test.c
// asserts: regions at index << 40, memory BARs mmap-able, bus mastering off after open.
import { describe, expect, it } from 'vitest';
import { errno } from '../../kernel/index.ts';
import { ok } from '../../machine/testing.ts';
import { Machine } from '../../machine/machine.ts';
import { PCI_COMMAND, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY } from '../../pci/index.ts';
import { VFIO_DEVICE_FLAGS_PCI, VFIO_DEVICE_FLAGS_RESET, VFIO_REGION_INFO_FLAG_MMAP, VFIO_REGION_INFO_FLAG_READ, VFIO_REGION_INFO_FLAG_WRITE } from './vfio_pci_ioctl.ts';

const RW = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;

function gpu(): { m: Machine; fd: number } {
  const m = new Machine({ seed: 1 });
  ok(m.addPci('gpu', [{ size: 1 << 20, kind: 'mem32' }, { size: 0x100, kind: 'io' }, null, { size: 4 << 20, kind: 'mem64' }, null], 'vfio-pci'));
  m.spawn('qemu');
  return { m, fd: ok(m.openDevice('qemu', 'gpu')) };
}

describe('vfio_pci_ioctl (v5.12)', () => {
  it('GET_INFO: a resettable PCI device with nine regions and five irq indexes', () => {
    const { m, fd } = gpu();
    expect(m.deviceInfo('qemu', fd)).toEqual({ flags: VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET, num_regions: 9, num_irqs: 5 });
  });

  it('GET_REGION_INFO: BARs at index << 40, memory BARs mmap-able, absent BARs empty, config 256 bytes', () => {
    const { m, fd } = gpu();
    expect(m.regionInfo('qemu', fd, 0)).toEqual({ index: 0, offset: 0, size: 1 << 20, flags: RW | VFIO_REGION_INFO_FLAG_MMAP });
    expect(m.regionInfo('qemu', fd, 1)).toEqual({ index: 1, offset: 2 ** 40, size: 0x100, flags: RW });
    expect(m.regionInfo('qemu', fd, 2)).toEqual({ index: 2, offset: 2 * 2 ** 40, size: 0, flags: 0 });
    expect(m.regionInfo('qemu', fd, 3)).toEqual({ index: 3, offset: 3 * 2 ** 40, size: 4 << 20, flags: RW | VFIO_REGION_INFO_FLAG_MMAP });
    expect(m.regionInfo('qemu', fd, 7)).toEqual({ index: 7, offset: 7 * 2 ** 40, size: 256, flags: RW });
  });

  it('GET_REGION_INFO: VGA on a non-VGA device and an index past the regions are -EINVAL', () => {
    const { m, fd } = gpu();
    expect(m.regionInfo('qemu', fd, 8)).toBe(-errno.EINVAL);
    expect(m.regionInfo('qemu', fd, 9)).toBe(-errno.EINVAL);
  });

  it('a closed fd is -EBADF', () => {
    const { m, fd } = gpu();
    ok(m.close('qemu', fd));
    expect(m.regionInfo('qemu', fd, 0)).toBe(-errno.EBADF);
  });
});

describe('vfio_pci_enable and the config region', () => {
  it('after open memory decode is on and bus mastering off (pci_clear_master, pci_enable_device)', () => {
    const { m, fd } = gpu();
    const cmd = ok(m.configRead('qemu', fd, PCI_COMMAND));
    expect(cmd & PCI_COMMAND_MEMORY).toBe(PCI_COMMAND_MEMORY);
    expect(cmd & PCI_COMMAND_MASTER).toBe(0);
  });

  it('vendor and device ids read back; writing them is dropped; MASTER sets and clears', () => {
    const { m, fd } = gpu();
    expect(m.configRead('qemu', fd, 0)).toBe(0x1b36);
    expect(m.configRead('qemu', fd, 2)).toBe(0x0005);
    expect(m.configWrite('qemu', fd, 0, 0x1234)).toBe(0);
    expect(m.configRead('qemu', fd, 0)).toBe(0x1b36);
    const cmd = ok(m.configRead('qemu', fd, PCI_COMMAND));
    ok(m.configWrite('qemu', fd, PCI_COMMAND, cmd | PCI_COMMAND_MASTER));
    expect(ok(m.configRead('qemu', fd, PCI_COMMAND)) & PCI_COMMAND_MASTER).toBe(PCI_COMMAND_MASTER);
    ok(m.configWrite('qemu', fd, PCI_COMMAND, cmd & ~PCI_COMMAND_MASTER));
    expect(ok(m.configRead('qemu', fd, PCI_COMMAND)) & PCI_COMMAND_MASTER).toBe(0);
  });

  it('an offset past the 256-byte config space is -EINVAL', () => {
    const { m, fd } = gpu();
    expect(m.configRead('qemu', fd, 255)).toBe(-errno.EINVAL);
    expect(m.configWrite('qemu', fd, 256, 0)).toBe(-errno.EINVAL);
  });
});

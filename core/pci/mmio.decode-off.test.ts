import { describe, expect, it } from 'vitest';
import { pci_write_config_word } from './config.ts';
import { mmio_read, mmio_write } from './mmio.ts';
import { PCI_COMMAND, PCI_COMMAND_MEMORY } from './regs.ts';
import { pci_stop_and_remove_bus_device } from './remove.ts';
import { testMachine } from './testing.ts';

const spec = { bars: [{ size: 0x4000, kind: 'mem32' as const }] };

describe('MMIO', () => {
  it('reads back what was written while memory decode is on', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    mmio_write(d, 0, 0x3ffc, 0x1234_5678);
    expect(mmio_read(d, 0, 0x3ffc)).toBe(0x1234_5678);
    expect(mmio_read(d, 0, 0)).toBe(0);
    expect(d.ur_count).toBe(0);
  });

  it('with decode off reads all ones, drops writes and counts Unsupported Requests', () => {
    const { bus, k } = testMachine();
    const d = bus.hotplug(spec);
    mmio_write(d, 0, 8, 7);
    pci_write_config_word(d, PCI_COMMAND, 0);
    expect(mmio_read(d, 0, 8)).toBe(0xffffffff);
    mmio_write(d, 0, 8, 99);
    expect(d.ur_count).toBe(2);
    expect(k.dmesg.format()).toContain('UnsupReq');
    pci_write_config_word(d, PCI_COMMAND, PCI_COMMAND_MEMORY);
    expect(mmio_read(d, 0, 8)).toBe(7);
  });

  it('a removed device answers all ones without counting', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    pci_stop_and_remove_bus_device(d);
    expect(mmio_read(d, 0, 0)).toBe(0xffffffff);
    expect(d.ur_count).toBe(0);
  });

  it('an access outside the BAR or to an unused BAR is a harness bug', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    expect(() => mmio_read(d, 0, 0x4000)).toThrow(/outside/);
    expect(() => mmio_read(d, 1, 0)).toThrow(/unused/);
  });
});

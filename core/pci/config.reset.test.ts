import { describe, expect, it } from 'vitest';
import { ENODEV, ENOTTY } from '../kernel/errno.ts';
import {
  pci_load_saved_state, pci_read_config_word, pci_reset_function, pci_restore_state, pci_save_state,
  pci_store_saved_state, pci_write_config_word, pcie_flr,
} from './config.ts';
import { mmio_read, mmio_write } from './mmio.ts';
import { PCI_COMMAND, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, PCI_VENDOR_ID } from './regs.ts';
import { pci_bind, pci_stop_and_remove_bus_device } from './remove.ts';
import { testDriver, testMachine } from './testing.ts';

const spec = { bars: [{ size: 0x4000, kind: 'mem32' as const }] };

describe('function reset', () => {
  it('pcie_flr zeroes the registers and the command register', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    mmio_write(d, 0, 0x10, 0xdead);
    expect(pcie_flr(d)).toBe(0);
    expect(pci_read_config_word(d, PCI_COMMAND)).toBe(0);
    pci_write_config_word(d, PCI_COMMAND, PCI_COMMAND_MEMORY);
    expect(mmio_read(d, 0, 0x10)).toBe(0);
  });

  it('pci_reset_function restores the command register around the reset', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    const drv = testDriver();
    pci_bind(d, drv);
    pci_write_config_word(d, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    mmio_write(d, 0, 0, 42);
    expect(pci_reset_function(d)).toBe(0);
    expect(pci_read_config_word(d, PCI_COMMAND)).toBe(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    expect(mmio_read(d, 0, 0)).toBe(0);
    expect(drv.calls.slice(1)).toEqual(['reset_prepare 0000:01:00.0', 'reset_done 0000:01:00.0']);
    expect(d.state_saved).toBe(false);
  });

  it('pci_reset_function keeps decode off if it was off', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    pci_write_config_word(d, PCI_COMMAND, 0);
    pci_reset_function(d);
    expect(pci_read_config_word(d, PCI_COMMAND)).toBe(0);
  });

  it('refuses devices without reset and removed devices', () => {
    const { bus } = testMachine();
    expect(pci_reset_function(bus.hotplug({ ...spec, flr: false }))).toBe(-ENOTTY);
    const d = bus.hotplug(spec);
    pci_stop_and_remove_bus_device(d);
    expect(pci_reset_function(d)).toBe(-ENODEV);
    expect(pcie_flr(d)).toBe(-ENODEV);
  });
});

describe('config space', () => {
  it('a removed device reads all ones and refuses writes', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    expect(pci_read_config_word(d, PCI_VENDOR_ID)).toBe(0x1b36);
    pci_stop_and_remove_bus_device(d);
    expect(pci_read_config_word(d, PCI_COMMAND)).toBe(0xffff);
    expect(pci_write_config_word(d, PCI_COMMAND, 0)).toBe(-ENODEV);
  });

  it('pci_restore_state restores once, and a stored state can be loaded back', () => {
    const { bus } = testMachine();
    const d = bus.hotplug(spec);
    pci_save_state(d);
    const stored = pci_store_saved_state(d);
    pci_write_config_word(d, PCI_COMMAND, 0);
    pci_restore_state(d);
    expect(pci_read_config_word(d, PCI_COMMAND)).toBe(PCI_COMMAND_MEMORY);
    pci_write_config_word(d, PCI_COMMAND, 0);
    pci_restore_state(d);
    expect(pci_read_config_word(d, PCI_COMMAND)).toBe(0);
    expect(pci_load_saved_state(d, stored)).toBe(0);
    pci_restore_state(d);
    expect(pci_read_config_word(d, PCI_COMMAND)).toBe(PCI_COMMAND_MEMORY);
    expect(pci_store_saved_state(d)).toBeNull();
  });
});

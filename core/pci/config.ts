// Config space access and function reset (drivers/pci/access.c, drivers/pci/pci.c).
// Raw accessors, no policy: whoever writes PCI_COMMAND gets it, as with the kernel's
// own pci_write_config_word (vfio-pci's policy sits in its config emulation above).
import { ENODEV, ENOTTY } from '../kernel/errno.ts';
import {
  PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_DEVICE_ID, PCI_VENDOR_ID,
} from './regs.ts';
import { type pci_dev, type pci_saved_state } from './types.ts';

/**
 * pci_read_config_word(): the 16-bit register at `where` (Linux returns it through a
 * pointer). A removed device answers 0xffff (PCI_ERROR_RESPONSE), unmodelled registers 0.
 */
export function pci_read_config_word(dev: pci_dev, where: number): number {
  if (dev.state === 'removed') return 0xffff;
  switch (where) {
    case PCI_VENDOR_ID: return dev.vendor;
    case PCI_DEVICE_ID: return dev.device;
    case PCI_COMMAND: return dev.config.command;
    default: return 0;
  }
}

/** pci_write_config_word(): 0, -ENODEV (PCIBIOS_DEVICE_NOT_FOUND) if removed; writes to unmodelled registers are dropped. */
export function pci_write_config_word(dev: pci_dev, where: number, val: number): number {
  if (dev.state === 'removed') return -ENODEV;
  if (where === PCI_COMMAND) dev.config.command = val & 0xffff;
  return 0;
}

/** pci_save_state(): snapshots config space into the device; returns 0. */
export function pci_save_state(dev: pci_dev): number {
  dev.saved_state = { command: dev.config.command };
  dev.state_saved = true;
  return 0;
}

/** pci_restore_state(): writes the snapshot back and forgets it; nothing if none is saved. */
export function pci_restore_state(dev: pci_dev): void {
  if (!dev.state_saved) return;
  dev.config.command = dev.saved_state.command;
  dev.state_saved = false;
}

/** pci_store_saved_state(): a copy of the saved snapshot for later, or null if none is saved. */
export function pci_store_saved_state(dev: pci_dev): pci_saved_state | null {
  return dev.state_saved ? { ...dev.saved_state } : null;
}

/** pci_load_saved_state(): makes `state` the device's snapshot (none for null); returns 0. */
export function pci_load_saved_state(dev: pci_dev, state: pci_saved_state | null): number {
  dev.state_saved = false;
  if (state === null) return 0;
  dev.saved_state = { ...state };
  dev.state_saved = true;
  return 0;
}

/** PCIe r5.0 sec 6.6.2: software waits 100 ms after initiating an FLR (pcie_flr's msleep(100)), in ticks. */
export const PCIE_FLR_WAIT = 100_000;

/**
 * pcie_flr(): Function Level Reset. Every register of the function goes back to its
 * reset value: the command register to 0 (decode and bus mastering off) and the BAR
 * contents to zero. Returns 0, or -ENODEV for a removed device. The 100 ms the kernel
 * then sleeps is pci_reset_function's window (below).
 */
export function pcie_flr(dev: pci_dev): number {
  if (dev.state === 'removed') return -ENODEV;
  dev.config.command = 0;
  for (const regs of dev.mmio) regs.clear();
  return 0;
}

/**
 * What runs while the FLR is in progress (the msleep(100) in pcie_flr, v5.12
 * drivers/pci/pci.c): other tasks' steps. `finish` ends the reset early (the rest of
 * pci_reset_function: the wait, pci_dev_restore, reset_done) and returns its result;
 * a caller that must wait for the reset calls it. Calling it again does nothing more.
 */
export type ResetWindow = (finish: () => number) => void;

/**
 * pci_reset_function() / pci_try_reset_function(): reset_prepare,
 * pci_dev_save_and_disable (save, then command = INTX_DISABLE), the FLR, then
 * pci_dev_restore (restore state, reset_done). So the command register, memory decode
 * included, is back afterwards; BAR contents are not. While the FLR is in progress
 * (command 0: decode off, an access is an Unsupported Request) `window` runs, and the
 * reset then ends 100 ms of ticks after it started. Returns 0, -ENOTTY if the device
 * cannot be reset, or -ENODEV if removed. The device lock (trylock: -EAGAIN) is not
 * modelled: vfio's memory_lock already orders concurrent resets of one device.
 */
export function pci_reset_function(dev: pci_dev, window?: ResetWindow): number {
  if (!dev.reset_fn) return -ENOTTY;
  if (dev.state === 'removed') return -ENODEV;
  dev.driver?.err_handler?.reset_prepare?.(dev);
  pci_save_state(dev);
  pci_write_config_word(dev, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE);
  const started = dev.bus.k.tick();
  const rc = pcie_flr(dev);
  let done = false;
  const finish = (): number => {
    if (done) return rc;
    done = true;
    const left = started + PCIE_FLR_WAIT - dev.bus.k.tick();
    if (left > 0) dev.bus.k.advance(left);
    pci_restore_state(dev);
    dev.driver?.err_handler?.reset_done?.(dev);
    return rc;
  };
  window?.(finish);
  return finish();
}

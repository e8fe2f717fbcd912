// vfio_pci_disable(): what vfio-pci does to a device when its last user closes it.
// Follows v5.12 drivers/vfio/pci/vfio_pci.c vfio_pci_disable(), called from
// vfio_pci_release() (read in the v5.10.13 copy, whose body v5.12 keeps; later kernels
// moved it to vfio_pci_core_disable()). In order: pci_clear_master(); IRQs, ioeventfds,
// regions and BAR mappings torn down (not modelled); the config state saved by
// vfio_pci_enable() reloaded; PCI_COMMAND written with only INTX_DISABLE (decode off);
// a function reset if the device can be reset; pci_restore_state(); pci_disable_device();
// vfio_pci_try_bus_reset(); and, only when the disable_idle_d3 module parameter is
// clear, vfio_pci_set_power_state(PCI_D3hot).
import type { Kernel } from '../../machine/kernel.ts';
import {
  PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, pci_read_config_word, pci_write_config_word,
  pcie_flr, type pci_dev,
} from '../../pci/index.ts';

/**
 * The command register vfio_pci_enable() saved: pci_enable_device() had just turned on
 * memory decode, and bus mastering is the user's to set later, so it is not in the save.
 */
const SAVED_AT_ENABLE = PCI_COMMAND_MEMORY;

/**
 * vfio_pci_disable(): leaves the device reset with its enable-time config restored
 * (memory decode on, bus mastering off) in D0 under `vfio_pci.disable_idle_d3`, and in
 * D3hot otherwise. We have no power states: D3hot is modelled as PCI_COMMAND = 0, so a
 * BAR access answers an Unsupported Request as a function in D3hot does.
 */
export function vfio_pci_disable(k: Kernel, pdev: pci_dev): void {
  pci_write_config_word(pdev, PCI_COMMAND, pci_read_config_word(pdev, PCI_COMMAND) & ~PCI_COMMAND_MASTER);
  pci_write_config_word(pdev, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE);
  if (pdev.reset_fn) pcie_flr(pdev); // __pci_reset_function_locked()
  pci_write_config_word(pdev, PCI_COMMAND, SAVED_AT_ENABLE); // pci_restore_state()
  pci_write_config_word(pdev, PCI_COMMAND, pci_read_config_word(pdev, PCI_COMMAND) & ~PCI_COMMAND_MASTER); // pci_disable_device()
  pdev.releasedTick = k.tick();
  if (!k.params['vfio_pci.disable_idle_d3']) pci_write_config_word(pdev, PCI_COMMAND, 0); // PCI_D3hot
}

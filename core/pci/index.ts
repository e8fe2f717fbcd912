// core/pci: PCI devices, the host bridge with hotplug, config space, BAR access, and the
// physical address routing (RAM vs BARs) that DMA goes through.
export { PCI_MMIO_WINDOW, PciBus, type PciWindow, type bus_notifier, type bus_notify_action } from './bus.ts';
export {
  PCIE_FLR_WAIT, pci_load_saved_state, pci_read_config_word, pci_reset_function, pci_restore_state, pci_save_state,
  pci_store_saved_state, pci_write_config_word, pcie_flr, type ResetWindow,
} from './config.ts';
// include/linux/pci.h pulls in ioport.h: the BAR flags come with the PCI API.
export {
  IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_MEM_64, IORESOURCE_PREFETCH, IORESOURCE_UNSET, resource_size, type resource,
} from '../mem/resource.ts';
export { mmio_read, mmio_write, pci_bar_decodes } from './mmio.ts';
export { pci_name, pci_resource_end, pci_resource_flags, pci_resource_len, pci_resource_start } from './pci_resource.ts';
export {
  PAGE_SHIFT, PAGE_SIZE, PFN_PHYS, PHYS_PFN, PhysBus, describe_owner, type Owner, type RamLookup, type RamPage,
} from './phys.ts';
export {
  PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_IO, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, PCI_DEVICE_ID,
  PCI_ERROR_RESPONSE, PCI_STD_NUM_BARS, PCI_VENDOR_ID,
} from './regs.ts';
export { device_release_driver, pci_bind, pci_remove_complete, pci_stop_and_remove_bus_device } from './remove.ts';
export {
  type BarKind, type BarSpec, type HotplugSpec, type pci_dev, type pci_dev_state, type pci_driver,
  type pci_error_handlers, type pci_saved_state,
} from './types.ts';

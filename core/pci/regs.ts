// Config space offsets and bits (include/uapi/linux/pci_regs.h) used by the model.
export const PCI_VENDOR_ID = 0x00;
export const PCI_DEVICE_ID = 0x02;
export const PCI_COMMAND = 0x04;
export const PCI_COMMAND_IO = 0x1;
export const PCI_COMMAND_MEMORY = 0x2;
export const PCI_COMMAND_MASTER = 0x4;
export const PCI_COMMAND_INTX_DISABLE = 0x400;

/** BARs 0-5 (PCI_STD_NUM_BARS); the ROM (6) is not modelled. */
export const PCI_STD_NUM_BARS = 6;

/** What a read returns when nothing answers: a master abort / Unsupported Request. */
export const PCI_ERROR_RESPONSE = 0xffffffff;

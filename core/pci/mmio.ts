// The device side of a memory (or I/O) access to a BAR: what the hardware does, no
// kernel policy. With decode disabled in the command register the function answers an
// Unsupported Request: reads complete with all ones, writes are dropped (PCIe base
// spec; AER reports it as "UnsupReq"). CPU loads, ioread32 and peer-to-peer DMA all
// arrive here.
import { IORESOURCE_IO, type resource } from '../mem/resource.ts';
import { PCI_COMMAND_IO, PCI_COMMAND_MEMORY, PCI_ERROR_RESPONSE } from './regs.ts';
import { type pci_dev } from './types.ts';

function bar_checked(dev: pci_dev, bar: number, off: number): resource {
  const res = dev.resource[bar];
  if (res === undefined || res.flags === 0) throw new Error(`${dev.name}: access to unused BAR ${bar}`);
  const len = res.end - res.start + 1;
  if (!Number.isInteger(off) || off < 0 || off >= len) throw new Error(`${dev.name}: BAR ${bar} offset 0x${off.toString(16)} outside 0..0x${len.toString(16)}`);
  return res;
}

/** Whether the BAR currently decodes: PCI_COMMAND_MEMORY for memory BARs, PCI_COMMAND_IO for I/O BARs. */
export function pci_bar_decodes(dev: pci_dev, bar: number): boolean {
  const res = dev.resource[bar];
  if (res === undefined) return false;
  const bit = (res.flags & IORESOURCE_IO) !== 0 ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
  return (dev.config.command & bit) !== 0;
}

/** AER's report of an Unsupported Request completed by the function (drivers/pci/pcie/aer.c). */
function unsupported_request(dev: pci_dev, bar: number, off: number, op: 'read' | 'write'): void {
  dev.ur_count += 1;
  const k = dev.bus.k;
  k.dmesg.printk('err', `pci ${dev.name}: PCIe Bus Error: severity=Uncorrected (Non-Fatal), type=Transaction Layer, (Completer ID)`);
  k.dmesg.printk('err', `pci ${dev.name}:    [20] UnsupReq               (First) ${op} BAR${bar}+0x${off.toString(16)} with decode disabled`);
}

/** A 32-bit read of BAR `bar` at byte `off`: the register, or 0xffffffff (+UR) with decode off or after removal. */
export function mmio_read(dev: pci_dev, bar: number, off: number): number {
  bar_checked(dev, bar, off);
  if (dev.state === 'removed') return PCI_ERROR_RESPONSE;
  if (!pci_bar_decodes(dev, bar)) {
    unsupported_request(dev, bar, off, 'read');
    return PCI_ERROR_RESPONSE;
  }
  return dev.mmio[bar]!.get(off) ?? 0;
}

/** A 32-bit write to BAR `bar` at byte `off`; dropped (+UR) with decode off, dropped after removal. */
export function mmio_write(dev: pci_dev, bar: number, off: number, v: number): void {
  bar_checked(dev, bar, off);
  if (dev.state === 'removed') return;
  if (!pci_bar_decodes(dev, bar)) {
    unsupported_request(dev, bar, off, 'write');
    return;
  }
  dev.mmio[bar]!.set(off, v >>> 0);
}

// BAR accessors (include/linux/pci.h). An unused BAR has start == end == 0.
import { type resource } from '../mem/resource.ts';
import { PCI_STD_NUM_BARS } from './regs.ts';
import { type pci_dev } from './types.ts';

function bar_resource(dev: pci_dev, bar: number): resource {
  const r = dev.resource[bar];
  if (r === undefined) throw new Error(`${dev.name}: BAR ${bar} out of range 0..${PCI_STD_NUM_BARS - 1}`);
  return r;
}

/** pci_resource_start(): first byte of the BAR (still readable after the device is removed). */
export function pci_resource_start(dev: pci_dev, bar: number): number {
  return bar_resource(dev, bar).start;
}

/** pci_resource_end(): last byte of the BAR, inclusive; 0 for an unused BAR. */
export function pci_resource_end(dev: pci_dev, bar: number): number {
  return bar_resource(dev, bar).end;
}

/** pci_resource_flags(): IORESOURCE_* bits; 0 for an unused BAR. */
export function pci_resource_flags(dev: pci_dev, bar: number): number {
  return bar_resource(dev, bar).flags;
}

/** pci_resource_len(): bytes in the BAR, 0 for an unused BAR. */
export function pci_resource_len(dev: pci_dev, bar: number): number {
  const r = bar_resource(dev, bar);
  return r.end === 0 ? 0 : r.end - r.start + 1;
}

/** pci_name(): the device's BDF. */
export function pci_name(dev: pci_dev): string {
  return dev.name;
}

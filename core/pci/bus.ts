// One PCI host bridge and its hotplug slots (drivers/pci/probe.c, setup-bus.c,
// bus.c). Memory BARs are carved first-fit out of the bridge's MMIO window with
// allocate_resource, so the range of an unplugged device goes to the next device that
// fits it: the reuse that turns a stale IOMMU mapping into DMA at someone else's BAR.
import { type KernelBase } from '../kernel/index.ts';
import {
  IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_MEM_64, IORESOURCE_PREFETCH, IORESOURCE_SIZEALIGN, IORESOURCE_UNSET,
  format_resource, new_resource, type ResourceTree, type resource,
} from '../mem/resource.ts';
import { PCI_COMMAND_MEMORY, PCI_STD_NUM_BARS } from './regs.ts';
import { type BarSpec, type HotplugSpec, type pci_dev } from './types.ts';

export type bus_notify_action =
  | 'BUS_NOTIFY_ADD_DEVICE' | 'BUS_NOTIFY_DEL_DEVICE' | 'BUS_NOTIFY_BOUND_DRIVER' | 'BUS_NOTIFY_UNBOUND_DRIVER';
/** A notifier_block on the bus (include/linux/device/bus.h). */
export type bus_notifier = (action: bus_notify_action, dev: pci_dev) => void;

export interface PciWindow {
  readonly start: number;
  readonly size: number;
}

const GiB = 2 ** 30;
/** Default 64-bit MMIO window of the host bridge: 512 GiB .. +256 GiB. */
export const PCI_MMIO_WINDOW: PciWindow = { start: 0x80_0000_0000, size: 256 * GiB };
const PCI_IO_WINDOW: PciWindow = { start: 0x1000, size: 0xf000 };
const PAGE_SIZE = 4096;
const BDF_RE = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function isPow2(n: number): boolean {
  return Number.isInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** Rejects BAR layouts real hardware cannot have; a bad spec is a harness bug. */
function checkBars(bars: readonly (BarSpec | null)[]): void {
  if (bars.length > PCI_STD_NUM_BARS) throw new Error(`hotplug: ${bars.length} BARs, at most ${PCI_STD_NUM_BARS}`);
  bars.forEach((b, i) => {
    if (b === null) return;
    const min = b.kind === 'io' ? 4 : 16;
    if (!isPow2(b.size) || b.size < min) throw new Error(`hotplug: BAR ${i} size ${b.size} is not a power of two >= ${min}`);
    if (b.kind === 'io' && b.size > 256) throw new Error(`hotplug: I/O BAR ${i} larger than 256 bytes`);
    if (b.kind === 'mem32' && b.size > 2 * GiB) throw new Error(`hotplug: 32-bit BAR ${i} larger than 2 GiB`);
    if (b.kind === 'mem64' && (i === PCI_STD_NUM_BARS - 1 || bars[i + 1] != null)) {
      throw new Error(`hotplug: 64-bit BAR ${i} needs slot ${i + 1} empty (it holds the upper half)`);
    }
  });
}

export class PciBus {
  /** The bridge's MMIO window, a child of iomem_resource. */
  readonly window: resource;
  /** The bridge's I/O port window, a child of ioport_resource. */
  readonly io_window: resource;
  private readonly devs: pci_dev[] = [];
  private readonly barOwners = new Map<resource, { dev: pci_dev; bar: number }>();
  private readonly notifiers: bus_notifier[] = [];
  private nextBusNr = 1;
  private nextInstance = 1;

  constructor(readonly k: KernelBase, readonly resources: ResourceTree, mmio: PciWindow = PCI_MMIO_WINDOW) {
    this.window = new_resource('PCI Bus 0000:00', mmio.start, mmio.start + mmio.size - 1, IORESOURCE_MEM | IORESOURCE_MEM_64 | IORESOURCE_PREFETCH);
    this.io_window = new_resource('PCI Bus 0000:00', PCI_IO_WINDOW.start, PCI_IO_WINDOW.start + PCI_IO_WINDOW.size - 1, IORESOURCE_IO);
    if (resources.request_resource(resources.iomem_resource, this.window) !== 0) throw new Error('PciBus: MMIO window overlaps another resource');
    if (resources.request_resource(resources.ioport_resource, this.io_window) !== 0) throw new Error('PciBus: I/O window taken');
  }

  /** bus_register_notifier(): `nb` hears of every device added, removed, bound or unbound. */
  bus_register_notifier(nb: bus_notifier): void {
    this.notifiers.push(nb);
  }

  /** blocking_notifier_call_chain() on the bus notifiers. */
  notify(action: bus_notify_action, dev: pci_dev): void {
    for (const nb of this.notifiers) nb(action, dev);
  }

  /**
   * A hot-add: pci_scan_slot() + pci_assign_unassigned_bridge_resources() + pci_bus_add_device().
   * Each memory BAR is allocated naturally aligned (at least a page) from the MMIO window; a
   * BAR that does not fit stays unassigned (IORESOURCE_UNSET) as in Linux. Memory decode
   * starts enabled. Throws on a BAR layout hardware cannot have or a BDF still in use.
   */
  hotplug(spec: HotplugSpec): pci_dev {
    checkBars(spec.bars);
    const name = spec.name ?? `0000:${hex(this.nextBusNr++, 2)}:00.0`;
    if (!BDF_RE.test(name)) throw new Error(`hotplug: "${name}" is not a BDF like 0000:01:00.0`);
    if (this.bus_find_device_by_name(name) !== null) throw new Error(`hotplug: ${name} is still on the bus`);
    const resource_: resource[] = [];
    for (let i = 0; i < PCI_STD_NUM_BARS; i++) resource_.push(new_resource(name, 0, 0, 0));
    const dev: pci_dev = {
      bus: this, name, vendor: spec.vendor ?? 0x1b36, device: spec.device ?? 0x0005,
      instance: this.nextInstance++, hotplugTick: this.k.tick(),
      config: { command: 0 }, resource: resource_, mmio: resource_.map(() => new Map<number, number>()),
      driver: null, state: 'present', remove_pending: null, ur_count: 0,
      reset_fn: spec.flr ?? true, state_saved: false, saved_state: { command: 0 }, releasedTick: -1, claimedTick: -1,
    };
    this.k.printk(`pci ${name}: [${hex(dev.vendor, 4)}:${hex(dev.device, 4)}] type 00 class 0x000000`);
    spec.bars.forEach((b, i) => {
      if (b !== null) this.assign_bar(dev, i, b);
    });
    dev.config.command = PCI_COMMAND_MEMORY;
    this.devs.push(dev);
    this.notify('BUS_NOTIFY_ADD_DEVICE', dev);
    return dev;
  }

  /** pci_assign_resource(): allocates one BAR; logs "BAR n: assigned" or "no space". */
  private assign_bar(dev: pci_dev, bar: number, b: BarSpec): void {
    const io = b.kind === 'io';
    let flags = (io ? IORESOURCE_IO : IORESOURCE_MEM) | IORESOURCE_SIZEALIGN;
    if (b.kind === 'mem64') flags |= IORESOURCE_MEM_64;
    if (b.prefetch === true && !io) flags |= IORESOURCE_PREFETCH;
    const root = io ? this.io_window : this.window;
    const align = io ? b.size : Math.max(b.size, PAGE_SIZE);
    const res = dev.resource[bar]!;
    const got = this.resources.allocate_resource(root, b.size, align, dev.name, { owner: `${dev.name} BAR${bar}`, flags, res });
    if (got === null) {
      Object.assign(res, { start: 0, end: b.size - 1, flags: flags | IORESOURCE_UNSET });
      this.k.printk(`pci ${dev.name}: BAR ${bar}: no space for ${format_resource(res)}`);
      this.k.printk(`pci ${dev.name}: BAR ${bar}: failed to assign ${format_resource(res)}`);
      return;
    }
    this.barOwners.set(res, { dev, bar });
    this.k.printk(`pci ${dev.name}: BAR ${bar}: assigned ${format_resource(res)}`);
  }

  /** pci_destroy_dev() + pci_free_resources(): BUS_NOTIFY_DEL_DEVICE, then the BAR ranges go back to the window. */
  destroy(dev: pci_dev): void {
    if (dev.state === 'removed') throw new Error(`${dev.name}: destroyed twice`);
    this.notify('BUS_NOTIFY_DEL_DEVICE', dev);
    for (const res of dev.resource) {
      if (res.parent !== null) this.resources.release_resource(res);
      this.barOwners.delete(res);
    }
    dev.state = 'removed';
    dev.remove_pending = null;
  }

  /** bus_find_device_by_name(): the device with that BDF still on the bus (present or removing), or null. */
  bus_find_device_by_name(name: string): pci_dev | null {
    return this.devs.find((d) => d.name === name && d.state !== 'removed') ?? null;
  }

  /** Every device ever plugged into this bus, in plug order (removed ones included). */
  devices(): readonly pci_dev[] {
    return this.devs;
  }

  /** Re-checks that live devices' assigned BARs are in the tree and removed devices' are not. */
  validate(): string[] {
    const errs: string[] = [];
    for (const dev of this.devs) {
      dev.resource.forEach((res, bar) => {
        const assigned = res.flags !== 0 && (res.flags & IORESOURCE_UNSET) === 0;
        const inTree = res.parent !== null;
        if (dev.state === 'removed' ? inTree : assigned !== inTree) errs.push(`${dev.name} (${dev.state}): BAR ${bar} in tree: ${inTree}`);
        if (inTree !== this.barOwners.has(res)) errs.push(`${dev.name}: BAR ${bar} owner map out of step`);
      });
    }
    return errs;
  }

  /** Ghost: the device BAR whose range holds `res` (res may be a region nested in the BAR), or null. */
  resource_owner(res: resource): { dev: pci_dev; bar: number } | null {
    for (let r: resource | null = res; r !== null; r = r.parent) {
      const o = this.barOwners.get(r);
      if (o !== undefined) return o;
    }
    return null;
  }
}

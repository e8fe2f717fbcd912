// struct pci_dev and struct pci_driver (include/linux/pci.h), cut down to what vfio's
// PFNMAP story touches: the command register, the BAR resources, the bound driver and
// the device's life cycle. Register contents and the UR count stand in for hardware.
import type { resource } from '../mem/resource.ts';
import type { PciBus } from './bus.ts';

export type BarKind = 'mem32' | 'mem64' | 'io';

/** One BAR of a device to plug in; size is a power of two as PCI requires. */
export interface BarSpec {
  readonly size: number;
  readonly kind: BarKind;
  readonly prefetch?: boolean;
}

export interface HotplugSpec {
  /** BDF "0000:01:00.0"; by default the next free bus number, slot 0, function 0. */
  readonly name?: string;
  readonly vendor?: number;
  readonly device?: number;
  /** Up to six BARs; a mem64 BAR uses the following slot too, which must be null. */
  readonly bars: readonly (BarSpec | null)[];
  /** Whether the device supports a function reset (dev->reset_fn); default true. */
  readonly flr?: boolean;
}

/** struct pci_saved_state: what pci_save_state keeps (only the command register here). */
export interface pci_saved_state {
  readonly command: number;
}

/** struct pci_error_handlers: the reset hooks pci_reset_function calls. */
export interface pci_error_handlers {
  reset_prepare?(dev: pci_dev): void;
  reset_done?(dev: pci_dev): void;
}

export interface pci_driver {
  readonly name: string;
  /** probe(): 0 to take the device, or -errno to refuse it. */
  probe(dev: pci_dev): number;
  /**
   * remove(): 'done', or 'deferred' when the driver must wait for its users (Linux's
   * remove() blocks); the driver then calls pci_remove_complete() once they let go.
   */
  remove(dev: pci_dev): 'done' | 'deferred';
  readonly err_handler?: pci_error_handlers;
}

export type pci_dev_state = 'present' | 'removing' | 'removed';

export interface pci_dev {
  readonly bus: PciBus;
  /** pci_name(): the BDF, "0000:01:00.0". A replugged slot may reuse it; `instance` never repeats. */
  readonly name: string;
  readonly vendor: number;
  readonly device: number;
  /** Ghost: a number unique to this hotplug on this bus (a BDF can come back). */
  readonly instance: number;
  readonly hotplugTick: number;
  /** Config space registers we model. */
  readonly config: { command: number };
  /** resource[0..5]: the BAR ranges; an unused BAR is all zero. */
  readonly resource: readonly resource[];
  /** Hardware: register contents per BAR, sparse (offset -> 32-bit value). */
  readonly mmio: readonly Map<number, number>[];
  driver: pci_driver | null;
  state: pci_dev_state;
  /** What a driver's deferred remove() is holding up, if anything. */
  remove_pending: 'unbind' | 'unplug' | null;
  /** Unsupported Requests the device has answered (accesses with decode off). */
  ur_count: number;
  /** dev->reset_fn: whether pci_reset_function can reset it. */
  readonly reset_fn: boolean;
  state_saved: boolean;
  saved_state: pci_saved_state;
  /**
   * Ghost: the tick its last user let go of the device (vfio_pci_disable() after the last
   * close), or -1. A DMA through a mapping made before that tick that still reaches a
   * decoding BAR reaches a device nobody assigned to it. Kernel-like code never reads it.
   */
  releasedTick: number;
  /** Ghost: the tick a user last opened the device through vfio (open_device), or -1. */
  claimedTick: number;
}

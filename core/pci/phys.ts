// The physical address space as the fabric routes it: a pfn is RAM, a device BAR, or
// nothing. Routing goes through the resource tree, so after a hot unplug and a replug
// the same pfn reaches whichever device now holds the range. `ownerOf` is ghost state
// for judging DMA; `read`/`write` are the accesses themselves (decode off gives all ones
// and an Unsupported Request through mmio_read/mmio_write).
import { type ResourceTree } from '../mem/resource.ts';
import { type PciBus } from './bus.ts';
import { mmio_read, mmio_write, pci_bar_decodes } from './mmio.ts';
import { PCI_ERROR_RESPONSE } from './regs.ts';
import { type pci_dev } from './types.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 2 ** PAGE_SHIFT;

/** PFN_PHYS(): first byte of a pfn (no 32-bit shifts: addresses pass 2^32). */
export function PFN_PHYS(pfn: number): number {
  return pfn * PAGE_SIZE;
}

/** PHYS_PFN(): the pfn holding a physical address. */
export function PHYS_PFN(phys: number): number {
  return Math.floor(phys / PAGE_SIZE);
}

/** What the RAM model tells us about a page (struct page plus ghost owner). */
export interface RamPage {
  readonly owner: string;
  readonly allocTick: number;
  readonly free: boolean;
}

/** The slice of the RAM model (core/mem/physmem) the bus needs; structural, so no import. */
export interface RamLookup {
  pfn_valid(pfn: number): boolean;
  pfn_to_page(pfn: number): RamPage | undefined;
  phys_read(pfn: number, off: number): number;
  phys_write(pfn: number, off: number, v: number): void;
}

export type Owner =
  | { readonly kind: 'ram'; readonly pfn: number; readonly owner: string; readonly allocTick: number; readonly free: boolean }
  | {
    readonly kind: 'mmio'; readonly pfn: number; readonly device: string; readonly instance: number; readonly bar: number;
    /** Whether the BAR decodes now (command register). */
    readonly decode: boolean;
    /** Tick the BAR's range was allocated to this device. */
    readonly allocTick: number;
    readonly removed: boolean;
    /** Ghost: tick the device's last user released it (pci_dev.releasedTick), -1 if never. */
    readonly releasedTick: number;
    /** Ghost: released and not opened by a user since (pci_dev.releasedTick > claimedTick). */
    readonly idle: boolean;
  }
  | { readonly kind: 'none'; readonly pfn: number };

/** Ghost description used as IovaPte.intended: "ram anon:qemu/100", "mmio 0000:01:00.0 BAR0", "none". */
export function describe_owner(o: Owner): string {
  switch (o.kind) {
    case 'ram': return `ram ${o.owner}`;
    case 'mmio': return `mmio ${o.device} BAR${o.bar}`;
    case 'none': return 'none';
  }
}

export class PhysBus {
  constructor(readonly ram: RamLookup, readonly resources: ResourceTree, readonly pci: PciBus) {}

  /** The device BAR decoding `phys`, with the byte offset into the BAR, or null. */
  private bar_at(phys: number): { dev: pci_dev; bar: number; off: number; allocTick: number } | null {
    const r = this.resources.lookup(phys);
    if (r === null) return null;
    const o = this.pci.resource_owner(r);
    if (o === null) return null;
    const res = o.dev.resource[o.bar]!;
    return { dev: o.dev, bar: o.bar, off: phys - res.start, allocTick: res.allocTick };
  }

  /** Ghost: who owns `pfn` now (a BAR is found by the page's first byte; BARs are page aligned). */
  ownerOf(pfn: number): Owner {
    const b = this.bar_at(PFN_PHYS(pfn));
    if (b !== null) {
      return {
        kind: 'mmio', pfn, device: b.dev.name, instance: b.dev.instance, bar: b.bar,
        decode: pci_bar_decodes(b.dev, b.bar), allocTick: b.allocTick, removed: b.dev.state === 'removed',
        releasedTick: b.dev.releasedTick, idle: b.dev.releasedTick > b.dev.claimedTick,
      };
    }
    if (this.ram.pfn_valid(pfn)) {
      const page = this.ram.pfn_to_page(pfn);
      if (page !== undefined) return { kind: 'ram', pfn, owner: page.owner, allocTick: page.allocTick, free: page.free };
    }
    return { kind: 'none', pfn };
  }

  /** A 32-bit read at `off` in `pfn`: RAM, a BAR (all ones + UR with decode off), or all ones from nothing. */
  read(pfn: number, off: number): number {
    checkOff(off);
    const b = this.bar_at(PFN_PHYS(pfn) + off);
    if (b !== null) return mmio_read(b.dev, b.bar, b.off);
    if (this.ram.pfn_valid(pfn)) return this.ram.phys_read(pfn, off);
    return PCI_ERROR_RESPONSE;
  }

  /** A 32-bit write at `off` in `pfn`, routed like read(); a write to nothing is dropped. */
  write(pfn: number, off: number, v: number): void {
    checkOff(off);
    const b = this.bar_at(PFN_PHYS(pfn) + off);
    if (b !== null) mmio_write(b.dev, b.bar, b.off, v);
    else if (this.ram.pfn_valid(pfn)) this.ram.phys_write(pfn, off, v);
  }
}

function checkOff(off: number): void {
  if (!Number.isInteger(off) || off < 0 || off >= PAGE_SIZE) throw new Error(`phys access: offset ${off} outside the page`);
}

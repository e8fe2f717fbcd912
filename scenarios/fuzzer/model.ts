// The fuzzer's model of a sequence being built: which tasks are alive and which fds,
// mappings and devices each may name. It mirrors the loader's symbol rules
// (scenarios/load.ts checkSymbols): a symbol is used only by a task that holds it (its
// binder, or a fork child made after it was bound), never by an exited task; DMAs come
// only from PCI devices. It does not predict what the kernel returns: a step whose
// binding fails makes later users "skipped", which the runner handles.
import { HOTPLUG_BARS, WORLD, type Setup } from './world.ts';

export interface FdSym {
  readonly name: string;
  readonly kind: 'pci' | 'mdev' | 'chardev';
  readonly device?: string;
  /** Bytes mmap may cover: per region for a PCI device, one entry otherwise. */
  readonly regions: readonly number[];
  readonly owners: Set<string>;
  /** A close step named it. */
  closed: boolean;
}

export interface AddrSym {
  readonly name: string;
  /** Bytes mapped at bind time. */
  readonly length: number;
  readonly fd?: string;
  readonly owners: Set<string>;
  /** A munmap step covered all of it. */
  gone: boolean;
}

export interface DeviceSym {
  readonly name: string;
  readonly kind: 'pci' | 'mdev';
  /** Bytes per BAR (PCI) or the mdev's RAM (one entry). */
  readonly regions: readonly number[];
  present: boolean;
}

export class Model {
  readonly live: string[];
  readonly fds: FdSym[] = [];
  readonly addrs: AddrSym[] = [];
  readonly devices: DeviceSym[];
  /** IOVA ranges MAP_DMA steps asked for (mapped or not): where DMAs and UNMAP_DMAs aim. */
  readonly dmaRanges: { readonly iova: number; readonly size: number }[] = [];
  private next = { fd: 1, addr: 1, task: 1, dev: 1 };

  constructor(setup: Setup = WORLD) {
    this.live = [...setup.tasks];
    this.devices = setup.devices.map((d) => (d.type === 'pci'
      ? { name: d.name, kind: 'pci', regions: d.bars.map((b) => b?.size ?? 0), present: true }
      : { name: d.name, kind: 'mdev', regions: [d.pages * 0x1000], present: true }));
  }

  /** The task's fds, the ones no live mapping uses last (so pick() prefers them: munmap, then close). */
  fdsOf(task: string): FdSym[] {
    const used: FdSym[] = [];
    const unused: FdSym[] = [];
    for (const f of this.fds) {
      if (!f.owners.has(task)) continue;
      (this.addrs.some((a) => a.fd === f.name && !a.gone) ? used : unused).push(f);
    }
    return used.concat(unused);
  }

  addrsOf(task: string): AddrSym[] {
    return this.addrs.filter((a) => a.owners.has(task));
  }

  /** Present devices, the ones no open fd names last (so unplug follows close). */
  presentDevices(): DeviceSym[] {
    const open: DeviceSym[] = [];
    const closed: DeviceSym[] = [];
    for (const d of this.devices) {
      if (!d.present) continue;
      (this.fds.some((f) => f.device === d.name && !f.closed) ? open : closed).push(d);
    }
    return open.concat(closed);
  }

  device(name: string): DeviceSym | undefined {
    return this.devices.find((d) => d.name === name);
  }

  pciDevices(): DeviceSym[] {
    return this.devices.filter((d) => d.kind === 'pci');
  }

  bindFd(task: string, kind: FdSym['kind'], regions: readonly number[], device?: string): string {
    const name = `f${this.next.fd++}`;
    const owners = new Set([task]);
    this.fds.push(device === undefined ? { name, kind, regions, owners, closed: false } : { name, kind, regions, owners, closed: false, device });
    return name;
  }

  bindAddr(task: string, length: number, fd?: string): string {
    const name = `m${this.next.addr++}`;
    const owners = new Set([task]);
    this.addrs.push(fd === undefined ? { name, length, owners, gone: false } : { name, length, owners, gone: false, fd });
    return name;
  }

  fork(parent: string): string {
    const child = `t${this.next.task++}`;
    for (const s of [...this.fds, ...this.addrs]) if (s.owners.has(parent)) s.owners.add(child);
    this.live.push(child);
    return child;
  }

  exit(task: string): void {
    this.live.splice(this.live.indexOf(task), 1);
  }

  hotPlug(): DeviceSym {
    const d: DeviceSym = { name: `hp${this.next.dev++}`, kind: 'pci', regions: HOTPLUG_BARS.map((b) => b.size), present: true };
    this.devices.push(d);
    return d;
  }
}

/**
 * The `n`-th most recent of `xs` (wrapping); undefined when empty. n = 0 is the newest,
 * so sequences tend to work on what they just made (open, mmap it, map that) and
 * shrinking moves toward that too.
 */
export function pick<T>(xs: readonly T[], n: number): T | undefined {
  return xs.length === 0 ? undefined : xs[xs.length - 1 - (n % xs.length)];
}

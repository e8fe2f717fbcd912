// The step vocabulary the fuzzer draws from: one builder per step kind. A builder reads
// the model (its precondition: open before mmap, mmap before map-dma, a live task, a
// present PCI device for DMA), returns the step with the schema's defaults filled in
// and updates the model, or returns null when the action cannot apply yet; the action
// then falls back to the op that would make it possible (FALLBACK), so few actions are
// wasted. Numbers in an action choose among what exists (0: the newest) and shrink
// toward it and toward "all of it"; `wild` steps outside what is legal (EINVAL paths).
import type { StepT } from '../schema.ts';
import { pick, type AddrSym, type DeviceSym, type FdSym, type Model } from './model.ts';
import { HOTPLUG_BARS, IOVA_BASE, IOVA_SLOT, IOVA_SLOTS, PAGE } from './world.ts';

export interface Action {
  readonly op: OpName;
  /** Which live task acts. */
  readonly t: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly wild: boolean;
}

type InnerStepT = Exclude<StepT, { kind: 'map-dma' | 'repeat' }>;
type Builder = (m: Model, x: Action, task: string) => StepT | readonly StepT[] | null;

const pages = (bytes: number): number => Math.max(1, Math.floor(bytes / PAGE));
const iovaOf = (slot: number): number => IOVA_BASE + (slot % IOVA_SLOTS) * IOVA_SLOT;

/**
 * [offset, length] in bytes inside `bytes`: all of it unless b % 4 === 3 picks a part
 * (past the end when wild), so shrinking ends at "all of the mapping".
 */
function range(bytes: number, a: number, b: number, wild: boolean): [number, number] {
  const n = pages(bytes);
  if (wild) return [(a % (n + 2)) * PAGE, (1 + (b % (2 * n))) * PAGE];
  if (b % 4 !== 3) return [0, n * PAGE];
  const off = a % n;
  return [off * PAGE, (1 + ((b >> 2) % (n - off))) * PAGE];
}

/** A mapping of the task still mapped (or, when wild, one already unmapped too). */
function withAddr(m: Model, x: Action, task: string, body: (s: AddrSym) => StepT): StepT | null {
  const s = pick(m.addrsOf(task).filter((a) => x.wild || !a.gone), x.c);
  return s ? body(s) : null;
}

function withPciFd(m: Model, x: Action, task: string, body: (fd: string) => StepT): StepT | null {
  const fd = pick(m.fdsOf(task).filter((f) => f.kind === 'pci'), x.a);
  return fd ? body(fd.name) : null;
}

function fdOf(m: Model, s: AddrSym): FdSym | undefined {
  return s.fd === undefined ? undefined : m.fds.find((f) => f.name === s.fd);
}

/** A step of another thread of `task` run while a MAP_DMA of `s` has dropped mmap_lock. */
function racer(m: Model, x: Action, task: string, s: AddrSym): InnerStepT | null {
  const fd = fdOf(m, s);
  switch (x.c % 4) {
    case 0:
      s.gone = true;
      return { kind: 'munmap', task, addr: s.name, offset: 0, length: s.length };
    case 1: return fd ? close(m, fd, task) as InnerStepT : null;
    case 2: {
      const d = fd?.device === undefined ? undefined : m.device(fd.device);
      return d?.present ? unplug(d) as InnerStepT : null;
    }
    default: return fd?.kind === 'pci' ? { kind: 'decode-off', task, fd: fd.name } : null;
  }
}

function mapDma(m: Model, x: Action, task: string, race: boolean): StepT | null {
  return withAddr(m, x, task, (s) => {
    const [offset, size] = range(s.length, x.a, x.b, x.wild);
    // A fresh slot each time; a wild one reuses the last (EEXIST, or a bisected range).
    const iova = iovaOf(m.dmaRanges.length - (x.wild && m.dmaRanges.length > 0 ? 1 : 0));
    m.dmaRanges.push({ iova, size });
    const step = { kind: 'map-dma' as const, task, addr: s.name, offset, iova: BigInt(iova), size: BigInt(size), read: true, write: true };
    const inner = race ? racer(m, x, task, s) : null;
    return inner ? { ...step, during: [inner] } : step;
  });
}

/**
 * A DMA by a present PCI device (one some task opened unless wild: only those are
 * attached to a container's domain) into a range some MAP_DMA asked for.
 */
function dma(m: Model, x: Action, write: boolean): StepT | null {
  const present = m.pciDevices().filter((d) => d.present);
  const opened = present.filter((d) => m.fds.some((f) => f.device === d.name));
  const d = pick(x.wild ? present : opened, x.c);
  const r = pick(m.dmaRanges, x.a);
  if (!d || !r) return null;
  const iova = r.iova + ((x.b * PAGE) % r.size);
  return write ? { kind: 'dma-write', device: d.name, iova, value: 0xbad0 + (x.b % 16) } : { kind: 'dma-read', device: d.name, iova };
}

function mmap(m: Model, x: Action, task: string): StepT {
  const fd = pick([undefined, ...m.fdsOf(task)], x.c);
  if (!fd) {
    const len = (1 + (x.b % 8)) * PAGE;
    return { kind: 'mmap', task, offset: 0, length: len, shared: x.wild, prot: 'rw', as: m.bindAddr(task, len) };
  }
  const region = fd.kind === 'pci' ? x.a % (fd.regions.length + (x.wild ? 2 : 0)) : undefined;
  const [offset, length] = range(fd.regions[region ?? 0] ?? PAGE, x.a >> 1, x.b, x.wild);
  const shared = !x.wild || x.b % 2 === 0;
  const as = m.bindAddr(task, length, fd.name);
  // Two literals rather than a conditional spread (slow, and interpret() runs per sequence).
  return region === undefined
    ? { kind: 'mmap', task, fd: fd.name, offset, length, shared, prot: 'rw', as }
    : { kind: 'mmap', task, fd: fd.name, region, offset, length, shared, prot: 'rw', as };
}

function close(m: Model, fd: FdSym, task: string): StepT {
  fd.closed = true;
  return { kind: 'close', task, fd: fd.name };
}

function unplug(d: DeviceSym): StepT {
  d.present = false;
  return { kind: 'hot-unplug', device: d.name };
}

/**
 * What a VMM does when it lets go of device memory: munmap all of a mapping, then close
 * its fd if nothing else maps it (two steps; the reproducer minimizer may drop either).
 */
function release(m: Model, x: Action, task: string): readonly StepT[] | null {
  const s = pick(m.addrsOf(task).filter((a) => a.fd !== undefined && !a.gone), x.c);
  if (!s) return null;
  s.gone = true;
  const unmap: StepT = { kind: 'munmap', task, addr: s.name, offset: 0, length: s.length };
  const fd = fdOf(m, s);
  const stillMapped = m.addrs.some((a) => a.fd === s.fd && !a.gone);
  return fd && !fd.closed && fd.owners.has(task) && !stillMapped ? [unmap, close(m, fd, task)] : [unmap];
}

const BUILDERS = {
  'open-device': (m, x, task) => {
    const d = pick(m.devices, x.a);
    return d ? { kind: 'open-device', task, device: d.name, as: m.bindFd(task, d.kind, d.regions, d.name) } : null;
  },
  'open-chardev': (m, x, task) => {
    const n = 1 + (x.a % 4);
    return { kind: 'open-chardev', task, pages: n, as: m.bindFd(task, 'chardev', [n * PAGE]) };
  },
  'close': (m, x, task) => {
    const fd = pick(m.fdsOf(task), x.a);
    return fd ? close(m, fd, task) : null;
  },
  'release': release,
  'mmap': mmap,
  'munmap': (m, x, task) => withAddr(m, x, task, (s) => {
    const [offset, length] = range(s.length, x.a, x.b, x.wild);
    if (offset === 0 && length >= s.length) s.gone = true;
    return { kind: 'munmap', task, addr: s.name, offset, length };
  }),
  'mprotect': (m, x, task) => withAddr(m, x, task, (s) => {
    const [offset, length] = range(s.length, x.a, x.b, x.wild);
    return { kind: 'mprotect', task, addr: s.name, offset, length, prot: (['none', 'r', 'rw'] as const)[x.a % 3]! };
  }),
  'mremap': (m, x, task) => withAddr(m, x, task, (s) => {
    const newLength = (1 + (x.b % (2 * pages(s.length)))) * PAGE;
    const as = m.bindAddr(task, newLength, s.fd);
    return { kind: 'mremap', task, addr: s.name, offset: 0, oldLength: s.length, newLength, move: x.a % 2 === 1, as };
  }),
  'fork': (m, _x, task) => ({ kind: 'fork', task, as: m.fork(task) }),
  'exit': (m, _x, task) => {
    if (m.live.length < 2) return null;
    m.exit(task);
    return { kind: 'exit', task };
  },
  'cpu-read': (m, x, task) => withAddr(m, x, task, (s) => (
    { kind: 'cpu-read', task, addr: s.name, offset: (x.a % pages(s.length)) * PAGE + (x.b % 8) * 4 })),
  'cpu-write': (m, x, task) => withAddr(m, x, task, (s) => (
    { kind: 'cpu-write', task, addr: s.name, offset: (x.a % pages(s.length)) * PAGE + (x.b % 8) * 4, value: 1 + x.b })),
  'map-dma': (m, x, task) => mapDma(m, x, task, false),
  'map-dma-race': (m, x, task) => mapDma(m, x, task, true),
  'unmap-dma': (m, x, task) => {
    const r = pick(m.dmaRanges, x.a);
    return r ? { kind: 'unmap-dma', task, iova: BigInt(r.iova), size: BigInt(x.b % 2 === 0 ? r.size : IOVA_SLOT), all: false } : null;
  },
  'dma-read': (m, x) => dma(m, x, false),
  'dma-write': (m, x) => dma(m, x, true),
  'decode-off': (m, x, task) => withPciFd(m, x, task, (fd) => ({ kind: 'decode-off', task, fd })),
  'decode-on': (m, x, task) => withPciFd(m, x, task, (fd) => ({ kind: 'decode-on', task, fd })),
  'reset': (m, x, task) => withPciFd(m, x, task, (fd) => ({ kind: 'reset', task, fd })),
  'fd-read': (m, x, task) => withPciFd(m, x, task, (fd) => ({ kind: 'fd-read', task, fd, region: x.b % 2, offset: (x.c % 4) * 4 })),
  'hot-unplug': (m, x) => {
    const d = pick(m.presentDevices(), x.a);
    return d ? unplug(d) : null;
  },
  'hot-plug': (m, x) => ({
    kind: 'hot-plug', device: m.hotPlug().name, bars: HOTPLUG_BARS.map((b) => ({ ...b })), driver: x.a % 2 === 0 ? 'none' : 'vfio-pci',
  }),
  'fail-nth': (_m, x) => ({ kind: 'fail-nth', nth: 1 + (x.a % 8) }),
} as const satisfies Readonly<Record<string, Builder>>;

export type OpName = keyof typeof BUILDERS;

/**
 * How often each op is drawn. Opening, mapping, tearing down and DMA dominate so most
 * sequences map something and then take it away; a racing MAP_DMA and fail-nth are rarer.
 */
export const OP_WEIGHTS: Readonly<Record<OpName, number>> = {
  'open-device': 6, 'open-chardev': 1, 'close': 2, 'release': 3, 'mmap': 5, 'munmap': 4, 'mprotect': 1, 'mremap': 1, 'fork': 1, 'exit': 1,
  'cpu-read': 1, 'cpu-write': 2, 'map-dma': 6, 'map-dma-race': 1, 'unmap-dma': 2, 'dma-read': 2, 'dma-write': 6,
  'decode-off': 1, 'decode-on': 1, 'reset': 1, 'fd-read': 1, 'hot-unplug': 2, 'hot-plug': 2, 'fail-nth': 1,
};

export const OP_NAMES = Object.keys(OP_WEIGHTS) as OpName[];

/** What an action does instead when its own precondition does not hold: the step that enables it. */
const FALLBACK: Partial<Record<OpName, OpName>> = {
  'close': 'open-device', 'mmap': 'open-device', 'munmap': 'mmap', 'mprotect': 'mmap', 'mremap': 'mmap', 'cpu-read': 'mmap',
  'cpu-write': 'mmap', 'map-dma': 'mmap', 'map-dma-race': 'mmap', 'unmap-dma': 'map-dma', 'dma-read': 'map-dma',
  'dma-write': 'map-dma', 'decode-off': 'open-device', 'decode-on': 'open-device', 'reset': 'open-device',
  'fd-read': 'open-device', 'exit': 'fork', 'hot-unplug': 'hot-plug', 'release': 'munmap',
};

const DEVICE_OPS: ReadonlySet<OpName> = new Set(['dma-read', 'dma-write', 'hot-unplug', 'hot-plug', 'fail-nth']);

/** The steps this action makes in the model's state (updating it); none when nothing applies. */
export function buildSteps(m: Model, x: Action): readonly StepT[] {
  const task = pick(m.live, x.t);
  for (let op: OpName | undefined = x.op; op !== undefined; op = FALLBACK[op]) {
    // mmap with no fd yet maps anonymous memory, but a first mmap should rather open something.
    if (op === 'mmap' && task !== undefined && m.fdsOf(task).length === 0 && x.op !== 'mmap') continue;
    if (!DEVICE_OPS.has(op) && task === undefined) return [];
    const s = BUILDERS[op](m, x, task ?? '');
    if (s) return Array.isArray(s) ? s : [s as StepT];
  }
  return [];
}

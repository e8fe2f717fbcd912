// The information steps of the conformance ports (device-info, region-info,
// config-read): run the ioctl or the config-space read and compare the answer with what
// the kernel's own test asserts. A mismatch is not a kernel outcome but a departure of
// our core from the kernel, so the executor makes it a harness error.
import { isCrashed, tohex, type Crashed, type Machine, type Ret } from '../core/index.ts';
import {
  VFIO_DEVICE_FLAGS_PCI, VFIO_DEVICE_FLAGS_RESET, VFIO_REGION_INFO_FLAG_MMAP, VFIO_REGION_INFO_FLAG_READ,
  VFIO_REGION_INFO_FLAG_WRITE, type vfio_device_info, type vfio_region_info,
} from '../core/vfio/drivers/vfio_pci_ioctl.ts';
import type { StepT } from './schema.ts';

type Info<K extends StepT['kind']> = Extract<StepT, { kind: K }>;

/** The ioctl's answer as a step return value, and a mismatch with `want` if any. */
export interface InfoResult {
  readonly ret: Ret;
  readonly mismatch?: string;
}

const DEVICE_FLAGS = { pci: VFIO_DEVICE_FLAGS_PCI, reset: VFIO_DEVICE_FLAGS_RESET } as const;
const REGION_FLAGS = { read: VFIO_REGION_INFO_FLAG_READ, write: VFIO_REGION_INFO_FLAG_WRITE, mmap: VFIO_REGION_INFO_FLAG_MMAP } as const;

function bits<T extends string>(names: readonly T[], table: Readonly<Record<T, number>>): number {
  return names.reduce((acc, n) => acc | table[n], 0);
}

function differ(what: string, got: number, want: number | undefined): string | null {
  return want === undefined || got === want ? null : `${what} is 0x${tohex(got)}, the kernel's test expects 0x${tohex(want)}`;
}

function firstOf(...xs: (string | null)[]): { mismatch?: string } {
  const m = xs.find((x) => x !== null);
  return m ? { mismatch: m } : {};
}

function isInfo<T extends object>(r: T | Ret): r is T {
  return typeof r === 'object' && !isCrashed(r as Crashed);
}

export function deviceInfoStep(m: Machine, task: string, fd: number, step: Info<'device-info'>): InfoResult {
  const r = m.deviceInfo(task, fd);
  if (!isInfo<vfio_device_info>(r)) return { ret: r };
  const w = step.want ?? {};
  return {
    ret: r.flags,
    ...firstOf(
      differ('device flags', r.flags, w.flags && bits(w.flags, DEVICE_FLAGS)),
      differ('num_regions', r.num_regions, w.regions), differ('num_irqs', r.num_irqs, w.irqs),
    ),
  };
}

export function regionInfoStep(m: Machine, task: string, fd: number, step: Info<'region-info'>): InfoResult {
  const r = m.regionInfo(task, fd, step.region);
  if (!isInfo<vfio_region_info>(r)) return { ret: r };
  const w = step.want ?? {};
  return {
    ret: r.size,
    ...firstOf(
      differ(`region ${step.region} size`, r.size, w.size), differ(`region ${step.region} offset`, r.offset, w.offset),
      differ(`region ${step.region} flags`, r.flags, w.flags && bits(w.flags, REGION_FLAGS)),
    ),
  };
}

export function configReadStep(m: Machine, task: string, fd: number, step: Info<'config-read'>): InfoResult {
  const r = m.configRead(task, fd, step.offset);
  if (isCrashed(r) || r < 0) return { ret: r };
  const w = step.want === undefined ? null : differ(`config 0x${tohex(step.offset)} & 0x${tohex(step.mask)}`, r & step.mask, step.want);
  return { ret: r, ...firstOf(w) };
}

/** (old | set) & ~clear, written back: the selftest's read-modify-write of PCI_COMMAND. */
export function configWriteStep(m: Machine, task: string, fd: number, step: Info<'config-write'>): Ret {
  const old = m.configRead(task, fd, step.offset);
  if (isCrashed(old) || old < 0) return old;
  return m.configWrite(task, fd, step.offset, (old | step.set) & ~step.clear & 0xffff);
}

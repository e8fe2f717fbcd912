// Machines the benchmarks and the lookup-path counters run on: a QEMU-like task with a
// GPU whose 1 GiB 64-bit BAR0 is mmapped whole, a NIC to issue DMA, and a small RAM
// mdev. Building them is never timed; only the operation a task names is.
import { Machine, VFIO_PCI_INDEX_TO_OFFSET, isCrashed, type Design, type Ret } from '../core/index.ts';
import { VFIO_DMA_MAP_FLAG_READ, VFIO_DMA_MAP_FLAG_WRITE } from '../core/vfio/index.ts';
import { DESIGNS } from '../designs/registry.ts';
import type { DesignRef } from '../scenarios/index.ts';

export const PAGE = 4096;
export const MiB = 1 << 20;
export const GiB = 1 << 30;
/** First IOVA the benchmarks map at (4 GiB, clear of the low MMIO window). */
export const IOVA_BASE = 0x1_0000_0000;
/** Pages of the RAM mdev. */
export const MDEV_PAGES = 8;
export const RW = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;

export function resolveDesign(ref: DesignRef): Design {
  return typeof ref === 'string' ? DESIGNS[ref] : ref;
}

/** The value of a setup step that must succeed; anything else is a harness bug. */
export function must(what: string, r: Ret): number {
  if (isCrashed(r)) throw new Error(`bench setup: ${what}: kernel oops: ${r.oops.message}`);
  if (r < 0) throw new Error(`bench setup: ${what} returned ${r}`);
  return r;
}

export interface Rig {
  readonly m: Machine;
  readonly design: string;
  /** User address of the GPU's BAR0 (GiB long) and of the mdev's RAM. */
  readonly bar0: number;
  readonly mdevRam: number;
}

/** The one user task of a rig. */
export const TASK = 'qemu';

/** A fresh machine with `design`: devices plugged, opened and mmapped, nothing mapped for DMA. */
export function newRig(ref: DesignRef, seed = 1): Rig {
  const design = resolveDesign(ref);
  const m = new Machine({ design, seed });
  must('hotplug gpu', m.addPci('gpu', [{ size: GiB, kind: 'mem64' }, null], 'vfio-pci'));
  must('hotplug nic', m.addPci('nic', [{ size: MiB, kind: 'mem32' }], 'vfio-pci'));
  must('create mdev', m.addMdev('vgpu', MDEV_PAGES));
  m.spawn(TASK);
  const gpuFd = must('open gpu', m.openDevice(TASK, 'gpu'));
  must('open nic', m.openDevice(TASK, 'nic'));
  const mdevFd = must('open mdev', m.openDevice(TASK, 'vgpu'));
  const bar0 = must('mmap bar0', m.mmap(TASK, { fd: gpuFd, offset: VFIO_PCI_INDEX_TO_OFFSET(0), length: GiB, shared: true, prot: 'rw' }));
  const mdevRam = must('mmap mdev', m.mmap(TASK, { fd: mdevFd, offset: 0, length: MDEV_PAGES * PAGE, shared: true, prot: 'rw' }));
  return { m, design: design.name, bar0, mdevRam };
}

/** VFIO_IOMMU_MAP_DMA of `bytes` from vaddr at iova: 0 or -errno (a Crashed counts as -1). */
export function mapDma(rig: Rig, vaddr: number, iova: number, bytes: number): number {
  const r = rig.m.mapDma(TASK, { vaddr, iova, size: bytes, flags: RW });
  return isCrashed(r) ? -1 : r;
}

/** VFIO_IOMMU_UNMAP_DMA: bytes unmapped, or -errno (a Crashed counts as -1). */
export function unmapDma(rig: Rig, iova: number, bytes: number): number {
  const r = rig.m.unmapDma(TASK, iova, bytes);
  return isCrashed(r) ? -1 : r;
}

/** MAP_DMA then UNMAP_DMA of the same range; throws if either fails (the bench must measure the success path). */
export function mapUnmap(rig: Rig, vaddr: number, iova: number, bytes: number): number {
  const ret = mapDma(rig, vaddr, iova, bytes);
  if (ret !== 0) throw new Error(`${rig.design}: MAP_DMA of ${bytes} bytes at 0x${vaddr.toString(16)} returned ${ret}`);
  const un = unmapDma(rig, iova, bytes);
  if (un !== bytes) throw new Error(`${rig.design}: UNMAP_DMA of ${bytes} bytes returned ${un}`);
  return un;
}

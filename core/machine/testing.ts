// Test helpers: a QEMU-like machine with a GPU (the BAR owner) and a NIC (the DMA
// issuer), both bound to vfio-pci and opened by task "qemu".
import type { Design } from '../vfio/design.ts';
import { VFIO_PCI_INDEX_TO_OFFSET } from '../vfio/drivers/vfio_pci.ts';
import { vfio_container_from_file } from '../vfio/container.ts';
import type { vfio_iommu } from '../vfio/type1/vfio_iommu.ts';
import { isCrashed } from './kernel.ts';
import { Machine, type Ret } from './machine.ts';
import { default_container_fd } from './vfio_ioctls.ts';

export const MiB = 1 << 20;
export const IOVA = 0x1_0000_0000;

export function ok(r: Ret): number {
  if (isCrashed(r)) throw new Error(`kernel oops: ${r.oops.message}`);
  return r;
}

export interface Qemu {
  readonly m: Machine;
  readonly gpuFd: number;
  readonly nicFd: number;
  /** User address of BAR0 of the GPU. */
  readonly bar0: number;
}

/** A GPU and a NIC (1 MiB BAR each) bound to vfio-pci, and the named tasks; nothing opened. */
export function twoDevices(...tasks: string[]): Machine {
  const m = new Machine({ seed: 1 });
  ok(m.addPci('gpu', [{ size: MiB, kind: 'mem32' }], 'vfio-pci'));
  ok(m.addPci('nic', [{ size: MiB, kind: 'mem32' }], 'vfio-pci'));
  for (const t of tasks) m.spawn(t);
  return m;
}

export function qemu(design?: Design, barSize = 16 * MiB): Qemu {
  const m = new Machine(design ? { design, seed: 1 } : { seed: 1 });
  ok(m.addPci('gpu', [{ size: barSize, kind: 'mem32' }, { size: 1 * MiB, kind: 'mem32' }], 'vfio-pci'));
  ok(m.addPci('nic', [{ size: 1 * MiB, kind: 'mem32' }], 'vfio-pci'));
  m.spawn('qemu');
  const gpuFd = ok(m.openDevice('qemu', 'gpu'));
  const nicFd = ok(m.openDevice('qemu', 'nic'));
  const bar0 = ok(m.mmap('qemu', { fd: gpuFd, offset: VFIO_PCI_INDEX_TO_OFFSET(0), length: barSize, shared: true, prot: 'rw' }));
  return { m, gpuFd, nicFd, bar0 };
}

/** The type1 backend of the task's (default) container; throws when it has none. */
export function iommuOf(m: Machine, taskName: string): vfio_iommu {
  const t = m.task(taskName);
  const fd = default_container_fd(m.k, t);
  const iommu = fd === undefined ? null : vfio_container_from_file(m.k, t.files.get(fd) ?? null)?.iommu;
  if (!iommu) throw new Error(`task ${taskName} has no container with an IOMMU set`);
  return iommu;
}

/**
 * qemu() plus a 4-page RAM mdev mapped for DMA at IOVA, then munmapped and closed: its
 * reserved pages go back to the allocator and task "other" faults them in as its own.
 */
export function mdevRamReusedUnderDma(design?: Design): Machine {
  const { m } = qemu(design);
  ok(m.addMdev('vgpu', 4));
  const fd = ok(m.openDevice('qemu', 'vgpu'));
  const a = ok(m.mmap('qemu', { fd, offset: 0, length: 4 * 4096, shared: true, prot: 'rw' }));
  ok(m.mapDma('qemu', { vaddr: a, iova: IOVA, size: 4 * 4096, flags: 3 }));
  ok(m.munmap('qemu', a, 4 * 4096));
  ok(m.close('qemu', fd));
  m.spawn('other');
  const anon = ok(m.mmap('other', { offset: 0, length: 4 * 4096, shared: false, prot: 'rw' }));
  for (let i = 0; i < 4; i++) {
    const c = m.cpuAccess('other', anon + i * 4096, true, 7);
    if (isCrashed(c) || c.ret !== 0) throw new Error('fault-in of the new owner failed');
  }
  return m;
}

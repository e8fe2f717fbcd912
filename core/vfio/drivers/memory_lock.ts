// vfio-pci's memory_lock (v5.12 drivers/vfio/pci/vfio_pci.c, vfio_pci_config.c,
// vfio_pci_rdwr.c): an rw_semaphore held for write while memory decode changes or the
// device is reset (vfio_pci_zap_and_down_write_memory_lock) and for read by every
// access that needs the BAR to decode (the mmap fault handler, read/write through the
// fd). One CPU, one call chain: a holder that is paused in the middle (a reset in its
// FLR window) registers what the rest of its critical section does; a task that then
// has to wait for the lock runs that rest first, which is what sleeping on the
// semaphore until up_write amounts to. Locks are still counted in the cost counters.
import type { Kernel } from '../../machine/kernel.ts';
import type { vfio_device } from '../vfio_device.ts';

export interface rw_semaphore {
  /** Who holds it for write, or null. */
  writer: string | null;
  /** The rest of a paused writer's critical section, ending in up_write; null if none. */
  finish_writer: (() => void) | null;
}

const LOCKS = new WeakMap<vfio_device, rw_semaphore>();

/** vdev->memory_lock of a vfio-pci device. */
export function memory_lock_of(vdev: vfio_device): rw_semaphore {
  let sem = LOCKS.get(vdev);
  if (!sem) {
    sem = { writer: null, finish_writer: null };
    LOCKS.set(vdev, sem);
  }
  return sem;
}

/** Waits out a writer: runs the paused holder's rest. A writer that cannot finish is a bug of ours. */
function wait_for_writer(sem: rw_semaphore, fn: string): void {
  if (sem.writer === null) return;
  const finish = sem.finish_writer;
  if (!finish) throw new Error(`${fn}: memory_lock is held for write by ${sem.writer}, which cannot run on (a deadlock in the model)`);
  finish();
  if (sem.writer !== null) throw new Error(`${fn}: memory_lock still held after its writer finished`);
}

/** down_read(&vdev->memory_lock): waits while a writer holds it. */
export function down_read(k: Kernel, sem: rw_semaphore, fn: string): void {
  k.cost.lockAcquisitions += 1;
  wait_for_writer(sem, fn);
}

/** down_write(&vdev->memory_lock): waits for a writer holding it, then holds it. */
export function down_write(k: Kernel, sem: rw_semaphore, fn: string): void {
  k.cost.lockAcquisitions += 1;
  wait_for_writer(sem, fn);
  sem.writer = fn;
}

/** up_write(): releases it; nothing if it was released already (the rest ran early). */
export function up_write(sem: rw_semaphore): void {
  sem.writer = null;
  sem.finish_writer = null;
}

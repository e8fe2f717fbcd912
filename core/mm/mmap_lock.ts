// mm->mmap_lock (include/linux/mmap_lock.h), an rwsem. The simulation runs one CPU and
// one call chain at a time, so "held" means held by the running call chain. Misuse
// prints what lockdep (CONFIG_PROVE_LOCKING) prints and goes on: a real kernel would
// deadlock on recursion, and a debug kernel's mmap_assert_locked also has a
// VM_BUG_ON_MM after the lockdep WARN; we keep the WARN only.
import { WARN } from '../kernel/index.ts';
import type { MmKernel, mm_struct } from './types.ts';

function lockdep_banner(k: MmKernel, title: string, fn: string): void {
  const t = k.currentTask();
  k.dmesg.printk('warn', '');
  k.dmesg.printk('warn', '============================================');
  k.dmesg.printk('warn', `WARNING: ${title}`);
  k.dmesg.printk('warn', '--------------------------------------------');
  k.dmesg.printk('warn', `${t.comm}/${t.pid} is trying to acquire or release lock:`);
  k.dmesg.printk('warn', `(&mm->mmap_lock){++++}-{3:3}, at: ${fn}`);
}

/** mmap_read_lock(): takes the lock shared; with the write side held by us lockdep reports the deadlock. */
export function mmap_read_lock(k: MmKernel, mm: mm_struct, fn = 'mmap_read_lock'): void {
  k.cost.lockAcquisitions += 1;
  if (mm.mmap_lock.writers > 0) lockdep_banner(k, 'possible recursive locking detected', fn);
  mm.mmap_lock.readers += 1;
}

/** mmap_read_trylock(): true and the lock taken shared, or false if a writer holds it. */
export function mmap_read_trylock(k: MmKernel, mm: mm_struct): boolean {
  if (mm.mmap_lock.writers > 0) return false;
  k.cost.lockAcquisitions += 1;
  mm.mmap_lock.readers += 1;
  return true;
}

/** mmap_read_unlock(): releasing a lock not held is lockdep's "bad unlock balance". */
export function mmap_read_unlock(k: MmKernel, mm: mm_struct, fn = 'mmap_read_unlock'): void {
  if (mm.mmap_lock.readers === 0) {
    lockdep_banner(k, 'bad unlock balance detected!', fn);
    return;
  }
  mm.mmap_lock.readers -= 1;
}

/** mmap_write_lock(): takes the lock exclusive; any hold by us already is a recursive-locking report. */
export function mmap_write_lock(k: MmKernel, mm: mm_struct, fn = 'mmap_write_lock'): void {
  k.cost.lockAcquisitions += 1;
  if (mm.mmap_lock.writers > 0 || mm.mmap_lock.readers > 0) lockdep_banner(k, 'possible recursive locking detected', fn);
  mm.mmap_lock.writers += 1;
}

/** mmap_write_unlock(). */
export function mmap_write_unlock(k: MmKernel, mm: mm_struct, fn = 'mmap_write_unlock'): void {
  if (mm.mmap_lock.writers === 0) {
    lockdep_banner(k, 'bad unlock balance detected!', fn);
    return;
  }
  mm.mmap_lock.writers -= 1;
}

/** mmap_assert_locked(): lockdep_assert_held WARNs when the lock is not held at all. */
export function mmap_assert_locked(k: MmKernel, mm: mm_struct, fn: string): boolean {
  if (mm.mmap_lock.readers > 0 || mm.mmap_lock.writers > 0) return true;
  WARN(k, fn, 'include/linux/mmap_lock.h', '');
  return false;
}

/** mmap_assert_write_locked(): lockdep_assert_held_write WARNs unless held exclusive. */
export function mmap_assert_write_locked(k: MmKernel, mm: mm_struct, fn: string): boolean {
  if (mm.mmap_lock.writers > 0) return true;
  WARN(k, fn, 'include/linux/mmap_lock.h', '');
  return false;
}

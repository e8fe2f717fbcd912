import { describe, expect, it } from 'vitest';
import {
  mmap_assert_locked, mmap_assert_write_locked, mmap_read_lock, mmap_read_trylock, mmap_read_unlock, mmap_write_lock,
  mmap_write_unlock,
} from './mmap_lock.ts';
import { mm_alloc } from './task.ts';
import { newMmKernel } from './testing.ts';

describe('mmap_lock', () => {
  it('asserts pass when held and count acquisitions', () => {
    const k = newMmKernel();
    const mm = mm_alloc(k);
    mmap_read_lock(k, mm);
    expect(mmap_assert_locked(k, mm, 'f')).toBe(true);
    mmap_read_unlock(k, mm);
    mmap_write_lock(k, mm);
    expect(mmap_assert_write_locked(k, mm, 'f')).toBe(true);
    mmap_write_unlock(k, mm);
    expect(k.cost.lockAcquisitions).toBe(2);
    expect(k.dmesg.all()).toHaveLength(0);
  });

  it('asserts WARN when not held (read held is not enough for the write assert)', () => {
    const k = newMmKernel();
    const mm = mm_alloc(k);
    expect(mmap_assert_locked(k, mm, 'follow_it')).toBe(false);
    mmap_read_lock(k, mm);
    expect(mmap_assert_write_locked(k, mm, 'do_it')).toBe(false);
    mmap_read_unlock(k, mm);
    const log = k.dmesg.format();
    expect(log).toContain('WARNING: CPU: 0 PID: 0 at include/linux/mmap_lock.h follow_it');
    expect(log).toContain('at include/linux/mmap_lock.h do_it');
    expect(k.taints.has('W')).toBe(true);
  });

  it('recursive write locking and unbalanced unlocks are reported as lockdep does', () => {
    const k = newMmKernel();
    const mm = mm_alloc(k);
    mmap_read_lock(k, mm);
    mmap_write_lock(k, mm, 'driver_fault');
    expect(k.dmesg.format()).toContain('WARNING: possible recursive locking detected');
    mmap_write_unlock(k, mm);
    mmap_read_unlock(k, mm);
    mmap_read_unlock(k, mm);
    expect(k.dmesg.format()).toContain('WARNING: bad unlock balance detected!');
    expect(mm.mmap_lock).toEqual({ readers: 0, writers: 0 });
  });

  it('mmap_read_trylock fails while a writer holds it', () => {
    const k = newMmKernel();
    const mm = mm_alloc(k);
    mmap_write_lock(k, mm);
    expect(mmap_read_trylock(k, mm)).toBe(false);
    mmap_write_unlock(k, mm);
    expect(mmap_read_trylock(k, mm)).toBe(true);
    mmap_read_unlock(k, mm);
  });
});

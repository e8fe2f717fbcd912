import { describe, expect, it } from 'vitest';
import { EFAULT, ENOMEM } from '../kernel/errno.ts';
import { GUP_PIN_COUNTING_BIAS } from '../mem/index.ts';
import { FOLL_LONGTERM, FOLL_WRITE, MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from './flags.ts';
import { pin_user_pages_remote, unpin_user_pages } from './gup.ts';
import { mmap_read_lock, mmap_read_unlock } from './mmap_lock.ts';
import { sys_mmap } from './mmap.ts';
import { sys_munmap } from './munmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import type { MmKernel, mm_struct } from './types.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS;

function pin(k: MmKernel, mm: mm_struct, start: number, n: number, flags = FOLL_WRITE | FOLL_LONGTERM) {
  mmap_read_lock(k, mm);
  const r = pin_user_pages_remote(k, mm, start, n, flags);
  mmap_read_unlock(k, mm);
  return r;
}

describe('pin_user_pages_remote', () => {
  it('faults anonymous pages in and pins each with GUP_PIN_COUNTING_BIAS', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(4), RW, ANON, -1, 0);
    const r = pin(k, t.mm!, a, 4);
    expect(r.ret).toBe(4);
    expect(r.pages.map((p) => p._refcount)).toEqual(Array(4).fill(1 + GUP_PIN_COUNTING_BIAS));
    expect(new Set(r.pages.map((p) => p.owner))).toEqual(new Set(['anon:qemu/100']));
    // munmap drops the mapping's reference; the pins keep the pages.
    sys_munmap(k, t, a, pages(4));
    expect(r.pages.every((p) => !p.free && p._refcount === GUP_PIN_COUNTING_BIAS)).toBe(true);
    unpin_user_pages(k, r.pages);
    expect(r.pages.every((p) => p.free)).toBe(true);
    expect(k.mem.validate()).toEqual([]);
  });

  it('refuses VM_IO|VM_PFNMAP vmas with -EFAULT (check_vma_flags)', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k, 'bar', { eager: true });
    const a = sys_mmap(k, t, 0, pages(4), RW, MAP_SHARED, fd_install(t, dev.file), 0);
    expect(pin(k, t.mm!, a, 1)).toEqual({ ret: -EFAULT, pages: [] });
  });

  it('returns the partial count when it runs into a hole or a PFNMAP vma (like Linux), -EFAULT with none', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(2), RW, ANON, -1, 0);
    const r = pin(k, t.mm!, a, 5);
    expect(r.ret).toBe(2);
    expect(r.pages).toHaveLength(2);
    unpin_user_pages(k, r.pages);
    expect(pin(k, t.mm!, a + pages(2), 1).ret).toBe(-EFAULT);
  });

  it('a write pin of a read-only vma is -EFAULT; a read pin is fine', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), PROT_READ, ANON, -1, 0);
    expect(pin(k, t.mm!, a, 1).ret).toBe(-EFAULT);
    expect(pin(k, t.mm!, a, 1, 0).ret).toBe(1);
  });

  it('has a fail-nth point "pin_user_pages" per call, and page allocation failures give -ENOMEM', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(2), RW, ANON, -1, 0);
    const n = k.faults.reached();
    k.faults.failNth = n + 1;
    expect(pin(k, t.mm!, a, 2)).toEqual({ ret: -ENOMEM, pages: [] });
    expect(k.faults.log().at(-1)).toMatchObject({ site: 'pin_user_pages', failed: true });
    k.faults.failNth = k.faults.reached() + 2; // the pin point, then the first page allocation
    expect(pin(k, t.mm!, a, 2).ret).toBe(-ENOMEM);
  });

  it('WARNs (lockdep) when called without mmap_lock', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), RW, ANON, -1, 0);
    const r = pin_user_pages_remote(k, t.mm!, a, 1, FOLL_WRITE);
    expect(r.ret).toBe(1);
    expect(k.dmesg.format()).toContain('at include/linux/mmap_lock.h __get_user_pages');
  });
});

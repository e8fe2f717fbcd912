import { describe, expect, it } from 'vitest';
import { EFAULT, ENOMEM } from '../kernel/errno.ts';
import { FAULT_FLAG_WRITE, MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from './flags.ts';
import { fixup_user_fault } from './memory.ts';
import { mmap_read_lock, mmap_read_unlock } from './mmap_lock.ts';
import { sys_mmap } from './mmap.ts';
import { follow_pfn } from './pfnmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import type { MmKernel, mm_struct } from './types.ts';
import { find_vma } from './vma_tree.ts';

function fixup(k: MmKernel, mm: mm_struct, addr: number, flags: number): number {
  mmap_read_lock(k, mm);
  const r = fixup_user_fault(k, mm, addr, flags);
  mmap_read_unlock(k, mm);
  return r;
}

describe('fixup_user_fault', () => {
  it('faults a PFNMAP page in so follow_pfn finds it (the 5.12 vfio type1 path)', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const a = sys_mmap(k, t, 0, pages(4), PROT_READ | PROT_WRITE, MAP_SHARED, fd_install(t, dev.file), 0);
    const vma = find_vma(k, t.mm!, a)!;
    expect(follow_pfn(k, vma, a + pages(2))).toBeLessThan(0);
    expect(fixup(k, t.mm!, a + pages(2), FAULT_FLAG_WRITE)).toBe(0);
    expect(follow_pfn(k, vma, a + pages(2))).toBe(dev.basePfn + 2);
  });

  it('-EFAULT: no vma, no permission, or the handler raises SIGBUS; -ENOMEM on OOM', () => {
    const k = newMmKernel(1, 0);
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const a = sys_mmap(k, t, 0, pages(1), PROT_READ, MAP_SHARED, fd_install(t, dev.file), 0);
    expect(fixup(k, t.mm!, a - pages(8), 0)).toBe(-EFAULT);
    expect(fixup(k, t.mm!, a, FAULT_FLAG_WRITE)).toBe(-EFAULT);
    dev.sigbus = true;
    expect(fixup(k, t.mm!, a, 0)).toBe(-EFAULT);
    const b = sys_mmap(k, t, 0, pages(1), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect(fixup(k, t.mm!, b, 0)).toBe(-ENOMEM);
  });
});

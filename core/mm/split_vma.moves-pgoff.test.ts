import { describe, expect, it } from 'vitest';
import { EBUSY, ENOMEM } from '../kernel/errno.ts';
import { MAP_SHARED, PROT_READ, PROT_WRITE, sysctl_max_map_count } from './flags.ts';
import { mmap_write_lock, mmap_write_unlock } from './mmap_lock.ts';
import { sys_mmap } from './mmap.ts';
import { __split_vma, split_vma } from './munmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { validate_mm } from './validate.ts';
import { linear_page_index } from './vma.ts';
import { find_vma } from './vma_tree.ts';

function setup() {
  const k = newMmKernel();
  const t = new TaskTable(k).create('qemu');
  const dev = fake_chardev(k);
  const fd = fd_install(t, dev.file);
  const a = sys_mmap(k, t, 0, pages(10), PROT_READ | PROT_WRITE, MAP_SHARED, fd, pages(100));
  const vma = find_vma(k, t.mm!, a)!;
  return { k, t, dev, a, vma, mm: t.mm! };
}

describe('__split_vma', () => {
  it('new_below=false: the new vma is the upper part and its vm_pgoff moves by the pages cut off', () => {
    const { k, dev, a, vma, mm } = setup();
    mmap_write_lock(k, mm);
    expect(__split_vma(k, mm, vma, a + pages(3), false)).toBe(0);
    mmap_write_unlock(k, mm);
    const upper = find_vma(k, mm, a + pages(3))!;
    expect(upper).not.toBe(vma);
    expect([vma.vm_start, vma.vm_end, vma.vm_pgoff]).toEqual([a, a + pages(3), 100]);
    expect([upper.vm_start, upper.vm_end, upper.vm_pgoff]).toEqual([a + pages(3), a + pages(10), 103]);
    expect(dev.counts.open).toBe(1);
    expect(dev.refs.get(upper.id)).toBe(1);
    expect(dev.file.f_count.refs).toBe(3);
    expect(validate_mm(k, mm)).toEqual([]);
  });

  it('new_below=true: the new vma is the lower part; the old one keeps the top and advances vm_pgoff', () => {
    const { k, a, vma, mm } = setup();
    mmap_write_lock(k, mm);
    expect(__split_vma(k, mm, vma, a + pages(4), true)).toBe(0);
    mmap_write_unlock(k, mm);
    const lower = find_vma(k, mm, a)!;
    expect(lower).not.toBe(vma);
    expect([lower.vm_start, lower.vm_end, lower.vm_pgoff]).toEqual([a, a + pages(4), 100]);
    expect([vma.vm_start, vma.vm_end, vma.vm_pgoff]).toEqual([a + pages(4), a + pages(10), 104]);
  });

  it('keeps the file offset of every page', () => {
    const { k, a, vma, mm } = setup();
    const before = Array.from({ length: 10 }, (_, i) => linear_page_index(vma, a + pages(i)));
    mmap_write_lock(k, mm);
    __split_vma(k, mm, vma, a + pages(7), true);
    __split_vma(k, mm, find_vma(k, mm, a)!, a + pages(2), false);
    mmap_write_unlock(k, mm);
    const after = Array.from({ length: 10 }, (_, i) => linear_page_index(find_vma(k, mm, a + pages(i))!, a + pages(i)));
    expect(after).toEqual(before);
    expect(mm.mm_rb.size).toBe(3);
  });

  it('fails with the error of vm_ops->may_split and changes nothing', () => {
    const { k, dev, a, vma, mm } = setup();
    dev.maySplitErr = -EBUSY;
    mmap_write_lock(k, mm);
    expect(__split_vma(k, mm, vma, a + pages(3), false)).toBe(-EBUSY);
    mmap_write_unlock(k, mm);
    expect(mm.mm_rb.size).toBe(1);
    expect(dev.counts.open).toBe(0);
    expect(dev.file.f_count.refs).toBe(2);
  });

  it('split_vma refuses at sysctl_max_map_count with -ENOMEM', () => {
    const { k, a, vma, mm } = setup();
    // Pretend the mm is full (this mm is thrown away after the test).
    Object.defineProperty(mm.mm_rb, 'size', { get: () => sysctl_max_map_count });
    expect(split_vma(k, mm, vma, a + pages(3), false)).toBe(-ENOMEM);
  });
});

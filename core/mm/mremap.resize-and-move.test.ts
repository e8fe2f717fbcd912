import { describe, expect, it } from 'vitest';
import { EBUSY, EFAULT, EINVAL, ENOMEM } from '../kernel/errno.ts';
import { cpu_translate } from './cpu.ts';
import { MAP_ANONYMOUS, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, MREMAP_FIXED, MREMAP_MAYMOVE, PROT_READ, PROT_WRITE } from './flags.ts';
import { sys_mmap } from './mmap.ts';
import { sys_mremap } from './mremap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages, plain_file } from './testing.ts';
import { validate_mm } from './validate.ts';
import { find_vma } from './vma_tree.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS;

function withBar() {
  const k = newMmKernel();
  const t = new TaskTable(k).create('qemu');
  const dev = fake_chardev(k, 'bar', { eager: true });
  const a = sys_mmap(k, t, 0, pages(8), RW, MAP_SHARED, fd_install(t, dev.file), pages(16));
  return { k, t, dev, a, mm: t.mm! };
}

describe('sys_mremap', () => {
  it('shrinking unmaps the tail (close on the cut piece)', () => {
    const { k, t, dev, a, mm } = withBar();
    expect(sys_mremap(k, t, a, pages(8), pages(3), 0, 0)).toBe(a);
    expect(mm.mm_rb.toArray().map((v) => [v.vm_start - a, v.vm_end - a])).toEqual([[0, pages(3)]]);
    expect(dev.counts).toMatchObject({ open: 1, close: 1 });
    expect(dev.refs.size).toBe(1);
  });

  it('growing a VM_PFNMAP / VM_DONTEXPAND vma is -EFAULT, with or without MREMAP_MAYMOVE', () => {
    const { k, t, a } = withBar();
    expect(sys_mremap(k, t, a, pages(8), pages(9), 0, 0)).toBe(-EFAULT);
    expect(sys_mremap(k, t, a, pages(8), pages(9), MREMAP_MAYMOVE, 0)).toBe(-EFAULT);
  });

  it('a move keeps vm_pgoff, moves the ptes, calls open on the new vma, ->mremap, and close on the old', () => {
    const { k, t, dev, a, mm } = withBar();
    const dest = a + pages(100);
    expect(sys_mremap(k, t, a + pages(2), pages(4), pages(4), MREMAP_MAYMOVE | MREMAP_FIXED, dest)).toBe(dest);
    const moved = find_vma(k, mm, dest)!;
    expect([moved.vm_start, moved.vm_end, moved.vm_pgoff]).toEqual([dest, dest + pages(4), 18]);
    expect(cpu_translate(k, t, dest + pages(1), false)).toEqual({ pfn: dev.basePfn + 19 });
    expect(cpu_translate(k, t, a + pages(3), false)).toEqual({ signal: 'SIGSEGV' });
    expect(dev.counts.mremap).toBe(1);
    expect(dev.refs.size).toBe(3); // [0,2), [6,8) and the moved piece
    expect(dev.counts.mmap + dev.counts.open - dev.counts.close).toBe(3);
    expect(validate_mm(k, mm)).toEqual([]);
  });

  it('a failing ->mremap undoes the move and returns its error', () => {
    const { k, t, dev, a, mm } = withBar();
    dev.mremapErr = -EBUSY;
    expect(sys_mremap(k, t, a, pages(8), pages(8), MREMAP_MAYMOVE | MREMAP_FIXED, a + pages(64))).toBe(-EBUSY);
    expect(mm.mm_rb.toArray().map((v) => v.vm_start)).toEqual([a]);
    expect(cpu_translate(k, t, a + pages(7), false)).toEqual({ pfn: dev.basePfn + 23 });
    expect(dev.refs.size).toBe(1);
    expect(validate_mm(k, mm)).toEqual([]);
  });

  it('grows in place when the space after it is free, else moves with MREMAP_MAYMOVE, else -ENOMEM', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const fd = fd_install(t, plain_file(k));
    const a = sys_mmap(k, t, 0, pages(2), RW, MAP_SHARED, fd, pages(3));
    expect(sys_mremap(k, t, a, pages(2), pages(4), 0, 0)).toBe(a);
    expect(find_vma(k, t.mm!, a)!.vm_end).toBe(a + pages(4));
    sys_mmap(k, t, a + pages(4), pages(1), RW, ANON | MAP_FIXED, -1, 0);
    expect(sys_mremap(k, t, a, pages(4), pages(6), 0, 0)).toBe(-ENOMEM);
    const b = sys_mremap(k, t, a, pages(4), pages(6), MREMAP_MAYMOVE, 0);
    expect(b).toBe(a + pages(5));
    expect(find_vma(k, t.mm!, b)!.vm_pgoff).toBe(3);
    expect(find_vma(k, t.mm!, a)!.vm_start).toBe(a + pages(4));
  });

  it('errno cases: bad flags, FIXED without MAYMOVE, unaligned, new_len 0, no vma, crossing the vma end, overlap', () => {
    const { k, t, a } = withBar();
    expect(sys_mremap(k, t, a, pages(1), pages(1), 8, 0)).toBe(-EINVAL);
    expect(sys_mremap(k, t, a, pages(1), pages(1), MREMAP_FIXED, a + pages(50))).toBe(-EINVAL);
    expect(sys_mremap(k, t, a + 1, pages(1), pages(2), MREMAP_MAYMOVE, 0)).toBe(-EINVAL);
    expect(sys_mremap(k, t, a, pages(1), 0, 0, 0)).toBe(-EINVAL);
    expect(sys_mremap(k, t, 0x10000, pages(1), pages(2), MREMAP_MAYMOVE, 0)).toBe(-EFAULT);
    expect(sys_mremap(k, t, a + pages(6), pages(4), pages(4), MREMAP_MAYMOVE | MREMAP_FIXED, a + pages(40))).toBe(-EFAULT);
    expect(sys_mremap(k, t, a, pages(4), pages(4), MREMAP_MAYMOVE | MREMAP_FIXED, a + pages(2))).toBe(-EINVAL);
    expect(sys_mremap(k, t, a, pages(4), pages(4), MREMAP_MAYMOVE | MREMAP_FIXED, a + 5)).toBe(-EINVAL);
  });
});

import { describe, expect, it } from 'vitest';
import { MAP_ANONYMOUS, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE, TASK_UNMAPPED_BASE, VM_MAYSHARE, VM_READ, VM_SHARED, VM_WRITE } from './flags.ts';
import { sys_mmap } from './mmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { validate_mm } from './validate.ts';
import { find_vma } from './vma_tree.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS;

describe('sys_mmap placement and vma contents', () => {
  it('places mappings bottom-up first fit from mmap_base 0x7f0000000000', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(2), RW, ANON, -1, 0);
    const b = sys_mmap(k, t, 0, 100, RW, ANON, -1, 0);
    expect(a).toBe(TASK_UNMAPPED_BASE);
    expect(b).toBe(TASK_UNMAPPED_BASE + pages(2));
    const vb = find_vma(k, t.mm!, b)!;
    expect(vb.vm_end - vb.vm_start).toBe(4096); // len is page aligned up
  });

  it('honours a free hint and ignores an occupied one', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    expect(sys_mmap(k, t, 0x10000000, pages(1), RW, ANON, -1, 0)).toBe(0x10000000);
    expect(sys_mmap(k, t, 0x10000000, pages(1), RW, ANON, -1, 0)).toBe(TASK_UNMAPPED_BASE);
  });

  it('anonymous private vmas have no vm_ops and vm_pgoff = addr >> PAGE_SHIFT', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), PROT_READ, ANON, -1, 0);
    const v = find_vma(k, t.mm!, a)!;
    expect(v.vm_ops).toBeNull();
    expect(v.vm_file).toBeNull();
    expect(v.vm_pgoff).toBe(a / 4096);
    expect(v.vm_flags & (VM_READ | VM_WRITE)).toBe(VM_READ);
  });

  it('a MAP_SHARED file mapping gets VM_SHARED|VM_MAYSHARE, vm_pgoff from the offset, a file ref and an i_mmap link', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const fd = fd_install(t, dev.file);
    const a = sys_mmap(k, t, 0, pages(4), RW, MAP_SHARED, fd, pages(8));
    const v = find_vma(k, t.mm!, a)!;
    expect(v.vm_flags & (VM_SHARED | VM_MAYSHARE)).toBe(VM_SHARED | VM_MAYSHARE);
    expect(v.vm_pgoff).toBe(8);
    expect(v.vm_file).toBe(dev.file);
    expect(v.vm_ops).toBe(dev.vm_ops);
    expect(dev.file.f_count.refs).toBe(2); // the fd and the vma
    expect(dev.file.f_mapping.i_mmap.has(v)).toBe(true);
    expect(dev.counts).toMatchObject({ mmap: 1, open: 0 });
    expect(validate_mm(k, t.mm!)).toEqual([]);
  });

  it('MAP_FIXED over an existing mapping unmaps it first (vm_ops->close for the old vma)', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const fd = fd_install(t, dev.file);
    const a = sys_mmap(k, t, 0, pages(4), RW, MAP_SHARED, fd, 0);
    expect(sys_mmap(k, t, a + pages(1), pages(2), RW, ANON | MAP_FIXED, -1, 0)).toBe(a + pages(1));
    const vmas = t.mm!.mm_rb.toArray();
    expect(vmas.map((v) => [v.vm_start - a, v.vm_end - a, v.vm_pgoff])).toEqual([
      [0, pages(1), 0], [pages(1), pages(3), (a + pages(1)) / 4096], [pages(3), pages(4), 3],
    ]);
    expect(dev.refs.size).toBe(2);
    expect(dev.counts).toMatchObject({ mmap: 1, open: 2, close: 1 });
    expect(validate_mm(k, t.mm!)).toEqual([]);
  });
});

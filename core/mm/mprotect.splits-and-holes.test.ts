import { describe, expect, it } from 'vitest';
import { EACCES, EINVAL, ENOMEM } from '../kernel/errno.ts';
import { cpu_translate } from './cpu.ts';
import { MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_NONE, PROT_READ, PROT_WRITE, VM_MAYWRITE, VM_WRITE } from './flags.ts';
import { sys_mmap } from './mmap.ts';
import { sys_mprotect } from './mprotect.ts';
import { sys_munmap } from './munmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { validate_mm } from './validate.ts';
import { find_vma } from './vma_tree.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS;

describe('sys_mprotect', () => {
  it('splits at both edges like Linux, keeping vm_pgoff right, and calls open on the new vmas', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k, 'bar', { eager: true });
    const a = sys_mmap(k, t, 0, pages(10), RW, MAP_SHARED, fd_install(t, dev.file), pages(5));
    expect(sys_mprotect(k, t, a + pages(2), pages(3), PROT_READ)).toBe(0);
    const vmas = t.mm!.mm_rb.toArray();
    expect(vmas.map((v) => [v.vm_start - a, v.vm_end - a, v.vm_pgoff, (v.vm_flags & VM_WRITE) !== 0])).toEqual([
      [0, pages(2), 5, true], [pages(2), pages(5), 7, false], [pages(5), pages(10), 10, true],
    ]);
    expect(dev.counts).toMatchObject({ open: 2, close: 0 });
    expect(cpu_translate(k, t, a + pages(3), true)).toEqual({ signal: 'SIGSEGV' });
    expect(cpu_translate(k, t, a + pages(3), false)).toEqual({ pfn: dev.basePfn + 8 });
    expect(cpu_translate(k, t, a + pages(6), true)).toEqual({ pfn: dev.basePfn + 11 });
    expect(validate_mm(k, t.mm!)).toEqual([]);
  });

  it('a hole in the range is -ENOMEM, and the vmas before the hole keep the new protection', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(6), RW, ANON, -1, 0);
    sys_munmap(k, t, a + pages(3), pages(1));
    expect(sys_mprotect(k, t, a, pages(6), PROT_READ)).toBe(-ENOMEM);
    expect(find_vma(k, t.mm!, a)!.vm_flags & VM_WRITE).toBe(0);
    expect(find_vma(k, t.mm!, a + pages(4))!.vm_flags & VM_WRITE).toBe(VM_WRITE);
    expect(sys_mprotect(k, t, a - pages(1), pages(2), PROT_READ)).toBe(-ENOMEM);
  });

  it('an unaligned start or unknown prot bits is -EINVAL; len 0 is 0', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), RW, ANON, -1, 0);
    expect(sys_mprotect(k, t, a + 8, pages(1), PROT_READ)).toBe(-EINVAL);
    expect(sys_mprotect(k, t, a, pages(1), 0x100)).toBe(-EINVAL);
    expect(sys_mprotect(k, t, a, 0, PROT_READ)).toBe(0);
  });

  it('asking for a protection the vma may not have (VM_MAYWRITE cleared) is -EACCES', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), PROT_READ, ANON, -1, 0);
    find_vma(k, t.mm!, a)!.vm_flags &= ~VM_MAYWRITE;
    expect(sys_mprotect(k, t, a, pages(1), RW)).toBe(-EACCES);
  });

  it('write-protects present ptes, PROT_NONE hides them, and a later write faults the pte writable again', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), RW, ANON, -1, 0);
    const first = cpu_translate(k, t, a, true);
    expect(sys_mprotect(k, t, a, pages(1), PROT_READ)).toBe(0);
    expect(cpu_translate(k, t, a, true)).toEqual({ signal: 'SIGSEGV' });
    expect(cpu_translate(k, t, a, false)).toEqual(first);
    expect(sys_mprotect(k, t, a, pages(1), PROT_NONE)).toBe(0);
    expect(cpu_translate(k, t, a, false)).toEqual({ signal: 'SIGSEGV' });
    expect(sys_mprotect(k, t, a, pages(1), RW)).toBe(0);
    expect(t.mm!.pgd.lookup(a / 4096)!.pte.write).toBe(false);
    expect(cpu_translate(k, t, a, true)).toEqual(first); // do_wp_page reuses the only reference
    expect(t.mm!.pgd.lookup(a / 4096)!.pte.write).toBe(true);
  });
});

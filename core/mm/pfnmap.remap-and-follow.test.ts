import { describe, expect, it } from 'vitest';
import { EINVAL } from '../kernel/errno.ts';
import { KernelOops } from '../kernel/index.ts';
import { alloc_file } from './file.ts';
import {
  MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE, VM_DONTDUMP, VM_DONTEXPAND, VM_FAULT_NOPAGE,
  VM_FAULT_SIGBUS, VM_IO, VM_PFNMAP,
} from './flags.ts';
import { sys_mmap } from './mmap.ts';
import { follow_pfn, follow_pte, remap_pfn_range, vmf_insert_pfn } from './pfnmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { GiB, fake_chardev, newMmKernel, pages } from './testing.ts';
import type { file } from './types.ts';
import { find_vma } from './vma_tree.ts';

const RW = PROT_READ | PROT_WRITE;

/** A file whose ->mmap does nothing but accept, so tests can call remap_pfn_range themselves. */
const bare = (k: ReturnType<typeof newMmKernel>): file => alloc_file(k, 'bare', { mmap: () => 0 }, null);

describe('remap_pfn_range / vmf_insert_pfn / follow_pte / follow_pfn', () => {
  it('a 1 GiB remap is one extent, sets VM_IO|VM_PFNMAP|VM_DONTEXPAND|VM_DONTDUMP, and follow_pte walks it once', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, GiB, RW, MAP_SHARED, fd_install(t, bare(k)), 0);
    const vma = find_vma(k, t.mm!, a)!;
    expect(remap_pfn_range(k, vma, a, 0x4000000, GiB, vma.vm_page_prot)).toBe(0);
    const want = VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
    expect(vma.vm_flags & want).toBe(want);
    expect(t.mm!.pgd.size).toBe(1);
    const walks = k.cost.ptWalks;
    const ext = k.cost.extentsTouched;
    expect(follow_pte(k, vma, a + pages(10))).toEqual({ pfn: 0x4000000 + 10, run: GiB / 4096 - 10, write: true });
    expect(k.cost.ptWalks - walks).toBe(1);
    expect(k.cost.extentsTouched - ext).toBe(1);
    expect(follow_pfn(k, vma, a + pages(5))).toBe(0x4000000 + 5);
  });

  it('follow_pte clips the run at the vma end, and is null without a pte or outside the vma', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const fd = fd_install(t, bare(k));
    const a = sys_mmap(k, t, 0, pages(8), RW, MAP_SHARED, fd, 0);
    const vma = find_vma(k, t.mm!, a)!;
    remap_pfn_range(k, vma, a, 0x9000, pages(4), vma.vm_page_prot);
    expect(follow_pte(k, vma, a + pages(3))!.run).toBe(1);
    expect(follow_pte(k, vma, a + pages(4))).toBeNull();
    expect(follow_pte(k, vma, a + pages(8))).toBeNull();
    expect(follow_pfn(k, vma, a + pages(4))).toBe(-EINVAL);
  });

  it('follow_pfn is -EINVAL on a vma that is neither VM_IO nor VM_PFNMAP', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect(follow_pfn(k, find_vma(k, t.mm!, a)!, a)).toBe(-EINVAL);
  });

  it('remap_pfn_range: unaligned addr WARNs -EINVAL; a private mapping must be remapped whole and gets vm_pgoff = pfn', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const fd = fd_install(t, bare(k));
    const a = sys_mmap(k, t, 0, pages(4), RW, MAP_PRIVATE, fd, 0);
    const vma = find_vma(k, t.mm!, a)!;
    expect(remap_pfn_range(k, vma, a + 1, 0x9000, pages(1), vma.vm_page_prot)).toBe(-EINVAL);
    expect(k.dmesg.format()).toContain('at mm/memory.c remap_pfn_range');
    expect(remap_pfn_range(k, vma, a, 0x9000, pages(1), vma.vm_page_prot)).toBe(-EINVAL);
    expect(remap_pfn_range(k, vma, a, 0x9000, pages(4), vma.vm_page_prot)).toBe(0);
    expect(vma.vm_pgoff).toBe(0x9000);
    expect(follow_pte(k, vma, a)!.write).toBe(false); // COW mapping: read-only ptes
  });

  it('remap_pfn_range over a present pte is a BUG (remap_pte_range)', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(4), RW, MAP_SHARED, fd_install(t, bare(k)), 0);
    const vma = find_vma(k, t.mm!, a)!;
    remap_pfn_range(k, vma, a + pages(2), 0x9000, pages(1), vma.vm_page_prot);
    expect(() => remap_pfn_range(k, vma, a, 0x9000, pages(4), vma.vm_page_prot)).toThrow(KernelOops);
    expect(k.dmesg.format()).toContain('kernel BUG at mm/memory.c!');
  });

  it('vmf_insert_pfn: NOPAGE (keeping an existing pte), SIGBUS outside the vma, BUG on a vma without VM_PFNMAP', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const a = sys_mmap(k, t, 0, pages(2), RW, MAP_SHARED, fd_install(t, dev.file), 0);
    const vma = find_vma(k, t.mm!, a)!;
    expect(vmf_insert_pfn(k, vma, a, 0x7000)).toBe(VM_FAULT_NOPAGE);
    expect(vmf_insert_pfn(k, vma, a, 0x8000)).toBe(VM_FAULT_NOPAGE);
    expect(follow_pfn(k, vma, a)).toBe(0x7000);
    expect(vmf_insert_pfn(k, vma, a + pages(2), 0x7000)).toBe(VM_FAULT_SIGBUS);
    const b = sys_mmap(k, t, 0, pages(1), RW, MAP_SHARED, fd_install(t, bare(k)), 0);
    expect(() => vmf_insert_pfn(k, find_vma(k, t.mm!, b)!, b, 0x7000)).toThrow(KernelOops);
  });
});

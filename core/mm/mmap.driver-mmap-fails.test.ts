import { describe, expect, it } from 'vitest';
import { EINVAL, EIO } from '../kernel/errno.ts';
import { alloc_file } from './file.ts';
import { MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from './flags.ts';
import { sys_mmap } from './mmap.ts';
import { remap_pfn_range } from './pfnmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { validate_mm } from './validate.ts';

describe('->mmap failing', () => {
  it('returns the driver error; no vma, no vm_ops->close, the file reference is dropped', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k, 'bar', { nrPages: 4 });
    const fd = fd_install(t, dev.file);
    expect(sys_mmap(k, t, 0, pages(8), PROT_READ, MAP_SHARED, fd, 0)).toBe(-EINVAL); // past the device end
    expect(sys_mmap(k, t, 0, pages(1), PROT_READ, MAP_PRIVATE, fd, 0)).toBe(-EINVAL); // not shared
    expect(t.mm!.mm_rb.size).toBe(0);
    expect(dev.counts).toMatchObject({ mmap: 0, close: 0 });
    expect(dev.file.f_count.refs).toBe(1);
    expect(dev.file.f_mapping.i_mmap.size).toBe(0);
  });

  it('zaps ptes a failing ->mmap already installed', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const f = alloc_file(k, 'half', {
      mmap: (_f, vma) => {
        remap_pfn_range(k, vma, vma.vm_start, 0xd0000, vma.vm_end - vma.vm_start, vma.vm_page_prot);
        return -EIO;
      },
    }, null);
    const fd = fd_install(t, f);
    expect(sys_mmap(k, t, 0, pages(16), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)).toBe(-EIO);
    expect(t.mm!.pgd.size).toBe(0);
    expect(validate_mm(k, t.mm!)).toEqual([]);
  });
});

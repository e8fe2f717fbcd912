import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAP_SHARED, PROT_READ, PROT_WRITE } from './flags.ts';
import { mmap_write_lock, mmap_write_unlock } from './mmap_lock.ts';
import { sys_mmap } from './mmap.ts';
import { __split_vma } from './munmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { validate_mm } from './validate.ts';
import { linear_page_index } from './vma.ts';
import { find_vma } from './vma_tree.ts';

describe('__split_vma, any sequence of splits', () => {
  it('keeps the file offset of every page of the original mapping, and opens each new vma once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }), fc.integer({ min: 0, max: 1 << 20 }),
        fc.array(fc.record({ at: fc.nat(), below: fc.boolean() }), { maxLength: 30, size: 'max' }),
        (len, off, cuts) => {
          const k = newMmKernel();
          const t = new TaskTable(k).create('qemu');
          const dev = fake_chardev(k, 'bar', { nrPages: 1 << 21 });
          const a = sys_mmap(k, t, 0, pages(len), PROT_READ | PROT_WRITE, MAP_SHARED, fd_install(t, dev.file), pages(off));
          const mm = t.mm!;
          mmap_write_lock(k, mm);
          for (const c of cuts) {
            const addr = a + pages(1 + (c.at % (len - 1)));
            const vma = find_vma(k, mm, addr)!;
            if (vma.vm_start === addr) continue;
            expect(__split_vma(k, mm, vma, addr, c.below)).toBe(0);
          }
          mmap_write_unlock(k, mm);
          for (let i = 0; i < len; i++) expect(linear_page_index(find_vma(k, mm, a + pages(i))!, a + pages(i))).toBe(off + i);
          expect(dev.counts.open).toBe(mm.mm_rb.size - 1);
          expect(dev.refs.size).toBe(mm.mm_rb.size);
          expect(dev.file.f_count.refs).toBe(1 + mm.mm_rb.size);
          expect(validate_mm(k, mm)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

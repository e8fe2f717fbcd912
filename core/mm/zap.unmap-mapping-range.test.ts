import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpu_translate } from './cpu.ts';
import { MAP_SHARED, PROT_READ, PROT_WRITE } from './flags.ts';
import { sys_mmap } from './mmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { linear_page_index } from './vma.ts';
import { find_vma } from './vma_tree.ts';
import { unmap_mapping_range, zap_vma_ptes } from './zap.ts';
import { get_file } from './file.ts';

const RW = PROT_READ | PROT_WRITE;

describe('zap_vma_ptes', () => {
  it('zaps inside a VM_PFNMAP vma and silently ignores a range leaving the vma', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k, 'bar', { eager: true });
    const a = sys_mmap(k, t, 0, pages(8), RW, MAP_SHARED, fd_install(t, dev.file), 0);
    const vma = find_vma(k, t.mm!, a)!;
    zap_vma_ptes(k, vma, a, pages(9));
    expect(t.mm!.pgd.any_present(a / 4096, a / 4096 + 8)).toBe(true);
    zap_vma_ptes(k, vma, a + pages(2), pages(2));
    expect(t.mm!.pgd.all().map((e) => [e.start - a / 4096, e.end - a / 4096])).toEqual([[0, 2], [4, 8]]);
    expect(cpu_translate(k, t, a + pages(2), false)).toEqual({ pfn: dev.basePfn + 2 }); // refaults
  });
});

describe('unmap_mapping_range', () => {
  it('zaps the overlapping file range in every process, by vm_pgoff, leaving the rest', () => {
    const k = newMmKernel();
    const tasks = new TaskTable(k);
    const p1 = tasks.create('qemu');
    const p2 = tasks.create('other');
    const dev = fake_chardev(k, 'bar', { eager: true });
    const a1 = sys_mmap(k, p1, 0, pages(8), RW, MAP_SHARED, fd_install(p1, get_file(k, dev.file)), 0); // file pages 0..7
    const a2 = sys_mmap(k, p2, 0, pages(4), RW, MAP_SHARED, fd_install(p2, get_file(k, dev.file)), pages(6)); // 6..9
    unmap_mapping_range(k, dev.file.f_mapping, pages(5), pages(2), true); // file pages 5, 6
    const present = (mm: typeof p1.mm, a: number, n: number) =>
      Array.from({ length: n }, (_, i) => mm!.pgd.any_present(a / 4096 + i, a / 4096 + i + 1));
    expect(present(p1.mm, a1, 8)).toEqual([true, true, true, true, true, false, false, true]);
    expect(present(p2.mm, a2, 4)).toEqual([false, true, true, true]);
    unmap_mapping_range(k, dev.file.f_mapping, 0, 0, true); // holelen 0: to the end of the file
    expect(p1.mm!.pgd.size + p2.mm!.pgd.size).toBe(0);
  });

  it('with even_cows false keeps private COW copies', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const fd = fd_install(t, dev.file);
    // A private mapping of a device is refused by the fake device, so build the COW case by hand:
    const a = sys_mmap(k, t, 0, pages(2), RW, MAP_SHARED, fd, 0);
    cpu_translate(k, t, a, false);
    const page = k.mem.alloc_page('anon:qemu/100', 'test')!;
    t.mm!.pgd.set_ptes(a / 4096 + 1, 1, { pfn: page.pfn, write: true, prot_none: false, special: false, anon: true });
    unmap_mapping_range(k, dev.file.f_mapping, 0, pages(2), false);
    expect(t.mm!.pgd.all().map((e) => e.value.anon)).toEqual([true]);
    unmap_mapping_range(k, dev.file.f_mapping, 0, pages(2), true);
    expect(t.mm!.pgd.size).toBe(0);
    expect(page.free).toBe(true);
  });

  it('zaps exactly the ptes whose file page lies in the hole, across two processes (property)', () => {
    const mapping = fc.record({ off: fc.integer({ min: 0, max: 20 }), len: fc.integer({ min: 1, max: 10 }) });
    fc.assert(
      fc.property(
        fc.array(mapping, { minLength: 1, maxLength: 3 }), fc.array(mapping, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 12 }),
        (maps1, maps2, holeStart, holeLen) => {
          const k = newMmKernel();
          const tasks = new TaskTable(k);
          const dev = fake_chardev(k, 'bar', { eager: true, nrPages: 64 });
          const procs = [tasks.create('a'), tasks.create('b')];
          [maps1, maps2].forEach((maps, i) => {
            const p = procs[i]!;
            const fd = fd_install(p, get_file(k, dev.file));
            for (const m of maps) expect(sys_mmap(k, p, 0, pages(m.len), RW, MAP_SHARED, fd, pages(m.off))).toBeGreaterThan(0);
          });
          unmap_mapping_range(k, dev.file.f_mapping, pages(holeStart), pages(holeLen), true);
          const last = holeLen === 0 ? Infinity : holeStart + holeLen - 1;
          for (const p of procs) {
            for (const vma of p.mm!.mm_rb) {
              for (let addr = vma.vm_start; addr < vma.vm_end; addr += 4096) {
                const pg = linear_page_index(vma, addr);
                const inHole = pg >= holeStart && pg <= last;
                expect(p.mm!.pgd.any_present(addr / 4096, addr / 4096 + 1)).toBe(!inHole);
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves the mappings of other files alone', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const d1 = fake_chardev(k, 'bar0', { eager: true });
    const d2 = fake_chardev(k, 'bar1', { eager: true, basePfn: 0xf0000 });
    sys_mmap(k, t, 0, pages(2), RW, MAP_SHARED, fd_install(t, d1.file), 0);
    const b = sys_mmap(k, t, 0, pages(2), RW, MAP_SHARED, fd_install(t, d2.file), 0);
    unmap_mapping_range(k, d1.file.f_mapping, 0, 0, true);
    expect(t.mm!.pgd.all().map((e) => e.start)).toEqual([b / 4096]);
  });
});

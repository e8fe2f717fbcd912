import { describe, expect, it } from 'vitest';
import { EBUSY, EINVAL } from '../kernel/errno.ts';
import { MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from './flags.ts';
import { cpu_translate } from './cpu.ts';
import { sys_mmap } from './mmap.ts';
import { sys_munmap } from './munmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { validate_mm } from './validate.ts';

const RW = PROT_READ | PROT_WRITE;

function setup(eager = true) {
  const k = newMmKernel();
  const t = new TaskTable(k).create('qemu');
  const dev = fake_chardev(k, 'bar', { eager });
  const fd = fd_install(t, dev.file);
  const a = sys_mmap(k, t, 0, pages(10), RW, MAP_SHARED, fd, 0);
  return { k, t, dev, a, mm: t.mm! };
}

describe('sys_munmap', () => {
  it('unmapping the middle splits twice (2 opens) and closes the removed piece (1 close)', () => {
    const { k, t, dev, a, mm } = setup();
    expect(sys_munmap(k, t, a + pages(3), pages(4))).toBe(0);
    expect(mm.mm_rb.toArray().map((v) => [v.vm_start - a, v.vm_end - a, v.vm_pgoff])).toEqual([
      [0, pages(3), 0], [pages(7), pages(10), 7],
    ]);
    expect(dev.counts).toMatchObject({ mmap: 1, open: 2, close: 1 });
    expect(dev.refs.size).toBe(2);
    expect(cpu_translate(k, t, a + pages(4), false)).toEqual({ signal: 'SIGSEGV' });
    expect(cpu_translate(k, t, a + pages(8), false)).toEqual({ pfn: dev.basePfn + 8 });
    expect(dev.file.f_count.refs).toBe(3);
    expect(validate_mm(k, mm)).toEqual([]);
  });

  it('unmapping a range covering several vmas closes each, drops each file reference and unlinks it', () => {
    const { k, t, dev, a, mm } = setup();
    sys_munmap(k, t, a + pages(5), pages(1));
    expect(sys_munmap(k, t, a - pages(1), pages(20))).toBe(0);
    expect(mm.mm_rb.size).toBe(0);
    expect(mm.pgd.size).toBe(0);
    expect(dev.refs.size).toBe(0);
    expect(dev.counts.open + dev.counts.mmap).toBe(dev.counts.close);
    expect(dev.file.f_count.refs).toBe(1);
    expect(dev.file.f_mapping.i_mmap.size).toBe(0);
  });

  it('an unaligned address is -EINVAL, len 0 is -EINVAL, and nothing mapped is 0', () => {
    const { k, t, a, mm } = setup();
    expect(sys_munmap(k, t, a + 1, pages(1))).toBe(-EINVAL);
    expect(sys_munmap(k, t, a, 0)).toBe(-EINVAL);
    expect(sys_munmap(k, t, 0x1000, pages(1))).toBe(0);
    expect(mm.mm_rb.size).toBe(1);
  });

  it('a may_split refusal is returned', () => {
    const { k, t, dev, a, mm } = setup();
    dev.maySplitErr = -EBUSY;
    expect(sys_munmap(k, t, a + pages(2), pages(2))).toBe(-EBUSY);
    expect(mm.mm_rb.size).toBe(1);
    expect(sys_munmap(k, t, a, pages(10))).toBe(0); // whole vma: no split needed
  });

  it('frees anonymous pages that were faulted in', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(4), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (let i = 0; i < 4; i++) expect('pfn' in cpu_translate(k, t, a + pages(i), true)).toBe(true);
    expect(k.mem.stats().used).toBe(4);
    expect(k.mem.usedPages()[0]!.owner).toBe('anon:qemu/100');
    expect(sys_munmap(k, t, a, pages(4))).toBe(0);
    expect(k.mem.stats().used).toBe(0);
    expect(k.mem.validate()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ENOMEM } from '../kernel/errno.ts';
import { cpu_translate } from './cpu.ts';
import { do_exit } from './exit.ts';
import { MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from './flags.ts';
import { sys_fork } from './fork.ts';
import { sys_mmap } from './mmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages } from './testing.ts';
import { validate_all } from './validate.ts';

const RW = PROT_READ | PROT_WRITE;

describe('sys_fork', () => {
  it('copies every vma, calls vm_ops->open on each copy, and copies PFNMAP ptes', () => {
    const k = newMmKernel();
    const tasks = new TaskTable(k);
    const parent = tasks.create('qemu');
    const dev = fake_chardev(k, 'bar', { eager: true });
    const fd = fd_install(parent, dev.file);
    const a = sys_mmap(k, parent, 0, pages(4), RW, MAP_SHARED, fd, pages(1));
    const pid = sys_fork(k, tasks, parent);
    expect(pid).toBe(101);
    const child = tasks.get(pid)!;
    const cv = child.mm!.mm_rb.toArray();
    expect(cv.map((v) => [v.vm_start, v.vm_end, v.vm_pgoff, v.vm_ops, v.vm_mm])).toEqual([[a, a + pages(4), 1, dev.vm_ops, child.mm]]);
    expect(dev.counts.open).toBe(1);
    expect(dev.refs.get(cv[0]!.id)).toBe(1);
    expect(cpu_translate(k, child, a + pages(2), true)).toEqual({ pfn: dev.basePfn + 3 });
    expect(dev.counts.fault).toBe(0); // the pte was copied, not refaulted
    expect(dev.file.f_mapping.i_mmap.size).toBe(2);
    expect(dev.file.f_count.refs).toBe(4); // 2 fds + 2 vmas
    expect(child.files.get(fd)).toBe(dev.file);
    expect(validate_all(k, tasks)).toEqual([]);
  });

  it('skips VM_DONTCOPY vmas', () => {
    const k = newMmKernel();
    const tasks = new TaskTable(k);
    const parent = tasks.create('qemu');
    const dev = fake_chardev(k, 'bar', { dontcopy: true });
    sys_mmap(k, parent, 0, pages(4), RW, MAP_SHARED, fd_install(parent, dev.file), 0);
    const child = tasks.get(sys_fork(k, tasks, parent))!;
    expect(child.mm!.mm_rb.size).toBe(0);
    expect(dev.counts.open).toBe(0);
  });

  it('copies private anonymous pages eagerly (data included) and shares MAP_SHARED anonymous ones', () => {
    const k = newMmKernel();
    const tasks = new TaskTable(k);
    const parent = tasks.create('qemu');
    const priv = sys_mmap(k, parent, 0, pages(1), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    const shared = sys_mmap(k, parent, 0, pages(1), RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    const pp = cpu_translate(k, parent, priv, true);
    const ps = cpu_translate(k, parent, shared, true);
    if (!('pfn' in pp) || !('pfn' in ps)) throw new Error('fault failed');
    k.mem.phys_write(pp.pfn, 0, 11);
    const child = tasks.get(sys_fork(k, tasks, parent))!;
    const cp = cpu_translate(k, child, priv, false);
    if (!('pfn' in cp)) throw new Error('child fault failed');
    expect(cp.pfn).not.toBe(pp.pfn);
    expect(k.mem.phys_read(cp.pfn, 0)).toBe(11);
    expect(k.mem.pfn_to_page(cp.pfn).owner).toBe('anon:qemu/101');
    expect(cpu_translate(k, child, shared, false)).toEqual(ps);
    expect(k.mem.pfn_to_page(ps.pfn)._refcount).toBe(2);
    expect(validate_all(k, tasks)).toEqual([]);
  });

  it('fails with -ENOMEM when a page copy fails, releasing everything the copy took', () => {
    const k = newMmKernel();
    const tasks = new TaskTable(k);
    const parent = tasks.create('qemu');
    const dev = fake_chardev(k, 'bar', { eager: true });
    sys_mmap(k, parent, 0, pages(2), RW, MAP_SHARED, fd_install(parent, dev.file), 0);
    const a = sys_mmap(k, parent, 0, pages(2), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cpu_translate(k, parent, a, true);
    const used = k.mem.stats().used;
    k.faults.failNth = k.faults.reached() + 1;
    expect(sys_fork(k, tasks, parent)).toBe(-ENOMEM);
    expect(tasks.all()).toEqual([parent]);
    expect(dev.counts.open).toBe(dev.counts.close);
    expect(dev.file.f_count.refs).toBe(2);
    expect(k.mem.stats().used).toBe(used);
    expect(validate_all(k, tasks)).toEqual([]);
  });
});

describe('do_exit', () => {
  it('closes every vma, drops file references (release on the last), frees anonymous pages', () => {
    const k = newMmKernel();
    const tasks = new TaskTable(k);
    const t = tasks.create('qemu');
    const dev = fake_chardev(k, 'bar', { eager: true });
    let released = 0;
    (dev.file.f_op as { release?: () => void }).release = () => { released += 1; };
    const fd = fd_install(t, dev.file);
    sys_mmap(k, t, 0, pages(4), RW, MAP_SHARED, fd, 0);
    const a = sys_mmap(k, t, 0, pages(3), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (let i = 0; i < 3; i++) cpu_translate(k, t, a + pages(i), true);
    const mm = t.mm!;
    do_exit(k, t);
    expect(t.state).toBe('exited');
    expect(t.mm).toBeNull();
    expect(t.files.size).toBe(0);
    expect(mm.mm_rb.size).toBe(0);
    expect(mm.pgd.size).toBe(0);
    expect(dev.refs.size).toBe(0);
    expect(released).toBe(1);
    expect(k.mem.stats().used).toBe(0);
  });
});

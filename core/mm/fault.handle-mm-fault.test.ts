import { describe, expect, it } from 'vitest';
import { KernelOops } from '../kernel/index.ts';
import { alloc_file } from './file.ts';
import { cpu_translate } from './cpu.ts';
import {
  FAULT_FLAG_WRITE, MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE, VM_FAULT_NOPAGE, VM_FAULT_SIGBUS,
} from './flags.ts';
import { handle_mm_fault } from './memory.ts';
import { mmap_read_lock, mmap_read_unlock } from './mmap_lock.ts';
import { sys_mmap } from './mmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages, plain_file } from './testing.ts';
import type { vm_operations_struct } from './types.ts';
import { validate_mm } from './validate.ts';
import { find_vma } from './vma_tree.ts';

const RW = PROT_READ | PROT_WRITE;

describe('handle_mm_fault and cpu_translate', () => {
  it('an anonymous fault allocates a zeroed page owned by anon:<comm>/<pid>', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(2), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    const r = cpu_translate(k, t, a + 100, true);
    expect('pfn' in r && k.mem.pfn_to_page(r.pfn).owner).toBe('anon:qemu/100');
    expect(cpu_translate(k, t, a + 200, false)).toEqual(r); // same page, no new fault
    expect(k.mem.stats().used).toBe(1);
  });

  it('a PFNMAP fault calls vm_ops->fault once (an indirect call) and maps basePfn + vm_pgoff', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const a = sys_mmap(k, t, 0, pages(4), RW, MAP_SHARED, fd_install(t, dev.file), pages(2));
    const before = k.cost.indirectCalls;
    expect(cpu_translate(k, t, a + pages(1), true)).toEqual({ pfn: dev.basePfn + 3 });
    expect(k.cost.indirectCalls - before).toBe(1);
    expect(cpu_translate(k, t, a + pages(1), false)).toEqual({ pfn: dev.basePfn + 3 });
    expect(dev.counts.fault).toBe(1);
    expect(t.mm!.pgd.lookup(a / 4096 + 1)!.pte).toMatchObject({ special: true, write: true });
  });

  it('VM_FAULT_SIGBUS from the handler is SIGBUS; no vma or no permission is SIGSEGV', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const a = sys_mmap(k, t, 0, pages(4), PROT_READ, MAP_SHARED, fd_install(t, dev.file), 0);
    dev.sigbus = true;
    expect(cpu_translate(k, t, a, false)).toEqual({ signal: 'SIGBUS' });
    expect(cpu_translate(k, t, a, true)).toEqual({ signal: 'SIGSEGV' });
    expect(cpu_translate(k, t, a - pages(1), false)).toEqual({ signal: 'SIGSEGV' });
  });

  it('a file vma without ->fault (dummy_vm_ops) gets SIGBUS', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(1), RW, MAP_SHARED, fd_install(t, plain_file(k)), 0);
    expect(find_vma(k, t.mm!, a)!.vm_ops!.name).toBe('dummy_vm_ops');
    expect(cpu_translate(k, t, a, false)).toEqual({ signal: 'SIGBUS' });
  });

  it('a handler returning a page (mbochs style) gets it mapped; a private write gets a COW copy', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const backing = k.mem.alloc_page('mbochs', 'probe')!;
    k.mem.phys_write(backing.pfn, 0, 7);
    const ops: vm_operations_struct = {
      name: 'mbochs_vm_ops',
      fault: (vmf) => {
        k.mem.get_page(backing);
        vmf.page = backing;
        return 0;
      },
    };
    const f = alloc_file(k, 'mbochs', { mmap: (_f, vma) => { vma.vm_ops = ops; return 0; } }, null);
    const fd = fd_install(t, f);
    const shared = sys_mmap(k, t, 0, pages(1), RW, MAP_SHARED, fd, 0);
    const priv = sys_mmap(k, t, 0, pages(1), RW, MAP_PRIVATE, fd, 0);
    expect(cpu_translate(k, t, shared, true)).toEqual({ pfn: backing.pfn });
    const copy = cpu_translate(k, t, priv, true);
    expect('pfn' in copy && copy.pfn !== backing.pfn).toBe(true);
    if ('pfn' in copy) expect(k.mem.phys_read(copy.pfn, 0)).toBe(7);
    expect(backing._refcount).toBe(2); // the driver's and the shared pte's
    expect(validate_mm(k, t.mm!)).toEqual([]);
  });

  it('a handler returning 0 without a page makes __do_fault dereference NULL: Oops', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const f = alloc_file(k, 'buggy', { mmap: (_f, vma) => { vma.vm_ops = { name: 'buggy', fault: () => 0 }; return 0; } }, null);
    const a = sys_mmap(k, t, 0, pages(1), RW, MAP_SHARED, fd_install(t, f), 0);
    expect(() => cpu_translate(k, t, a, false)).toThrow(KernelOops);
    expect(k.dmesg.format()).toContain('BUG: kernel NULL pointer dereference');
  });

  it('a handler that says NOPAGE but installs nothing would livelock: reported as SIGBUS', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const f = alloc_file(k, 'lazy', { mmap: (_f, vma) => { vma.vm_ops = { name: 'lazy', fault: () => VM_FAULT_NOPAGE }; return 0; } }, null);
    const a = sys_mmap(k, t, 0, pages(1), RW, MAP_SHARED, fd_install(t, f), 0);
    expect(cpu_translate(k, t, a, false)).toEqual({ signal: 'SIGBUS' });
  });

  it('OOM during an anonymous fault kills the task (SIGKILL)', () => {
    const k = newMmKernel(1, 1);
    const t = new TaskTable(k).create('qemu');
    const a = sys_mmap(k, t, 0, pages(2), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect('pfn' in cpu_translate(k, t, a, true)).toBe(true);
    expect(cpu_translate(k, t, a + pages(1), true)).toEqual({ signal: 'SIGKILL' });
  });

  it('handle_mm_fault WARNs (lockdep) when mmap_lock is not held, and returns VM_FAULT_* bits', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    const dev = fake_chardev(k);
    const a = sys_mmap(k, t, 0, pages(1), RW, MAP_SHARED, fd_install(t, dev.file), 0);
    const vma = find_vma(k, t.mm!, a)!;
    dev.sigbus = true;
    expect(handle_mm_fault(k, vma, a, FAULT_FLAG_WRITE)).toBe(VM_FAULT_SIGBUS);
    expect(k.dmesg.format()).toContain('include/linux/mmap_lock.h handle_mm_fault');
    dev.sigbus = false;
    mmap_read_lock(k, t.mm!);
    expect(handle_mm_fault(k, vma, a, 0)).toBe(VM_FAULT_NOPAGE);
    mmap_read_unlock(k, t.mm!);
  });
});

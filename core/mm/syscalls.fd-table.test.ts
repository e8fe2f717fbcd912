import { describe, expect, it } from 'vitest';
import { EBADF } from '../kernel/errno.ts';
import { alloc_file, get_file } from './file.ts';
import { fd_install, fget, sys_close } from './syscalls.ts';
import { TaskTable, get_task_mm, get_task_struct, put_task_struct } from './task.ts';
import { do_exit, mmput, release_task } from './exit.ts';
import { newMmKernel } from './testing.ts';

describe('fd table and task references', () => {
  it('fd_install hands out the lowest free fd from 3; sys_close frees it, -EBADF for unknown fds', () => {
    const k = newMmKernel();
    const t = new TaskTable(k).create('qemu');
    let released = 0;
    const f = alloc_file(k, 'f', { release: () => { released += 1; } }, null);
    expect(fd_install(t, f)).toBe(3);
    expect(fd_install(t, get_file(k, f))).toBe(4);
    expect(sys_close(k, t, 3)).toBe(0);
    expect(fd_install(t, get_file(k, f))).toBe(3);
    expect(sys_close(k, t, 9)).toBe(-EBADF);
    expect(fget(k, t, 9)).toBeNull();
    const g = fget(k, t, 4)!;
    expect(g.f_count.refs).toBe(3);
    sys_close(k, t, 3);
    sys_close(k, t, 4);
    expect(released).toBe(0);
    expect(sys_close(k, t, 4)).toBe(-EBADF);
    expect(k.cost.indirectCalls).toBe(0);
  });

  it('pids count from 100; a held mm outlives its task until mmput; the last task reference makes it dead', () => {
    const k = newMmKernel();
    const tasks = new TaskTable(k);
    const a = tasks.create('qemu');
    const b = tasks.create('qemu');
    expect([a.pid, b.pid]).toEqual([100, 101]);
    const mm = get_task_mm(k, a)!;
    get_task_struct(k, a);
    do_exit(k, a);
    expect(get_task_mm(k, a)).toBeNull();
    expect(mm.mm_users.refs).toBe(1);
    mmput(k, mm);
    expect(mm.mm_users.refs).toBe(0);
    release_task(k, a);
    expect(a.state).toBe('exited');
    put_task_struct(k, a);
    expect(a.state).toBe('dead');
  });
});

// Process exit (kernel/exit.c do_exit, kernel/fork.c mmput, mm/mmap.c exit_mmap, v5.12).
import { refcount_dec_and_test } from '../kernel/index.ts';
import { unmap_all } from './munmap.ts';
import { put_task_struct } from './task.ts';
import type { MmKernel, mm_struct, task_struct } from './types.ts';
import { fput } from './file.ts';

/**
 * exit_mmap(): tears the whole address space down: zaps every pte (dropping anonymous
 * pages), unlinks file vmas, then vm_ops->close and fput for each vma in address order.
 * Like 5.12 it takes no mmap_lock (nobody else can reach the mm).
 */
export function exit_mmap(k: MmKernel, mm: mm_struct): void {
  unmap_all(k, mm);
}

/** mmput(): drops a user of mm; the last one runs exit_mmap. */
export function mmput(k: MmKernel, mm: mm_struct): void {
  if (refcount_dec_and_test(k, mm.mm_users)) exit_mmap(k, mm);
}

/** exit_mm(): detaches the task from its mm and drops its user reference. */
export function exit_mm(k: MmKernel, task: task_struct): void {
  const mm = task.mm;
  if (!mm) return;
  task.mm = null;
  mmput(k, mm);
}

/** exit_files(): closes every fd (fput each), lowest fd first. */
export function exit_files(k: MmKernel, task: task_struct): void {
  const fds = [...task.files.keys()].sort((a, b) => a - b);
  for (const fd of fds) {
    const f = task.files.get(fd)!;
    task.files.delete(fd);
    fput(k, f);
  }
}

/** do_exit(): exit_mm then exit_files (the kernel's order), state 'exited'. Exiting twice is a bug of ours. */
export function do_exit(k: MmKernel, task: task_struct): void {
  if (task.state !== 'running') throw new Error(`do_exit: task ${task.comm}/${task.pid} is ${task.state}`);
  exit_mm(k, task);
  exit_files(k, task);
  task.state = 'exited';
}

/** release_task(): the parent reaps an exited task, dropping the table's reference ('dead' when it was the last). */
export function release_task(k: MmKernel, task: task_struct): void {
  if (task.state !== 'exited') throw new Error(`release_task: task ${task.comm}/${task.pid} is ${task.state}`);
  put_task_struct(k, task);
}

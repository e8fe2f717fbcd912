// The fd table (fs/file.c, fs/open.c): install, look up and close file descriptors.
import { EBADF } from '../kernel/errno.ts';
import { fput, get_file } from './file.ts';
import type { MmKernel, file, task_struct } from './types.ts';

/** First fd handed out: 0-2 are stdin/stdout/stderr. */
const FIRST_FD = 3;

/** get_unused_fd_flags() + fd_install(): the lowest free fd from 3; the table takes over the caller's file reference. */
export function fd_install(task: task_struct, f: file): number {
  let fd = FIRST_FD;
  while (task.files.has(fd)) fd += 1;
  task.files.set(fd, f);
  return fd;
}

/** fget(): the file behind fd with a new reference (drop it with fput), or null for a bad fd. */
export function fget(k: MmKernel, task: task_struct, fd: number): file | null {
  const f = task.files.get(fd);
  return f ? get_file(k, f) : null;
}

/** close_fd() / sys_close(): 0, or -EBADF for an fd that is not open. Drops the table's reference. */
export function sys_close(k: MmKernel, task: task_struct, fd: number): number {
  const f = task.files.get(fd);
  if (!f) return -EBADF;
  task.files.delete(fd);
  fput(k, f);
  return 0;
}

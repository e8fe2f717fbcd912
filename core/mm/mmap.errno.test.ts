import { describe, expect, it } from 'vitest';
import { EBADF, EINVAL, ENODEV, ENOMEM } from '../kernel/errno.ts';
import { alloc_file } from './file.ts';
import { MAP_ANONYMOUS, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE, TASK_SIZE } from './flags.ts';
import { sys_mmap } from './mmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { newMmKernel, pages } from './testing.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS;

describe('sys_mmap errors (never a throw)', () => {
  const k = newMmKernel();
  const task = new TaskTable(k).create('qemu');
  const nommap = fd_install(task, alloc_file(k, 'nommap', {}, null));

  it('len 0 is -EINVAL', () => expect(sys_mmap(k, task, 0, 0, RW, ANON, -1, 0)).toBe(-EINVAL));
  it('an offset that is not page aligned is -EINVAL', () => expect(sys_mmap(k, task, 0, 4096, RW, MAP_SHARED, nommap, 100)).toBe(-EINVAL));
  it('an fd that is not open is -EBADF', () => expect(sys_mmap(k, task, 0, 4096, RW, MAP_SHARED, 77, 0)).toBe(-EBADF));
  it('a file without ->mmap is -ENODEV', () => expect(sys_mmap(k, task, 0, 4096, RW, MAP_SHARED, nommap, 0)).toBe(-ENODEV));
  it('neither MAP_SHARED nor MAP_PRIVATE is -EINVAL', () => expect(sys_mmap(k, task, 0, 4096, RW, MAP_ANONYMOUS, -1, 0)).toBe(-EINVAL));
  it('MAP_FIXED at an unaligned address is -EINVAL', () => {
    expect(sys_mmap(k, task, pages(100) + 12, 4096, RW, ANON | MAP_FIXED, -1, 0)).toBe(-EINVAL);
  });
  it('a length larger than the address space is -ENOMEM', () => {
    expect(sys_mmap(k, task, 0, TASK_SIZE + 4096, RW, ANON, -1, 0)).toBe(-ENOMEM);
    expect(sys_mmap(k, task, TASK_SIZE - 4096, pages(2), RW, ANON | MAP_FIXED, -1, 0)).toBe(-ENOMEM);
  });
  it('leaves no vma behind and the file reference count where it was', () => {
    expect(task.mm!.mm_rb.size).toBe(0);
    expect(task.files.get(nommap)!.f_count.refs).toBe(1);
    expect(task.mm!.mmap_lock).toEqual({ readers: 0, writers: 0 });
  });
});

// Tasks and their mm (kernel/fork.c, kernel/exit.c, include/linux/sched/mm.h): the task
// table with deterministic pids from 100, mm_alloc, and the reference counts that keep a
// task or an mm alive (get_task_struct, mmget, get_task_mm).
import { refcount_dec_and_test, refcount_inc, refcount_inc_not_zero, refcount_t } from '../kernel/index.ts';
import { TASK_UNMAPPED_BASE } from './flags.ts';
import { next_id } from './ids.ts';
import { PageTable } from './pgtable.ts';
import type { MmKernel, file, mm_struct, task_struct } from './types.ts';
import { VmaTree } from './vma_tree.ts';

/** mm_alloc(): an empty mm with mm_users 1. */
export function mm_alloc(k: MmKernel): mm_struct {
  return {
    mm_id: next_id(k, 'mm'),
    mm_rb: new VmaTree(),
    pgd: new PageTable(k.cost),
    mmap_lock: { readers: 0, writers: 0 },
    mmap_base: TASK_UNMAPPED_BASE,
    owner: null,
    mm_users: new refcount_t(1),
  };
}

/** mmget(): one more user of an mm known to be alive. */
export function mmget(k: MmKernel, mm: mm_struct): void {
  refcount_inc(k, mm.mm_users);
}

/** mmget_not_zero(): a user reference unless the mm is already being torn down. */
export function mmget_not_zero(k: MmKernel, mm: mm_struct): boolean {
  return refcount_inc_not_zero(k, mm.mm_users);
}

/** get_task_mm(): the task's mm with a user reference (drop with mmput), or null once it has exited. */
export function get_task_mm(k: MmKernel, task: task_struct): mm_struct | null {
  const mm = task.mm;
  if (!mm) return null;
  mmget(k, mm);
  return mm;
}

/** get_task_struct(). */
export function get_task_struct(k: MmKernel, task: task_struct): task_struct {
  refcount_inc(k, task.usage);
  return task;
}

/** put_task_struct(): the last reference of an exited task makes it 'dead'. */
export function put_task_struct(k: MmKernel, task: task_struct): void {
  if (refcount_dec_and_test(k, task.usage)) task.state = 'dead';
}

/** current->mm for a syscall; a syscall from a task without an mm is a bug of the caller. */
export function task_mm(task: task_struct, syscall: string): mm_struct {
  if (!task.mm) throw new Error(`${syscall} from task ${task.comm}/${task.pid} which has no mm (state ${task.state})`);
  return task.mm;
}

/** A running task owning mm, with usage 1 (the task table's reference). */
export function new_task(pid: number, comm: string, mm: mm_struct, files: Map<number, file>): task_struct {
  const task: task_struct = { pid, comm, mm, files, state: 'running', usage: new refcount_t(1) };
  mm.owner = task;
  return task;
}

export class TaskTable {
  private readonly tasks = new Map<number, task_struct>();
  private nextPid = 100;

  constructor(private readonly k: MmKernel) {}

  /** A running task with a fresh empty mm and no fds; its usage count is the table's reference. */
  create(comm: string): task_struct {
    return this.add(comm, mm_alloc(this.k), new Map());
  }

  /** A running task around an existing mm and fd table. */
  add(comm: string, mm: mm_struct, files: Map<number, file>): task_struct {
    const task = new_task(this.alloc_pid(), comm, mm, files);
    this.attach(task);
    return task;
  }

  /** alloc_pid(): the next pid, from 100 up, never reused. */
  alloc_pid(): number {
    return this.nextPid++;
  }

  /** Makes a task built elsewhere (fork) visible in the table. */
  attach(task: task_struct): void {
    if (this.tasks.has(task.pid)) throw new Error(`pid ${task.pid} is already in use`);
    this.tasks.set(task.pid, task);
  }

  get(pid: number): task_struct | undefined {
    return this.tasks.get(pid);
  }

  all(): task_struct[] {
    return [...this.tasks.values()];
  }
}

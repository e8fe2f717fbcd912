// struct file and its address_space (fs/file_table.c, fs/inode.c): a reference counted
// open file whose f_op->release runs when the last reference goes.
import { refcount_dec_and_test, refcount_inc, refcount_t } from '../kernel/index.ts';
import { i_mmap_tree } from './i_mmap.ts';
import { next_id } from './ids.ts';
import type { MmKernel, address_space, file, file_operations } from './types.ts';

/** address_space_init_once(): an empty mapping for host (an inode, a device fd, ...). */
export function alloc_address_space(host: string): address_space {
  return { host, i_mmap: new i_mmap_tree() };
}

/** alloc_file(): a file with f_count 1; a new address_space unless one is shared in (like an inode's). */
export function alloc_file(
  k: MmKernel, name: string, f_op: file_operations, private_data: unknown, mapping?: address_space,
): file {
  return {
    name, f_op, private_data,
    f_mapping: mapping ?? alloc_address_space(name),
    f_count: new refcount_t(1),
    id: next_id(k, 'file'),
  };
}

/** get_file(): takes a reference (refcount_t semantics: from 0 it WARNs). Returns the file. */
export function get_file(k: MmKernel, f: file): file {
  refcount_inc(k, f.f_count);
  return f;
}

/** fput(): drops a reference; the last one calls f_op->release (synchronously; the kernel defers to task_work). */
export function fput(k: MmKernel, f: file): void {
  if (!refcount_dec_and_test(k, f.f_count)) return;
  if (f.f_op.release) {
    k.cost.indirectCalls += 1;
    f.f_op.release(f);
  }
}

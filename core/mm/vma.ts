// vma life cycle helpers (mm/mmap.c, kernel/fork.c, include/linux/mm.h): allocate, copy,
// link into the mm's tree and the file's i_mmap, resize, and free.
import { NULL } from '../kernel/index.ts';
import { PAGE_SIZE, PROT_NONE, PROT_READ, PROT_WRITE, VM_EXEC, VM_MAYWRITE, VM_READ, VM_SHARED, VM_WRITE } from './flags.ts';
import { fput } from './file.ts';
import { next_id } from './ids.ts';
import type { MmKernel, mm_struct, pgprot_t, vm_area_struct, vm_operations_struct } from './types.ts';

/** dummy_vm_ops (mm/init-mm.c): what a file vma has when its ->mmap installed no vm_ops; faults give SIGBUS. */
export const dummy_vm_ops: vm_operations_struct = Object.freeze({ name: 'dummy_vm_ops' });

/** vma_pages(): the length in pages. */
export function vma_pages(vma: vm_area_struct): number {
  return (vma.vm_end - vma.vm_start) / PAGE_SIZE;
}

/** linear_page_index(): the file page that addr maps (vm_pgoff + page offset into the vma). */
export function linear_page_index(vma: vm_area_struct, addr: number): number {
  return Math.floor((addr - vma.vm_start) / PAGE_SIZE) + vma.vm_pgoff;
}

/** vma_is_anonymous(): true for anonymous memory, which has no vm_ops. */
export function vma_is_anonymous(vma: vm_area_struct): boolean {
  return vma.vm_ops === null;
}

/** is_cow_mapping(): private and may become writable. */
export function is_cow_mapping(vm_flags: number): boolean {
  return (vm_flags & (VM_SHARED | VM_MAYWRITE)) === VM_MAYWRITE;
}

/** vm_get_page_prot(): x86 protection_map; private writable mappings get read-only ptes (write faults COW). */
export function vm_get_page_prot(vm_flags: number): pgprot_t {
  if ((vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) === 0) return PROT_NONE;
  let prot = PROT_READ;
  if ((vm_flags & (VM_WRITE | VM_SHARED)) === (VM_WRITE | VM_SHARED)) prot |= PROT_WRITE;
  return prot;
}

/** vm_area_alloc() + vma_init(): an unlinked vma of mm with dummy_vm_ops. */
export function vm_area_alloc(k: MmKernel, mm: mm_struct): vm_area_struct {
  return {
    vm_start: 0, vm_end: 0, vm_pgoff: 0, vm_flags: 0, vm_page_prot: PROT_NONE,
    vm_ops: dummy_vm_ops, vm_private_data: NULL, vm_file: null, vm_mm: mm, id: next_id(k, 'vma'),
  };
}

/** vm_area_dup(): a copy of orig (same mm, ops, file pointer without a new reference, private data), unlinked. */
export function vm_area_dup(k: MmKernel, orig: vm_area_struct): vm_area_struct {
  return { ...orig, id: next_id(k, 'vma') };
}

/** vma_link(): into the mm's tree and, for a file vma, the file's i_mmap. */
export function vma_link(mm: mm_struct, vma: vm_area_struct): void {
  if (vma.vm_mm !== mm) throw new Error(`vma_link: vma ${vma.id} belongs to mm ${vma.vm_mm.mm_id}, not ${mm.mm_id}`);
  mm.mm_rb.insert(vma);
  if (vma.vm_file) vma.vm_file.f_mapping.i_mmap.insert(vma);
}

/** unlink_file_vma(): out of the file's i_mmap (done by free_pgtables on unmap). */
export function unlink_file_vma(vma: vm_area_struct): void {
  if (vma.vm_file) vma.vm_file.f_mapping.i_mmap.remove(vma);
}

/**
 * vma_adjust(): give a linked vma a new [start, end) and vm_pgoff, and link `insert`
 * (the other half of a split) if given. Callers keep the result non-overlapping.
 */
export function vma_adjust(
  mm: mm_struct, vma: vm_area_struct, start: number, end: number, pgoff: number, insert: vm_area_struct | null,
): void {
  mm.mm_rb.remove(vma);
  vma.vm_start = start;
  vma.vm_end = end;
  vma.vm_pgoff = pgoff;
  mm.mm_rb.insert(vma);
  if (insert) vma_link(mm, insert);
}

/** remove_vma(): vm_ops->close, then drop the file reference; the vma is already unlinked and unmapped. */
export function remove_vma(k: MmKernel, vma: vm_area_struct): void {
  if (vma.vm_ops?.close) {
    k.cost.indirectCalls += 1;
    vma.vm_ops.close(vma);
  }
  if (vma.vm_file) fput(k, vma.vm_file);
}

// The simulated mm: vmas, page tables, faults, GUP, mmap/munmap/mprotect/mremap, fork
// and exit, with the kernel's names. See NOTES.md for what each function mirrors.
export { PAGE_ALIGN, PAGE_ALIGNED, PFN_DOWN, offset_in_page, pages_to_bytes } from './align.ts';
export { cpu_translate, type cpu_access } from './cpu.ts';
export { do_exit, exit_files, exit_mm, exit_mmap, mmput, release_task } from './exit.ts';
export {
  FAULT_FLAG_REMOTE, FAULT_FLAG_USER, FAULT_FLAG_WRITE, FOLL_LONGTERM, FOLL_PIN, FOLL_REMOTE, FOLL_WRITE, MAP_ANONYMOUS,
  MAP_FIXED, MAP_PRIVATE, MAP_SHARED, MAP_TYPE, MREMAP_FIXED, MREMAP_MAYMOVE, PAGE_SHIFT, PAGE_SIZE, PROT_EXEC,
  PROT_NONE, PROT_READ, PROT_WRITE, TASK_SIZE, TASK_UNMAPPED_BASE, VM_ACCOUNT, VM_DONTCOPY, VM_DONTDUMP, VM_DONTEXPAND,
  VM_EXEC, VM_FAULT_ERROR, VM_FAULT_HWPOISON, VM_FAULT_LOCKED, VM_FAULT_MAJOR, VM_FAULT_NOPAGE, VM_FAULT_OOM,
  VM_FAULT_RETRY, VM_FAULT_SIGBUS, VM_FAULT_SIGSEGV, VM_FAULT_WRITE, VM_GROWSDOWN, VM_HUGETLB, VM_IO, VM_LOCKED,
  VM_MAYEXEC, VM_MAYREAD, VM_MAYSHARE, VM_MAYWRITE, VM_MIXEDMAP, VM_NONE, VM_PFNMAP, VM_READ, VM_SHARED, VM_SPECIAL,
  VM_WIPEONFORK, VM_WRITE, mmap_min_addr, sysctl_max_map_count,
} from './flags.ts';
export { copy_page_range, dup_mmap, sys_fork } from './fork.ts';
export { alloc_address_space, alloc_file, fput, get_file } from './file.ts';
export { check_vma_flags, pin_user_pages_remote, unpin_user_page, unpin_user_pages, unpin_user_pages_dirty_lock, type gup_result } from './gup.ts';
export { i_mmap_tree } from './i_mmap.ts';
export { anon_owner, fixup_user_fault, handle_mm_fault, vm_fault_to_errno, vma_permits_fault } from './memory.ts';
export { calc_vm_prot_bits, do_mmap, get_unmapped_area, sys_mmap } from './mmap.ts';
export {
  mmap_assert_locked, mmap_assert_write_locked, mmap_read_lock, mmap_read_trylock, mmap_read_unlock, mmap_write_lock,
  mmap_write_unlock,
} from './mmap_lock.ts';
export { sys_mprotect } from './mprotect.ts';
export { sys_mremap } from './mremap.ts';
export { __split_vma, do_munmap, split_vma, sys_munmap } from './munmap.ts';
export { follow_pfn, follow_pte, io_remap_pfn_range, remap_pfn_range, vmf_insert_pfn, type follow_pte_result } from './pfnmap.ts';
export { PageTable, type pte_t } from './pgtable.ts';
export { fd_install, fget, sys_close } from './syscalls.ts';
export {
  TaskTable, get_task_mm, get_task_struct, mm_alloc, mmget, mmget_not_zero, new_task, put_task_struct,
} from './task.ts';
export type {
  MmKernel, address_space, file, file_operations, mm_struct, mmap_lock_state, pgprot_t, task_state, task_struct,
  vm_area_struct, vm_fault, vm_fault_t, vm_operations_struct,
} from './types.ts';
export { validate_all, validate_mm } from './validate.ts';
export {
  dummy_vm_ops, is_cow_mapping, linear_page_index, vm_get_page_prot, vma_is_anonymous, vma_pages,
} from './vma.ts';
export { VmaTree, find_vma, find_vma_intersection } from './vma_tree.ts';
export { unmap_mapping_pages, unmap_mapping_range, zap_page_range_single, zap_vma_ptes } from './zap.ts';

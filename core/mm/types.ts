// The mm structures, with the kernel's names (include/linux/mm_types.h, include/linux/fs.h,
// include/linux/sched.h). Units are stated per field: addresses are bytes, vm_pgoff is pages.
import type { KernelBase, Kptr, refcount_t } from '../kernel/index.ts';
import type { PhysMem, page } from '../mem/index.ts';
import type { i_mmap_tree } from './i_mmap.ts';
import type { PageTable } from './pgtable.ts';
import type { VmaTree } from './vma_tree.ts';

/** The kernel every mm function runs in: the shared primitives plus physical RAM. */
export type MmKernel = KernelBase & { mem: PhysMem };

/** VM_FAULT_* bits; 0 means the fault installed what was needed. */
export type vm_fault_t = number;
/** Page protection of a pte, as PROT_* bits (pgprot_t; vm_get_page_prot()). */
export type pgprot_t = number;

export interface vm_area_struct {
  /** First byte of the area (page aligned). */
  vm_start: number;
  /** First byte after the area (page aligned, > vm_start). */
  vm_end: number;
  /** Offset into vm_file, in pages, of vm_start (for anon private vmas: vm_start >> PAGE_SHIFT). */
  vm_pgoff: number;
  /** VM_* flags. */
  vm_flags: number;
  /** Protection new ptes get; follows vm_flags (vm_get_page_prot). */
  vm_page_prot: pgprot_t;
  /** null for anonymous vmas (vma_is_anonymous); dummy_vm_ops for a file whose ->mmap set none. */
  vm_ops: vm_operations_struct | null;
  /** Opaque to mm: whatever the driver stored (a kernel pointer), 0 = NULL. */
  vm_private_data: Kptr;
  /** The mapped file (holds a reference), or null for anonymous memory. */
  vm_file: file | null;
  /** The address space the vma belongs to. */
  vm_mm: mm_struct;
  /** Stable debug id, unique per kernel. */
  readonly id: number;
}

/** struct vm_operations_struct. Callbacks are closures bound to their kernel; compare by identity. */
export interface vm_operations_struct {
  readonly name: string;
  /** Called for every new vma copied from an existing one (split, fork, mremap move); not at mmap. */
  open?(vma: vm_area_struct): void;
  /** Called once for every vma removed (munmap, exit), pairing with mmap/open. */
  close?(vma: vm_area_struct): void;
  /** Fills a missing pte: VM_FAULT_NOPAGE after vmf_insert_pfn, 0 with vmf.page set, or an error. */
  fault?(vmf: vm_fault): vm_fault_t;
  /** 0 to allow splitting at addr, or -errno to refuse. */
  may_split?(vma: vm_area_struct, addr: number): number;
  /** The vma was moved by mremap; 0 or -errno (the move is undone). */
  mremap?(vma: vm_area_struct): number;
}

/** struct vm_fault. */
export interface vm_fault {
  readonly vma: vm_area_struct;
  /** Faulting address, page aligned. */
  readonly address: number;
  /** File offset of the address, in pages (linear_page_index). */
  readonly pgoff: number;
  /** FAULT_FLAG_* bits. */
  readonly flags: number;
  /** Out: a page (with a reference for the pte) when ->fault returns 0. */
  page: page | null;
}

/** struct file_operations (the part mm uses). */
export interface file_operations {
  /** ->mmap(): 0, or -errno and the mapping is not created. Called with mmap_lock held for write. */
  mmap?(file: file, vma: vm_area_struct): number;
  /** ->release(): the last reference to the file is gone. */
  release?(file: file): void;
}

/** struct address_space: who maps which pages of a file. */
export interface address_space {
  readonly host: string;
  /** Every vma mapping this file (vma_interval_tree). */
  readonly i_mmap: i_mmap_tree;
}

/** struct file. */
export interface file {
  readonly name: string;
  readonly f_op: file_operations;
  private_data: unknown;
  readonly f_mapping: address_space;
  readonly f_count: refcount_t;
  readonly id: number;
}

/** The state of mm->mmap_lock (an rwsem): counts held by the one simulated CPU. */
export interface mmap_lock_state {
  readers: number;
  writers: number;
}

/** struct mm_struct. */
export interface mm_struct {
  readonly mm_id: number;
  /** The vma tree (mm->mm_rb), keyed by vm_start. */
  readonly mm_rb: VmaTree;
  /** The page tables (mm->pgd), extent based. */
  readonly pgd: PageTable;
  readonly mmap_lock: mmap_lock_state;
  /** Where get_unmapped_area starts searching. */
  mmap_base: number;
  /** The task whose mm this is (mm->owner). */
  owner: task_struct | null;
  /** mm_users: exit_mmap runs when the last user goes (mmput). */
  readonly mm_users: refcount_t;
}

export type task_state = 'running' | 'exited' | 'dead';

/** struct task_struct (the part mm uses). */
export interface task_struct {
  readonly pid: number;
  readonly comm: string;
  mm: mm_struct | null;
  /** The fd table: fd -> file (each entry holds a file reference). */
  readonly files: Map<number, file>;
  state: task_state;
  /** get_task_struct/put_task_struct. */
  readonly usage: refcount_t;
}

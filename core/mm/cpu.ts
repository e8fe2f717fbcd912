// A user-space access by the CPU (arch/x86/mm/fault.c do_user_addr_fault): the MMU walks
// the page table; on a miss or a permission fault the kernel handles the fault under
// mmap_read_lock and the access is retried. The machine layer does the physical access.
import { PFN_DOWN } from './align.ts';
import {
  FAULT_FLAG_USER, FAULT_FLAG_WRITE, VM_EXEC, VM_FAULT_HWPOISON, VM_FAULT_OOM, VM_FAULT_SIGBUS, VM_FAULT_SIGSEGV, VM_READ,
  VM_WRITE,
} from './flags.ts';
import { handle_mm_fault } from './memory.ts';
import { mmap_read_lock, mmap_read_unlock } from './mmap_lock.ts';
import type { MmKernel, mm_struct, task_struct } from './types.ts';
import { find_vma } from './vma_tree.ts';

/** Where a CPU access went: a pfn, or the signal the task gets (SIGKILL: killed by the OOM killer). */
export type cpu_access = { readonly pfn: number } | { readonly signal: 'SIGSEGV' | 'SIGBUS' | 'SIGKILL' };

/** Faults retried before we call it a livelock (the kernel would retry forever). */
const MAX_REFAULTS = 4;

/** One do_user_addr_fault(): null if the access should be retried, else the signal. */
function do_user_addr_fault(k: MmKernel, mm: mm_struct, addr: number, write: boolean): cpu_access | null {
  const vma = find_vma(k, mm, addr);
  if (!vma || vma.vm_start > addr) return { signal: 'SIGSEGV' };
  // access_error()
  if (write ? !(vma.vm_flags & VM_WRITE) : !(vma.vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) return { signal: 'SIGSEGV' };
  const ret = handle_mm_fault(k, vma, addr, FAULT_FLAG_USER | (write ? FAULT_FLAG_WRITE : 0));
  if (ret & VM_FAULT_OOM) return { signal: 'SIGKILL' };
  if (ret & (VM_FAULT_SIGBUS | VM_FAULT_HWPOISON)) return { signal: 'SIGBUS' };
  if (ret & VM_FAULT_SIGSEGV) return { signal: 'SIGSEGV' };
  return null;
}

/**
 * cpu_translate(): the pfn a user read (or write) of addr by task reaches, faulting as
 * needed; SIGSEGV for no vma or no permission, SIGBUS when the fault handler says so,
 * SIGKILL on OOM. A handler that keeps "succeeding" without installing a pte would hang
 * the task; after MAX_REFAULTS tries we report SIGBUS and log it at debug level.
 */
export function cpu_translate(k: MmKernel, task: task_struct, addr: number, write: boolean): cpu_access {
  const mm = task.mm;
  if (!mm) return { signal: 'SIGSEGV' };
  const vpn = PFN_DOWN(addr);
  for (let attempt = 0; attempt <= MAX_REFAULTS; attempt++) {
    const hit = mm.pgd.lookup(vpn);
    if (hit && !hit.pte.prot_none && (!write || hit.pte.write)) return { pfn: hit.pte.pfn };
    if (attempt === MAX_REFAULTS) break;
    mmap_read_lock(k, mm, 'do_user_addr_fault');
    const res = do_user_addr_fault(k, mm, addr, write);
    mmap_read_unlock(k, mm, 'do_user_addr_fault');
    if (res) return res;
  }
  k.dmesg.printk('debug', `${task.comm}/${task.pid}: fault at ${addr.toString(16)} makes no progress (livelock); giving SIGBUS`);
  return { signal: 'SIGBUS' };
}

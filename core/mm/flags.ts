// Flag values, as in include/linux/mm.h, include/uapi/asm-generic/mman-common.h,
// include/uapi/linux/mman.h and include/linux/mm_types.h (x86-64). Flags stay below 2^31
// so JS bitwise operators are safe on them; addresses never go through bitwise operators.
import { PAGE_SIZE } from '../mem/index.ts';

export { PAGE_SHIFT, PAGE_SIZE } from '../mem/index.ts';

/** x86-64 47-bit user address space: TASK_SIZE_MAX = (1 << 47) - PAGE_SIZE. */
export const TASK_SIZE = 0x800000000000 - PAGE_SIZE;
/** Bottom of the mmap area for the legacy (bottom-up) layout used here. */
export const TASK_UNMAPPED_BASE = 0x7f0000000000;
/** mmap_min_addr (CONFIG_DEFAULT_MMAP_MIN_ADDR on x86): hints below it are ignored. */
export const mmap_min_addr = 0x10000;
/** DEFAULT_MAX_MAP_COUNT (include/linux/mm.h). */
export const sysctl_max_map_count = 65530;

// vm_flags (include/linux/mm.h)
export const VM_NONE = 0x00000000;
export const VM_READ = 0x00000001;
export const VM_WRITE = 0x00000002;
export const VM_EXEC = 0x00000004;
export const VM_SHARED = 0x00000008;
export const VM_MAYREAD = 0x00000010;
export const VM_MAYWRITE = 0x00000020;
export const VM_MAYEXEC = 0x00000040;
export const VM_MAYSHARE = 0x00000080;
export const VM_GROWSDOWN = 0x00000100;
export const VM_PFNMAP = 0x00000400;
export const VM_LOCKED = 0x00002000;
export const VM_IO = 0x00004000;
export const VM_DONTCOPY = 0x00020000;
export const VM_DONTEXPAND = 0x00040000;
export const VM_ACCOUNT = 0x00100000;
export const VM_HUGETLB = 0x00400000;
export const VM_WIPEONFORK = 0x02000000;
export const VM_DONTDUMP = 0x04000000;
export const VM_MIXEDMAP = 0x10000000;
/** VM_SPECIAL: vmas that are never merged or expanded (include/linux/mm.h). */
export const VM_SPECIAL = VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP;

// mmap/mprotect prot and flags (include/uapi/asm-generic/mman-common.h)
export const PROT_NONE = 0x0;
export const PROT_READ = 0x1;
export const PROT_WRITE = 0x2;
export const PROT_EXEC = 0x4;
export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_TYPE = 0x0f;
export const MAP_FIXED = 0x10;
export const MAP_ANONYMOUS = 0x20;
export const MREMAP_MAYMOVE = 1;
export const MREMAP_FIXED = 2;

// vm_fault_t (include/linux/mm_types.h)
export const VM_FAULT_OOM = 0x000001;
export const VM_FAULT_SIGBUS = 0x000002;
export const VM_FAULT_MAJOR = 0x000004;
export const VM_FAULT_WRITE = 0x000008;
export const VM_FAULT_HWPOISON = 0x000010;
export const VM_FAULT_SIGSEGV = 0x000040;
export const VM_FAULT_NOPAGE = 0x000100;
export const VM_FAULT_LOCKED = 0x000200;
export const VM_FAULT_RETRY = 0x000400;
export const VM_FAULT_ERROR = VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON;

// enum fault_flag (include/linux/mm.h)
export const FAULT_FLAG_WRITE = 0x01;
export const FAULT_FLAG_USER = 0x40;
export const FAULT_FLAG_REMOTE = 0x80;

// gup_flags (include/linux/mm.h)
export const FOLL_WRITE = 0x01;
export const FOLL_REMOTE = 0x2000;
export const FOLL_LONGTERM = 0x10000;
export const FOLL_PIN = 0x40000;

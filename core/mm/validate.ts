// validate_mm() (mm/mmap.c under CONFIG_DEBUG_VM_RB): re-checks one mm from scratch:
// the vma tree, the page tables, the file links, and that no lock is left held.
import { validate_mem } from '../mem/index.ts';
import { PFN_DOWN } from './align.ts';
import { PAGE_SIZE } from './flags.ts';
import type { TaskTable } from './task.ts';
import type { MmKernel, address_space, mm_struct } from './types.ts';

// A module-level function, not a closure in validate_mm: under tsx (esbuild keepNames) every
// named closure costs an Object.defineProperty each time it is made, and this runs after every step.
function bad(errs: string[], mm: mm_struct, msg: string): void {
  errs.push(`mm ${mm.mm_id}: ${msg}`);
}

/** validate_mm(): every problem found in mm, as text; empty when consistent. */
export function validate_mm(k: MmKernel, mm: mm_struct): string[] {
  const errs: string[] = [];
  for (const e of mm.mm_rb.validate()) bad(errs, mm, e);
  for (const e of mm.pgd.validate()) bad(errs, mm, e);
  const mappings = new Set<address_space>();
  for (const vma of mm.mm_rb.toArray()) {
    if (vma.vm_mm !== mm) bad(errs, mm, `vma ${vma.id} says it belongs to mm ${vma.vm_mm.mm_id}`);
    if (!vma.vm_file) continue;
    if (vma.vm_file.f_count.refs <= 0) bad(errs, mm, `vma ${vma.id} maps file ${vma.vm_file.name} with f_count ${vma.vm_file.f_count.refs}`);
    if (!vma.vm_file.f_mapping.i_mmap.has(vma)) bad(errs, mm, `vma ${vma.id} is not linked in ${vma.vm_file.f_mapping.host}'s i_mmap`);
    mappings.add(vma.vm_file.f_mapping);
  }
  for (const mapping of mappings) {
    for (const vma of mapping.i_mmap.all()) {
      if (vma.vm_mm === mm && !mm.mm_rb.has(vma)) bad(errs, mm, `${mapping.host}'s i_mmap holds vma ${vma.id}, which is no longer mapped`);
      if (vma.vm_file?.f_mapping !== mapping) bad(errs, mm, `${mapping.host}'s i_mmap holds vma ${vma.id} of another file`);
    }
  }
  for (const e of mm.pgd.all()) {
    let vpn = e.start;
    while (vpn < e.end) {
      const vma = mm.mm_rb.find(vpn * PAGE_SIZE);
      if (!vma || vma.vm_start > vpn * PAGE_SIZE) {
        bad(errs, mm, `pte at ${(vpn * PAGE_SIZE).toString(16)} (pfn ${(e.value.pfn + vpn - e.start).toString(16)}) lies outside every vma`);
        break;
      }
      vpn = PFN_DOWN(vma.vm_end);
    }
    if (e.value.special) continue;
    for (let i = 0; i < e.end - e.start; i++) {
      const pfn = e.value.pfn + i;
      if (!k.mem.pfn_valid(pfn)) {
        bad(errs, mm, `pte at ${((e.start + i) * PAGE_SIZE).toString(16)} maps non-RAM pfn ${pfn.toString(16)} without pte_special`);
        continue;
      }
      const p = k.mem.pfn_to_page(pfn);
      if (p.free || p._refcount <= 0) bad(errs, mm, `pte at ${((e.start + i) * PAGE_SIZE).toString(16)} maps freed page ${pfn.toString(16)}`);
    }
  }
  if (mm.mmap_lock.readers !== 0 || mm.mmap_lock.writers !== 0) {
    bad(errs, mm, `mmap_lock still held (${mm.mmap_lock.readers} readers, ${mm.mmap_lock.writers} writers)`);
  }
  return errs;
}

/** validate_mm() for every task's mm plus validate_mem(). */
export function validate_all(k: MmKernel, tasks: TaskTable): string[] {
  const errs: string[] = [];
  for (const t of tasks.all()) if (t.mm) errs.push(...validate_mm(k, t.mm));
  errs.push(...validate_mem(k.mem).map((e) => `mem: ${e}`));
  return errs;
}

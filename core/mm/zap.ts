// Tearing down ptes (mm/memory.c): zap_pte_range and its callers. A special pte (a raw
// pfn of a VM_PFNMAP vma) holds no reference, so zapping it is O(extents) however large
// the range; a pte that maps a page drops that page's reference, one put_page per page
// actually mapped. None of this touches the IOMMU: DMA mappings made from these ptes stay.
import { type Extent } from '../kernel/index.ts';
import { PFN_DOWN, pages_to_bytes } from './align.ts';
import { PAGE_SIZE, VM_PFNMAP } from './flags.ts';
import type { pte_t } from './pgtable.ts';
import type { MmKernel, address_space, mm_struct, vm_area_struct } from './types.ts';

/** Drops the page references held by removed ptes. */
function release_ptes(k: MmKernel, removed: readonly Extent<pte_t>[]): void {
  for (const e of removed) {
    if (e.value.special) continue;
    for (let i = 0; i < e.end - e.start; i++) k.mem.put_page(k.mem.pfn_to_page(e.value.pfn + i));
  }
}

/** zap_pte_range() over [start, end) of mm; with keep_anon, anonymous (COWed) pages stay, as when even_cows is 0. */
export function zap_pte_range(k: MmKernel, mm: mm_struct, start: number, end: number, keep_anon = false): void {
  const sv = PFN_DOWN(start);
  const ev = PFN_DOWN(end);
  if (ev <= sv) return;
  if (!keep_anon) {
    release_ptes(k, mm.pgd.clear(sv, ev));
    return;
  }
  for (const e of mm.pgd.extents(sv, ev)) {
    if (!e.value.anon) release_ptes(k, mm.pgd.clear(e.start, e.end));
  }
}

/** zap_page_range_single(): zaps [address, address + size) clipped to the vma. */
export function zap_page_range_single(k: MmKernel, vma: vm_area_struct, address: number, size: number): void {
  const start = Math.max(address, vma.vm_start);
  const end = Math.min(address + size, vma.vm_end);
  zap_pte_range(k, vma.vm_mm, start, end);
}

/** zap_vma_ptes(): removes ptes of a VM_PFNMAP vma; silently does nothing if the range leaves the vma or the vma is not VM_PFNMAP. */
export function zap_vma_ptes(k: MmKernel, vma: vm_area_struct, address: number, size: number): void {
  if (address < vma.vm_start || address + size > vma.vm_end || !(vma.vm_flags & VM_PFNMAP)) return;
  zap_page_range_single(k, vma, address, size);
}

/** unmap_vmas(): zaps the ptes of each vma within [start, end). */
export function unmap_vmas(k: MmKernel, mm: mm_struct, vmas: readonly vm_area_struct[], start: number, end: number): void {
  for (const vma of vmas) zap_pte_range(k, mm, Math.max(start, vma.vm_start), Math.min(end, vma.vm_end));
}

/**
 * unmap_mapping_pages(): zaps, in every vma of every process mapping the file, the ptes
 * for file pages [start, start + nr) (nr 0: to the end of the file). even_cows false keeps
 * private COW copies (anonymous pages).
 */
export function unmap_mapping_pages(k: MmKernel, mapping: address_space, start: number, nr: number, even_cows: boolean): void {
  const first = start;
  const last = nr === 0 ? Number.MAX_SAFE_INTEGER : start + nr - 1;
  for (const vma of mapping.i_mmap.query(first, last)) {
    const vba = vma.vm_pgoff;
    const vea = vba + (vma.vm_end - vma.vm_start) / PAGE_SIZE - 1;
    const zba = Math.max(first, vba);
    const zea = Math.min(last, vea);
    zap_pte_range(
      k, vma.vm_mm,
      vma.vm_start + pages_to_bytes(zba - vba), vma.vm_start + pages_to_bytes(zea - vba + 1), !even_cows,
    );
  }
}

/** unmap_mapping_range(): byte-range form of unmap_mapping_pages; holelen 0 means to the end of the file. Never touches the IOMMU. */
export function unmap_mapping_range(
  k: MmKernel, mapping: address_space, holebegin: number, holelen: number, even_cows: boolean,
): void {
  const hba = PFN_DOWN(holebegin);
  const hlen = Math.ceil(holelen / PAGE_SIZE);
  unmap_mapping_pages(k, mapping, hba, hlen, even_cows);
}

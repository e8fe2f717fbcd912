// VFIO_IOMMU_MAP_DMA (vfio_dma_do_map, vfio_pin_map_dma, vfio_pin_pages_remote,
// vaddr_get_pfns in drivers/vfio/vfio_iommu_type1.c). RAM is pinned with
// pin_user_pages_remote; a VM_PFNMAP vma goes to the one design hook
// (DesignPatch.pfnmap_lookup). On any error nothing of the request stays mapped and
// every pin and reference taken is dropped (vfio_remove_dma).
import { NULL, errno, tohex } from '../../kernel/index.ts';
import { IOMMU_READ, IOMMU_WRITE, iommu_map } from '../../iommu/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import {
  FOLL_LONGTERM, FOLL_WRITE, PAGE_SHIFT, PAGE_SIZE, VM_PFNMAP, find_vma_intersection, mmap_read_lock,
  get_task_struct, mmap_read_unlock, pin_user_pages_remote, unpin_user_pages, type task_struct,
} from '../../mm/index.ts';
import type { page } from '../../mem/index.ts';
import type { DmaRef } from '../design.ts';
import { vfio_iommu_iova_dma_valid } from './iova.ts';
import { run_is_invalid_reserved, vfio_unpin_pfnmap_run } from './put_pfn.ts';
import { u64_range_wraps, u64_to_number, type vfio_iommu_type1_dma_map } from './uapi.ts';
import { vfio_remove_dma, vfio_unmap_run } from './unmap_dma.ts';
import {
  VFIO_DMA_MAP_FLAG_READ, VFIO_DMA_MAP_FLAG_WRITE, VFIO_DMA_T, type dma_run, type vfio_dma, type vfio_iommu,
} from './vfio_iommu.ts';

const aligned = (x: bigint): boolean => x % BigInt(PAGE_SIZE) === 0n;

/** The model's user address space ends below this (x86-64 TASK_SIZE is 2^47); no vma lies beyond. */
const VADDR_LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * vfio_dma_do_map() (v5.12): 0, or -EINVAL / -EEXIST / -ENOSPC / -ENOMEM / -EFAULT. The
 * uapi checks run on the exact __u64 values, in the kernel's order: flags (no READ or
 * WRITE), size 0 or unaligned size/iova/vaddr, iova or vaddr range wrapping past 2^64
 * (v5.12 -EINVAL; since v6.18 -EOVERFLOW, checked first), overlap (-EEXIST),
 * dma_entry_limit (-ENOSPC), vfio_iommu_iova_dma_valid() (-EINVAL). Only then are the
 * values numbers: a valid IOVA range lies below the 48-bit aperture.
 */
export function vfio_dma_do_map(k: Kernel, iommu: vfio_iommu, task: task_struct, map: vfio_iommu_type1_dma_map): number {
  // vfio_iommu_type1_map_dma(): unknown flags are -EINVAL (VFIO_DMA_MAP_FLAG_VADDR is not modelled).
  if (map.flags & ~(VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE)) return -errno.EINVAL;
  let prot = 0;
  if (map.flags & VFIO_DMA_MAP_FLAG_WRITE) prot |= IOMMU_WRITE;
  if (map.flags & VFIO_DMA_MAP_FLAG_READ) prot |= IOMMU_READ;
  if (!prot) return -errno.EINVAL;
  if (!map.size || !aligned(map.size) || !aligned(map.iova) || !aligned(map.vaddr)) return -errno.EINVAL;
  // "Don't allow IOVA or virtual address wrap"
  if (u64_range_wraps(map.iova, map.size) || u64_range_wraps(map.vaddr, map.size)) return -errno.EINVAL;
  const page = BigInt(PAGE_SIZE);
  // IOVA page numbers are below 2^52, so exact as numbers.
  const first = Number(map.iova / page);
  const npages = Number(map.size / page);
  if (iommu.dma_list.anyIn(first, first + npages)) return -errno.EEXIST;
  if (iommu.dma_avail === 0) return -errno.ENOSPC;
  if (!vfio_iommu_iova_dma_valid(iommu, map.iova, map.iova + map.size - 1n)) return -errno.EINVAL;
  // Simplification: the kernel finds no vma there only while pinning (-EFAULT after the
  // vfio_dma is allocated); the model refuses such a vaddr before the allocation.
  if (map.vaddr + map.size > VADDR_LIMIT) return -errno.EFAULT;
  const m = {
    iova: u64_to_number(map.iova, 'iova'), vaddr: u64_to_number(map.vaddr, 'vaddr'), size: u64_to_number(map.size, 'size'),
  };
  const kaddr = k.slab.kmalloc(VFIO_DMA_T, { iova: m.iova, vaddr: m.vaddr, size: 0, prot }, 'vfio_dma_do_map');
  if (kaddr === NULL) return -errno.ENOMEM;
  iommu.dma_avail -= 1;
  // v5.12: dma->task = current->group_leader with get_task_struct(); it outlives the
  // task's exit (its mm goes NULL) until vfio_remove_dma puts it.
  const dma: vfio_dma = { iova: m.iova, vaddr: m.vaddr, size: 0, prot, task: get_task_struct(k, task), runs: [], kaddr };
  iommu.dma_list.set(first, first + npages, dma);
  mapping.add(dma);
  const ret = vfio_pin_map_dma(k, iommu, dma, m.size);
  mapping.delete(dma);
  const why = removeAsked.get(dma);
  if (ret) vfio_remove_dma(k, iommu, dma);
  else if (why !== undefined) remove_dma_now(k, iommu, dma, why);
  return ret;
}

/** vfio_dma objects whose MAP_DMA is still running (type1 holds iommu->lock), and removals asked meanwhile. */
const mapping = new WeakSet<vfio_dma>();
const removeAsked = new WeakMap<vfio_dma, string>();

function remove_dma_now(k: Kernel, iommu: vfio_iommu, dma: vfio_dma, why: string): void {
  const cur = iommu.dma_list.find(dma.iova / PAGE_SIZE);
  if (!cur || cur.value !== dma) return;
  k.dmesg.printk('debug', `vfio_iommu_type1: iova 0x${tohex(dma.iova)}+0x${tohex(dma.size)} vfio_dma removed: ${why}`);
  vfio_remove_dma(k, iommu, dma);
}

/** LookupArgs.remove_dma: now, or when the MAP_DMA building this vfio_dma returns. */
function remove_dma(k: Kernel, iommu: vfio_iommu, dma: vfio_dma, why: string): void {
  if (mapping.has(dma)) {
    if (!removeAsked.has(dma)) removeAsked.set(dma, why);
    return;
  }
  remove_dma_now(k, iommu, dma, why);
}

/** vfio_pin_map_dma(): pin/look up and iommu_map run by run until `size` is mapped. */
function vfio_pin_map_dma(k: Kernel, iommu: vfio_iommu, dma: vfio_dma, size: number): number {
  while (dma.size < size) {
    const got = vfio_pin_pages_remote(k, iommu, dma, dma.vaddr + dma.size, (size - dma.size) / PAGE_SIZE);
    if (!('run' in got)) return got.ret;
    const run = got.run;
    const hook = k.interleave;
    if (hook) {
      // mmap_lock was dropped at the end of vaddr_get_pfns(): another thread may run here.
      k.interleave = null;
      hook();
      if (!run.mapped) {
        // Invalidated while mmap_lock was dropped: the revoke wins, nothing is mapped.
        vfio_unmap_run(k, iommu, run);
        return -errno.ENODEV;
      }
    }
    const ret = iommu_map(k, iommu.domain, run.iova, run.pfn * PAGE_SIZE, run.npages * PAGE_SIZE, dma.prot);
    if (ret) {
      run.mapped = false;
      // vfio_pin_map_dma's unwind calls vfio_unpin_pages_remote(): put_pfn on each pfn.
      if (!run.pages && run.put_pfn) vfio_unpin_pfnmap_run(k, run.pfn, run.npages);
      vfio_unmap_run(k, iommu, run);
      return ret;
    }
    dma.runs.push(run);
    dma.size += run.npages * PAGE_SIZE;
    k.slab.deref(dma.kaddr, VFIO_DMA_T, 'vfio_pin_map_dma').size = dma.size;
  }
  return 0;
}

type Pinned = { ret: 0; run: dma_run } | { ret: number };

/**
 * vfio_pin_pages_remote() + vaddr_get_pfns(): one contiguous run starting at vaddr.
 * RAM: pin_user_pages_remote, keep the physically contiguous prefix. VM_PFNMAP: the
 * design's lookup; the pfns must be MMIO or reserved RAM, else -EFAULT.
 */
function vfio_pin_pages_remote(k: Kernel, iommu: vfio_iommu, dma: vfio_dma, vaddr: number, npage: number): Pinned {
  const mm = dma.task.mm;
  // "This code path is only user initiated" (v5.12 vfio_pin_pages_remote): no mm, -ENODEV.
  if (!mm) return { ret: -errno.ENODEV };
  const iova = dma.iova + (vaddr - dma.vaddr);
  const write = (dma.prot & IOMMU_WRITE) !== 0;
  mmap_read_lock(k, mm);
  try {
    const gup = pin_user_pages_remote(k, mm, vaddr, npage, (write ? FOLL_WRITE : 0) | FOLL_LONGTERM);
    if (gup.ret > 0) return { ret: 0, run: contiguous_prefix(k, iova, gup.pages) };
    const vma = find_vma_intersection(k, mm, vaddr, vaddr + 1);
    if (!vma || !(vma.vm_flags & VM_PFNMAP)) return { ret: gup.ret < 0 ? gup.ret : -errno.EFAULT };
    const want = Math.min(npage, (vma.vm_end - vaddr) / PAGE_SIZE);
    const holder: { run: dma_run | null } = { run: null };
    k.cost.pfnLookups += 1;
    const r = k.design.pfnmap_lookup({
      k, vma, vaddr, iova, npages: want, write,
      invalidate(why) { // a method: a named arrow costs a defineProperty per call under tsx (esbuild keepNames)
        const run = holder.run;
        if (run && run.mapped) {
          k.dmesg.printk('info', `vfio_iommu_type1: iova 0x${tohex(run.iova)}+0x${tohex(run.npages * PAGE_SIZE)} unmapped: ${why}`);
          vfio_unmap_run(k, iommu, run, { keepRef: true });
        }
      },
      remove_dma(why) {
        remove_dma(k, iommu, dma, why);
      },
    });
    // pr_debug lines of the model (the kernel prints nothing here): what the design's
    // lookup answered, so `arena explain` can show where a wrong pfn came from.
    const at = `vaddr_get_pfns: vaddr 0x${tohex(vaddr)}`;
    if (!('pfn' in r)) {
      k.dmesg.printk('debug', `vfio_iommu_type1: ${at}: pfnmap lookup failed: ${r.ret}`);
      return { ret: r.ret < 0 ? r.ret : -errno.EFAULT };
    }
    const n = Math.max(1, Math.min(r.npages, want));
    k.dmesg.printk('debug', `vfio_iommu_type1: ${at}: pfnmap lookup gave pfn 0x${tohex(r.pfn)} x ${n} page(s)`);
    if (!run_is_invalid_reserved(k, r.pfn, n)) {
      k.dmesg.printk('debug', `vfio_iommu_type1: ${at}: pfn 0x${tohex(r.pfn)} has a struct page that is not reserved: -EFAULT`);
      if (r.ref) k.design.release(k, r.ref);
      return { ret: -errno.EFAULT };
    }
    holder.run = { iova, pfn: r.pfn, npages: n, pages: null, ref: r.ref, mapped: true, put_pfn: r.unpin !== 'none' };
    return { ret: 0, run: holder.run };
  } finally {
    mmap_read_unlock(k, mm);
  }
}

/** Keep the physically contiguous prefix of a pinned batch; unpin the rest. */
function contiguous_prefix(k: Kernel, iova: number, pages: readonly page[]): dma_run {
  const first = pages[0]!;
  let n = 1;
  while (n < pages.length && pages[n]!.pfn === first.pfn + n) n += 1;
  if (n < pages.length) unpin_user_pages(k, pages.slice(n));
  return { iova, pfn: first.pfn, npages: n, pages: pages.slice(0, n), ref: null, mapped: true, put_pfn: true };
}

export type { DmaRef, PAGE_SHIFT };

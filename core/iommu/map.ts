// iommu_map / iommu_unmap / iommu_iova_to_phys (drivers/iommu/iommu.c with the Intel
// VT-d page table behind it). Cost is counted per extent, never per page: mapping a
// 1 GiB BAR is one extent, as it is one PUD-sized IOPTE on real hardware.
import { WARN, type KernelBase } from '../kernel/index.ts';
import { EEXIST, EINVAL, ENODEV, ENOMEM } from '../kernel/errno.ts';
import { PAGE_SIZE, describe_owner } from '../pci/index.ts';
import { IOMMU_READ, IOMMU_WRITE, type IovaPte, type iommu_domain } from './types.ts';

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function aligned(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n % PAGE_SIZE === 0;
}

/** Adds the extents the domain's map visited since the last call to the cost counters. */
function chargeExtents(k: KernelBase, domain: iommu_domain): void {
  k.cost.extentsTouched += domain.map.touched;
  domain.map.touched = 0;
}

/**
 * iommu_map(): maps [iova, iova+size) to [paddr, paddr+size) with `prot`. Returns 0;
 * -EINVAL if size is 0, anything is not page aligned or prot has neither READ nor WRITE;
 * -ENOMEM if the page-table allocation fails (fail-nth site 'iommu_map'); -EEXIST, with a
 * WARN, if any page of the range is already mapped; -ENODEV on a freed domain. All or
 * nothing: on error nothing of the range is mapped.
 */
export function iommu_map(k: KernelBase, domain: iommu_domain, iova: number, paddr: number, size: number, prot: number): number {
  k.cost.iommuMaps += 1;
  domain.map.touched = 0;
  if (domain.freed) return -ENODEV;
  if (size <= 0 || !aligned(iova) || !aligned(paddr) || !aligned(size)) {
    k.dmesg.printk('err', `iommu: unaligned: iova ${hex(iova)} pa ${hex(paddr)} size ${hex(size)} min_pagesz ${hex(PAGE_SIZE)}`);
    return -EINVAL;
  }
  if ((prot & (IOMMU_READ | IOMMU_WRITE)) === 0) return -EINVAL;
  if (k.should_fail('iommu_map', 'iommu_map')) return -ENOMEM;
  const start = iova / PAGE_SIZE;
  const end = start + size / PAGE_SIZE;
  const pfn = paddr / PAGE_SIZE;
  if (domain.map.anyIn(start, end)) {
    const old = domain.map.overlapping(start, end)[0]!;
    chargeExtents(k, domain);
    k.dmesg.printk('crit', `ERROR: DMA PTE for vPFN ${hex(old.start)} already set (to ${hex(old.value.pfn * PAGE_SIZE)} not ${hex(paddr)})`);
    WARN(k, '__domain_mapping', 'drivers/iommu/intel/iommu.c', '');
    return -EEXIST;
  }
  const pte: IovaPte = { pfn, prot: prot & (IOMMU_READ | IOMMU_WRITE), mapTick: k.tick(), intended: describe_owner(domain.ghost.ownerOf(pfn)) };
  domain.map.set(start, end, pte);
  chargeExtents(k, domain);
  return 0;
}

/**
 * iommu_unmap(): removes every mapping inside [iova, iova+size), cutting an extent that
 * straddles an edge. Returns the bytes unmapped (0 for a hole, or if unaligned, with
 * an "unaligned" error line as Linux prints).
 */
export function iommu_unmap(k: KernelBase, domain: iommu_domain, iova: number, size: number): number {
  k.cost.iommuUnmaps += 1;
  domain.map.touched = 0;
  if (size <= 0 || !aligned(iova) || !aligned(size)) {
    k.dmesg.printk('err', `iommu: unaligned: iova ${hex(iova)} size ${hex(size)} min_pagesz ${hex(PAGE_SIZE)}`);
    return 0;
  }
  const start = iova / PAGE_SIZE;
  const removed = domain.map.remove(start, start + size / PAGE_SIZE);
  chargeExtents(k, domain);
  let pages = 0;
  for (const e of removed) pages += e.end - e.start;
  return pages * PAGE_SIZE;
}

/** iommu_iova_to_phys(): the physical address `iova` translates to, or 0 if it is not mapped. */
export function iommu_iova_to_phys(domain: iommu_domain, iova: number): number {
  const hit = domain.map.lookup(Math.floor(iova / PAGE_SIZE));
  if (hit === undefined) return 0;
  return hit.value.pfn * PAGE_SIZE + (iova % PAGE_SIZE);
}

/** Re-checks a domain's map: sorted disjoint extents, sane pfns and permissions. */
export function iommu_domain_validate(domain: iommu_domain): string[] {
  const errs = domain.map.validate().map((e) => `domain ${domain.id}: ${e}`);
  for (const e of domain.map.all()) {
    const v = e.value;
    if (!Number.isInteger(v.pfn) || v.pfn < 0) errs.push(`domain ${domain.id}: iova page ${e.start} maps bad pfn ${v.pfn}`);
    if (v.prot < 1 || v.prot > 3) errs.push(`domain ${domain.id}: iova page ${e.start} has prot ${v.prot}`);
  }
  if (domain.freed && domain.map.size > 0) errs.push(`domain ${domain.id}: freed with ${domain.map.size} mappings`);
  for (const g of domain.groups) if (g.domain !== domain) errs.push(`domain ${domain.id}: group ${g.id} listed but attached elsewhere`);
  return errs;
}

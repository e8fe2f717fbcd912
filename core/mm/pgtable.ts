// Page tables of one mm, extent based: virtual page number -> pte, where one extent is a
// run of ptes with the same bits and contiguous pfns (the kernel gets the same economy
// from huge PMD/PUD entries). A 1 GiB remap_pfn_range is one extent. Every operation adds
// the extents it visits to the kernel's extentsTouched counter.
import { ExtentMap, type CostCounters, type Extent } from '../kernel/index.ts';

/** pte_t: what one present pte says. */
export interface pte_t {
  readonly pfn: number;
  /** pte_write(): writable by the CPU (a write to a !write pte of a VM_WRITE vma faults, do_wp_page). */
  readonly write: boolean;
  /** pte_protnone(): present for the kernel but not accessible to user space (mprotect PROT_NONE). */
  readonly prot_none: boolean;
  /** pte_special(): a raw pfn (VM_PFNMAP/VM_MIXEDMAP) with no page reference held by the pte. */
  readonly special: boolean;
  /** Maps an anonymous page (PageAnon); the pte holds a reference on it. */
  readonly anon: boolean;
}

const rebase = (v: pte_t, delta: number): pte_t => (delta === 0 ? v : { ...v, pfn: v.pfn + delta });

const continues = (a: Extent<pte_t>, b: Extent<pte_t>): boolean =>
  a.value.write === b.value.write && a.value.prot_none === b.value.prot_none &&
  a.value.special === b.value.special && a.value.anon === b.value.anon &&
  b.value.pfn === a.value.pfn + (b.start - a.start);

export class PageTable {
  private readonly map = new ExtentMap<pte_t>(rebase, continues);

  /** @param cost where visited extents are counted (the kernel's k.cost). */
  constructor(private readonly cost: CostCounters) {}

  /** Number of extents (for cost assertions and tests). */
  get size(): number {
    return this.map.size;
  }

  /** The pte of page vpn and how many pages follow contiguously in its extent, or undefined. */
  lookup(vpn: number): { pte: pte_t; run: number } | undefined {
    const hit = this.map.lookup(vpn);
    this.count();
    return hit ? { pte: hit.value, run: hit.run } : undefined;
  }

  /** set_pte_at() over nr pages from vpn: pfns pte.pfn, pte.pfn + 1, ...; replaces what was there. */
  set_ptes(vpn: number, nr: number, pte: pte_t): void {
    this.map.set(vpn, vpn + nr, pte);
    this.count();
  }

  /** ptep_get_and_clear() over [startVpn, endVpn): returns the extents removed. */
  clear(startVpn: number, endVpn: number): Extent<pte_t>[] {
    const out = this.map.remove(startVpn, endVpn);
    this.count();
    return out;
  }

  /** The extents overlapping [startVpn, endVpn), cut to it. */
  extents(startVpn: number, endVpn: number): Extent<pte_t>[] {
    const out = this.map.overlapping(startVpn, endVpn);
    this.count();
    return out;
  }

  /** True if any pte of [startVpn, endVpn) is present. */
  any_present(startVpn: number, endVpn: number): boolean {
    return this.map.anyIn(startVpn, endVpn);
  }

  /** Every extent, in order. */
  all(): readonly Extent<pte_t>[] {
    return this.map.all();
  }

  clear_all(): void {
    this.map.clear();
  }

  validate(): string[] {
    const errs = this.map.validate();
    const all = this.map.all();
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1]!;
      const b = all[i]!;
      if (a.end === b.start && continues(a, b)) errs.push(`pte extents at vpn ${a.start.toString(16)} and ${b.start.toString(16)} should have merged`);
    }
    return errs;
  }

  private count(): void {
    this.cost.extentsTouched += this.map.touched;
    this.map.touched = 0;
  }
}

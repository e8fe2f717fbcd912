// Physical RAM: the struct pages of one contiguous RAM range and a page allocator
// (mm/page_alloc.c, include/linux/mm.h). Freed pages go on a LIFO list and are handed
// out again first, like the per-cpu hot list, so a page freed while a device still DMAs
// into it is promptly reused by someone else: the stale-DMA case the project measures.
import { WARN, oops_bad_access, type KernelBase } from '../kernel/index.ts';
import { GUP_PIN_COUNTING_BIAS, PAGE_SIZE, VM_BUG_ON_PAGE, page } from './page.ts';

/** Where vmemmap sits (ffffea0000000000); kptr() adds the ffff prefix. */
const VMEMMAP_BASE = 0xea0000000000;
const STRUCT_PAGE_SIZE = 64;

export interface PhysMemStats {
  readonly total: number;
  readonly free: number;
  readonly used: number;
  readonly reserved: number;
  readonly pinned: number;
}

export class PhysMem {
  private readonly pages = new Map<number, page>();
  /** LIFO of freed pfns. */
  private readonly freeList: number[] = [];
  /** Next never-allocated pfn. */
  private nextFresh: number;
  private used = 0;

  constructor(private readonly k: KernelBase, readonly ramStartPfn: number, readonly nrPages: number) {
    this.nextFresh = ramStartPfn;
  }

  /** pfn_valid(): true iff the pfn is RAM, i.e. has a struct page. */
  pfn_valid(pfn: number): boolean {
    return Number.isInteger(pfn) && pfn >= this.ramStartPfn && pfn < this.ramStartPfn + this.nrPages;
  }

  /** pfn_to_page(): the struct page of a RAM pfn; for any other pfn the vmemmap access Oopses, as it would unpopulated. */
  pfn_to_page(pfn: number): page {
    if (!this.pfn_valid(pfn)) oops_bad_access(this.k, 'pfn_to_page', VMEMMAP_BASE + Math.max(0, pfn) * STRUCT_PAGE_SIZE);
    let p = this.pages.get(pfn);
    if (!p) {
      p = new page(pfn);
      this.pages.set(pfn, p);
    }
    return p;
  }

  /** alloc_page(GFP_KERNEL): a page with _refcount 1, or null on OOM or fail-nth ('alloc_pages'). Contents are not zeroed. */
  alloc_page(owner: string, fn: string): page | null {
    this.k.countAlloc();
    if (this.k.should_fail('alloc_pages', fn) || !this.hasFree()) {
      const t = this.k.currentTask();
      this.k.dmesg.printk('warn', `${t.comm}: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL), nodemask=(null) in ${fn}`);
      return null;
    }
    const pfn = this.freeList.length > 0 ? this.freeList.pop()! : this.nextFresh++;
    return this.claim(pfn, owner);
  }

  /** Hands a free pfn to `owner` with _refcount 1 (prep_new_page). */
  private claim(pfn: number, owner: string): page {
    const p = this.pfn_to_page(pfn);
    if (!p.free) throw new Error(`alloc_page: pfn ${pfn} on the free list is in use`);
    p._refcount = 1;
    p.pincount = 0;
    p.free = false;
    p.owner = owner;
    p.allocTick = this.k.tick();
    this.used += 1;
    return p;
  }

  /** get_page(): takes a reference; on a free page a debug kernel BUGs (VM_BUG_ON_PAGE). */
  get_page(p: page): void {
    this.k.countRefOp();
    if (p._refcount <= 0) VM_BUG_ON_PAGE(this.k, p, 'page_ref_zero_or_close_to_overflow(page)', 'get_page');
    p._refcount += 1;
  }

  /** put_page(): drops a reference and frees at 0; a put on a page already at 0 BUGs (VM_BUG_ON_PAGE in put_page_testzero). */
  put_page(p: page): void {
    this.k.countRefOp();
    if (p._refcount <= 0) VM_BUG_ON_PAGE(this.k, p, 'page_ref_count(page) == 0', 'put_page');
    p._refcount -= 1;
    if (p._refcount === 0) this.free_page(p);
  }

  /** pin_user_page(): try_grab_page(FOLL_PIN); false (after a WARN) if the page has no reference to pin. */
  pin_user_page(p: page): boolean {
    this.k.countRefOp();
    if (p._refcount <= 0) {
      WARN(this.k, 'try_grab_page', 'mm/gup.c', '');
      return false;
    }
    p._refcount += GUP_PIN_COUNTING_BIAS;
    p.pincount += 1;
    return true;
  }

  /**
   * unpin_user_page(): drops one FOLL_PIN. v5.12 mm/gup.c put_compound_head() subtracts
   * GUP_PIN_COUNTING_BIAS per pin after VM_BUG_ON_PAGE(page_ref_count(page) < refs): a
   * CONFIG_DEBUG_VM kernel BUGs on a page that holds fewer references than one pin.
   */
  unpin_user_page(p: page): void {
    this.k.countRefOp();
    if (p._refcount < GUP_PIN_COUNTING_BIAS) VM_BUG_ON_PAGE(this.k, p, 'page_ref_count(page) < refs', 'put_compound_head', 'mm/gup.c');
    p._refcount -= GUP_PIN_COUNTING_BIAS;
    if (p.pincount > 0) p.pincount -= 1;
    if (p._refcount === 0) this.free_page(p);
  }

  /** SetPageReserved(). */
  SetPageReserved(p: page): void {
    p.reserved = true;
  }

  /** ClearPageReserved(). */
  ClearPageReserved(p: page): void {
    p.reserved = false;
  }

  /** PageReserved(). */
  PageReserved(p: page): boolean {
    return p.reserved;
  }

  /** A read of RAM by the CPU or a device; never-written bytes read 0. A non-RAM pfn is a harness bug. */
  phys_read(pfn: number, off: number): number {
    return this.ramPage(pfn, off).data.get(off) ?? 0;
  }

  /** A write to RAM by the CPU or a device. */
  phys_write(pfn: number, off: number, value: number): void {
    this.ramPage(pfn, off).data.set(off, value);
  }

  /** clear_page(): zero a whole page (anon faults hand out zeroed pages). */
  clear_page(p: page): void {
    p.data.clear();
  }

  stats(): PhysMemStats {
    let reserved = 0;
    let pinned = 0;
    for (const p of this.pages.values()) {
      if (p.reserved) reserved += 1;
      if (p.pincount > 0) pinned += 1;
    }
    return { total: this.nrPages, free: this.nrPages - this.used, used: this.used, reserved, pinned };
  }

  /** Pages currently allocated (for leak audits). */
  usedPages(): page[] {
    return [...this.pages.values()].filter((p) => !p.free && !p.bad);
  }

  /** validate_mem(): free pages have no references, used pages have some, the free list is sane. */
  /**
   * alloc_pages_exact(): n physically contiguous pages, each with _refcount 1, taken
   * from never-used RAM (one fail-nth point 'alloc_pages'). Returns the first pfn, or
   * -ENOMEM (-12).
   */
  alloc_contig(n: number, owner: string, fn: string): number {
    this.k.countAlloc();
    if (this.k.should_fail('alloc_pages', fn) || this.nextFresh + n > this.ramStartPfn + this.nrPages) {
      const t = this.k.currentTask();
      this.k.dmesg.printk('warn', `${t.comm}: page allocation failure: order:${Math.ceil(Math.log2(Math.max(1, n)))}, mode:0xcc0(GFP_KERNEL), nodemask=(null) in ${fn}`);
      return -12;
    }
    const first = this.nextFresh;
    this.nextFresh += n;
    for (let pfn = first; pfn < first + n; pfn++) this.claim(pfn, owner);
    return first;
  }

  /** Pages with a FOLL_PIN still held (for the teardown audit), in pfn order. */
  pinnedPages(): page[] {
    return [...this.pages.values()].filter((p) => p.pincount > 0).sort((a, b) => a.pfn - b.pfn);
  }

  validate(): string[] {
    const errs: string[] = [];
    let used = 0;
    for (const p of this.pages.values()) {
      if (p.bad) {
        used += 1;
        continue;
      }
      if (p.free) {
        if (p._refcount !== 0) errs.push(`free page ${p.pfn} has _refcount ${p._refcount}`);
        if (p.owner !== 'free') errs.push(`free page ${p.pfn} has owner ${p.owner}`);
        if (p.pincount !== 0) errs.push(`free page ${p.pfn} has pincount ${p.pincount}`);
      } else {
        used += 1;
        if (p._refcount <= 0) errs.push(`page ${p.pfn} (${p.owner}) is in use with _refcount ${p._refcount}`);
        if (p.pincount * GUP_PIN_COUNTING_BIAS > p._refcount) errs.push(`page ${p.pfn} has ${p.pincount} pins but _refcount ${p._refcount}`);
      }
    }
    if (used !== this.used) errs.push(`used count ${this.used} but ${used} pages are in use`);
    const seen = new Set<number>();
    for (const pfn of this.freeList) {
      if (seen.has(pfn)) errs.push(`pfn ${pfn} is twice on the free list`);
      seen.add(pfn);
      if (!this.pages.get(pfn)?.free) errs.push(`pfn ${pfn} on the free list is not free`);
    }
    return errs;
  }

  private hasFree(): boolean {
    return this.freeList.length > 0 || this.nextFresh < this.ramStartPfn + this.nrPages;
  }

  /** __free_pages(): back to the hot list, or bad_page() (leaked) if a flag checked at free is still set. */
  private free_page(p: page): void {
    if (p.reserved) {
      const t = this.k.currentTask();
      this.k.dmesg.printk('alert', `BUG: Bad page state in process ${t.comm}  pfn:${p.pfn.toString(16).padStart(5, '0')}`);
      this.k.dmesg.printk('alert', 'page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set');
      this.k.taint('B');
      p.bad = true;
      return;
    }
    p.free = true;
    p.owner = 'free';
    p.pincount = 0;
    this.used -= 1;
    this.freeList.push(p.pfn);
  }

  private ramPage(pfn: number, off: number): page {
    if (!this.pfn_valid(pfn)) throw new Error(`phys access to non-RAM pfn ${pfn}: route MMIO elsewhere`);
    if (!Number.isInteger(off) || off < 0 || off >= PAGE_SIZE) throw new Error(`phys access at offset ${off} outside the page`);
    return this.pfn_to_page(pfn);
  }
}

/** validate_mem(): PhysMem.validate(), named for validate_mm's caller. */
export function validate_mem(mem: PhysMem): string[] {
  return mem.validate();
}

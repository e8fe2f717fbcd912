// struct page (include/linux/mm_types.h, include/linux/page_ref.h): one per RAM pfn,
// made lazily the first time anyone looks at it. Only RAM has a struct page; an MMIO
// pfn (a PCI BAR) has none, which is what pfn_valid() reports.
import { BUG, type BugContext } from '../kernel/index.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;

/** include/linux/mm.h: FOLL_PIN adds this much to _refcount per pin. */
export const GUP_PIN_COUNTING_BIAS = 1024;

export class page {
  /** page_ref_count(); 0 while the page sits in the free lists. */
  _refcount = 0;
  /** Exact FOLL_PIN count, for the teardown audit (the kernel only keeps it for compound pages). */
  pincount = 0;
  /** PG_reserved. */
  reserved = false;
  /** Who allocated it ("anon:qemu/100", "mbochs", ...); 'free' while free. */
  owner = 'free';
  /** k.tick() of the latest allocation, so a reused page is told apart from its old life. */
  allocTick = 0;
  free = true;
  /** Set by bad_page(): the page was leaked instead of freed. */
  bad = false;
  /** Byte offset -> value written there (phys_write); absent offsets read 0. */
  readonly data = new Map<number, number>();

  constructor(readonly pfn: number) {}
}

/** page_ref_count(). */
export function page_ref_count(p: page): number {
  return p._refcount;
}

/** page_maybe_dma_pinned() (include/linux/mm.h): true if _refcount reached the pin bias; may be a false positive. */
export function page_maybe_dma_pinned(p: page): boolean {
  return p._refcount >= GUP_PIN_COUNTING_BIAS;
}

/** dump_page() + VM_BUG_ON_PAGE(): a debug kernel (CONFIG_DEBUG_VM, as with KASAN) BUGs. Never returns. */
export function VM_BUG_ON_PAGE(ctx: BugContext, p: page, reason: string, fn: string, file = 'include/linux/mm.h'): never {
  ctx.dmesg.printk('alert', `page:${p.pfn.toString(16)} refcount:${p._refcount} mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x${p.pfn.toString(16)}`);
  ctx.dmesg.printk('alert', `flags: 0x0(${p.reserved ? 'reserved' : ''})`);
  ctx.dmesg.printk('alert', `page dumped because: VM_BUG_ON_PAGE(${reason})`);
  return BUG(ctx, fn, file);
}

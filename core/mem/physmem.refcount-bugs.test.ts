import { describe, expect, it } from 'vitest';
import { KernelBase, KernelOops } from '../kernel/index.ts';
import { GUP_PIN_COUNTING_BIAS, PhysMem, page_maybe_dma_pinned } from './index.ts';

const mk = () => {
  const k = new KernelBase(1);
  return { k, mem: new PhysMem(k, 0x1000, 8) };
};

describe('struct page reference counting', () => {
  it('get_page/put_page count refcount operations and free at zero', () => {
    const { k, mem } = mk();
    const p = mem.alloc_page('a', 't')!;
    mem.get_page(p);
    mem.put_page(p);
    expect(p.free).toBe(false);
    mem.put_page(p);
    expect(p.free).toBe(true);
    expect(k.cost.refcountOps).toBe(3);
    expect(mem.validate()).toEqual([]);
  });

  it('put_page on a page at 0 is VM_BUG_ON_PAGE: a debug kernel BUGs (Oops)', () => {
    const { k, mem } = mk();
    const p = mem.alloc_page('a', 't')!;
    mem.put_page(p);
    expect(() => mem.put_page(p)).toThrow(KernelOops);
    const log = k.dmesg.format();
    expect(log).toContain('page dumped because: VM_BUG_ON_PAGE(page_ref_count(page) == 0)');
    expect(log).toContain('kernel BUG at include/linux/mm.h!');
  });

  it('get_page on a free page BUGs too', () => {
    const { mem } = mk();
    const p = mem.pfn_to_page(0x1003);
    expect(() => mem.get_page(p)).toThrow(KernelOops);
  });

  it('pins add GUP_PIN_COUNTING_BIAS and page_maybe_dma_pinned sees them', () => {
    const { mem } = mk();
    const p = mem.alloc_page('a', 't')!;
    expect(page_maybe_dma_pinned(p)).toBe(false);
    expect(mem.pin_user_page(p)).toBe(true);
    expect(p._refcount).toBe(1 + GUP_PIN_COUNTING_BIAS);
    expect(p.pincount).toBe(1);
    expect(page_maybe_dma_pinned(p)).toBe(true);
    expect(mem.stats().pinned).toBe(1);
    mem.put_page(p); // the owner lets go; the pin keeps the page
    expect(p.free).toBe(false);
    mem.unpin_user_page(p);
    expect(p.free).toBe(true);
    expect(mem.validate()).toEqual([]);
  });

  it('unpin without a pin BUGs (put_compound_head VM_BUG_ON_PAGE)', () => {
    const { mem } = mk();
    const p = mem.alloc_page('a', 't')!;
    expect(() => mem.unpin_user_page(p)).toThrow(KernelOops);
  });

  it('pinning a free page WARNs and fails', () => {
    const { k, mem } = mk();
    expect(mem.pin_user_page(mem.pfn_to_page(0x1001))).toBe(false);
    expect(k.dmesg.format()).toContain('WARNING: CPU: 0 PID: 0 at mm/gup.c try_grab_page');
  });

  it('freeing a still-reserved page is "Bad page state" and the page is leaked', () => {
    const { k, mem } = mk();
    const p = mem.alloc_page('drv', 't')!;
    mem.SetPageReserved(p);
    expect(mem.PageReserved(p)).toBe(true);
    mem.put_page(p);
    expect(k.dmesg.format()).toContain('BUG: Bad page state in process swapper/0  pfn:01000');
    expect(p.free).toBe(false);
    expect(p.bad).toBe(true);
    expect(k.taints.has('B')).toBe(true);
    expect(mem.alloc_page('x', 't')!.pfn).toBe(0x1001);
    expect(mem.validate()).toEqual([]);
  });
});

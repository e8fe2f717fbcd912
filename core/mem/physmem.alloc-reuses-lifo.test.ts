import { describe, expect, it } from 'vitest';
import { KernelBase } from '../kernel/index.ts';
import { PhysMem } from './index.ts';

const mk = (nr = 8) => {
  const k = new KernelBase(1);
  return { k, mem: new PhysMem(k, 0x1000, nr) };
};

describe('PhysMem.alloc_page', () => {
  it('hands out a page with _refcount 1, its owner and the allocation tick', () => {
    const { k, mem } = mk();
    k.advance(7);
    const p = mem.alloc_page('drv', 'probe')!;
    expect(p.pfn).toBe(0x1000);
    expect(p._refcount).toBe(1);
    expect(p.owner).toBe('drv');
    expect(p.allocTick).toBe(7);
    expect(p.free).toBe(false);
    expect(k.cost.allocations).toBe(1);
    expect(mem.stats()).toMatchObject({ total: 8, used: 1, free: 7 });
  });

  it('gives a freed page out again next (per-cpu hot list)', () => {
    const { mem } = mk();
    const a = mem.alloc_page('a', 't')!;
    const b = mem.alloc_page('b', 't')!;
    mem.put_page(a);
    expect(a.free).toBe(true);
    expect(a.owner).toBe('free');
    const c = mem.alloc_page('c', 't')!;
    expect(c).toBe(a);
    expect(c.owner).toBe('c');
    expect(b.pfn).toBe(0x1001);
  });

  it('returns null when RAM is exhausted, with a page allocation failure line', () => {
    const { k, mem } = mk(2);
    mem.alloc_page('a', 't');
    mem.alloc_page('a', 't');
    expect(mem.alloc_page('a', 't')).toBeNull();
    expect(k.dmesg.format()).toContain('page allocation failure: order:0');
  });

  it('fails the nth allocation point when fail-nth says so', () => {
    const { k, mem } = mk();
    k.faults.failNth = 2;
    expect(mem.alloc_page('a', 'one')).not.toBeNull();
    expect(mem.alloc_page('a', 'two')).toBeNull();
    expect(mem.alloc_page('a', 'three')).not.toBeNull();
    expect(k.faults.log().map((p) => p.site)).toEqual(['alloc_pages', 'alloc_pages', 'alloc_pages']);
    expect(k.dmesg.format()).toContain('FAULT_INJECTION: forcing a failure.');
  });

  it('keeps the old contents: alloc_page does not zero (clear_page does)', () => {
    const { mem } = mk();
    const a = mem.alloc_page('a', 't')!;
    mem.phys_write(a.pfn, 8, 0x55);
    mem.put_page(a);
    const b = mem.alloc_page('b', 't')!;
    expect(mem.phys_read(b.pfn, 8)).toBe(0x55);
    mem.clear_page(b);
    expect(mem.phys_read(b.pfn, 8)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { KernelBase, KernelOops } from '../kernel/index.ts';
import { PhysMem, validate_mem } from './index.ts';

describe('pfn_valid / pfn_to_page / phys access', () => {
  const k = new KernelBase(1);
  const mem = new PhysMem(k, 0x1000, 16);

  it('only RAM pfns have a struct page', () => {
    expect(mem.pfn_valid(0x0fff)).toBe(false);
    expect(mem.pfn_valid(0x1000)).toBe(true);
    expect(mem.pfn_valid(0x100f)).toBe(true);
    expect(mem.pfn_valid(0x1010)).toBe(false);
    expect(mem.pfn_valid(1.5)).toBe(false);
  });

  it('pfn_to_page of an MMIO pfn faults in vmemmap (Oops), as on real hardware', () => {
    expect(() => mem.pfn_to_page(0xe0000)).toThrow(KernelOops);
    expect(k.dmesg.format()).toContain('BUG: unable to handle page fault for address: ffffea');
  });

  it('pfn_to_page gives one struct page per pfn', () => {
    expect(mem.pfn_to_page(0x1002)).toBe(mem.pfn_to_page(0x1002));
    expect(mem.pfn_to_page(0x1002).pfn).toBe(0x1002);
  });

  it('phys_write/phys_read store per offset; unwritten offsets read 0; non-RAM is a harness bug', () => {
    mem.phys_write(0x1003, 16, 42);
    expect(mem.phys_read(0x1003, 16)).toBe(42);
    expect(mem.phys_read(0x1003, 24)).toBe(0);
    expect(() => mem.phys_read(0xe0000, 0)).toThrow(/non-RAM/);
    expect(() => mem.phys_write(0x1003, 4096, 1)).toThrow(/outside the page/);
  });

  it('validate_mem reports a free page with references', () => {
    const k2 = new KernelBase(2);
    const m2 = new PhysMem(k2, 0, 4);
    const p = m2.alloc_page('a', 't')!;
    expect(validate_mem(m2)).toEqual([]);
    m2.put_page(p);
    p._refcount = 3; // corrupt it
    expect(validate_mem(m2).join('\n')).toContain('free page 0 has _refcount 3');
  });
});

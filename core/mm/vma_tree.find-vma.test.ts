import { describe, expect, it } from 'vitest';
import { mm_alloc } from './task.ts';
import { newMmKernel, pages } from './testing.ts';
import type { mm_struct, vm_area_struct } from './types.ts';
import { vm_area_alloc } from './vma.ts';
import { VmaTree, find_vma, find_vma_intersection } from './vma_tree.ts';

const k = newMmKernel();
const mkvma = (mm: mm_struct, start: number, end: number): vm_area_struct => {
  const v = vm_area_alloc(k, mm);
  v.vm_start = start;
  v.vm_end = end;
  return v;
};

describe('VmaTree and find_vma', () => {
  const mm = mm_alloc(k);
  const a = mkvma(mm, pages(10), pages(20));
  const b = mkvma(mm, pages(30), pages(31));
  const c = mkvma(mm, pages(31), pages(40));
  for (const v of [c, a, b]) mm.mm_rb.insert(v);

  it('find_vma returns the first vma ending above addr, or null; counts lookups', () => {
    const before = k.cost.vmaLookups;
    expect(find_vma(k, mm, 0)).toBe(a);
    expect(find_vma(k, mm, pages(19) + 5)).toBe(a);
    expect(find_vma(k, mm, pages(20))).toBe(b);
    expect(find_vma(k, mm, pages(31))).toBe(c);
    expect(find_vma(k, mm, pages(40))).toBeNull();
    expect(k.cost.vmaLookups - before).toBe(5);
  });

  it('find_vma_intersection only returns a vma that overlaps the range', () => {
    expect(find_vma_intersection(k, mm, pages(20), pages(30))).toBeNull();
    expect(find_vma_intersection(k, mm, pages(20), pages(30) + 1)).toBe(b);
    expect(find_vma_intersection(k, mm, pages(15), pages(16))).toBe(a);
  });

  it('iterates in order and answers next/prev/range', () => {
    expect(mm.mm_rb.toArray()).toEqual([a, b, c]);
    expect(mm.mm_rb.next(a)).toBe(b);
    expect(mm.mm_rb.prev(a)).toBeNull();
    expect(mm.mm_rb.prev(c)).toBe(b);
    expect(mm.mm_rb.range(pages(19), pages(31))).toEqual([a, b]);
    expect(mm.mm_rb.validate()).toEqual([]);
  });

  it('unmapped_area is first fit above low and below high', () => {
    const t = mm.mm_rb;
    expect(t.unmapped_area(pages(10), 0, pages(100))).toBe(0);
    expect(t.unmapped_area(pages(10), pages(5), pages(100))).toBe(pages(20));
    expect(t.unmapped_area(pages(11), pages(5), pages(100))).toBe(pages(40));
    expect(t.unmapped_area(pages(61), pages(5), pages(100))).toBe(-1);
    expect(t.unmapped_area(pages(5), pages(12), pages(100))).toBe(pages(20));
  });

  it('refuses overlapping inserts and unknown removals (bugs of ours: they throw)', () => {
    expect(() => mm.mm_rb.insert(mkvma(mm, pages(15), pages(25)))).toThrow(/overlaps/);
    expect(() => mm.mm_rb.remove(mkvma(mm, pages(50), pages(51)))).toThrow(/not in the tree/);
  });

  it('holds 10^5 vmas with O(log n) operations', () => {
    const t = new VmaTree();
    const mm2 = mm_alloc(k);
    const n = 100_000;
    const vmas: vm_area_struct[] = [];
    // Insert in a scrambled order; every other page is a hole.
    for (let i = 0; i < n; i++) vmas.push(mkvma(mm2, pages(2 * i), pages(2 * i + 1)));
    for (let i = 0; i < n; i++) t.insert(vmas[(i * 7919) % n]!);
    expect(t.size).toBe(n);
    for (let i = 0; i < n; i += 997) expect(t.find(pages(2 * i) + 1)).toBe(vmas[i]);
    expect(t.unmapped_area(pages(2), 0, Number.MAX_SAFE_INTEGER)).toBe(pages(2 * n - 1));
    for (let i = 0; i < n; i += 2) t.remove(vmas[i]!);
    expect(t.size).toBe(n / 2);
    expect(t.unmapped_area(pages(2), 0, Number.MAX_SAFE_INTEGER)).toBe(0);
    expect(t.validate()).toEqual([]);
  });
});

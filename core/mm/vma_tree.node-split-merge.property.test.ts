// The vma B-tree's node splits and merges (vma_tree_node.ts): enough vmas to grow the
// tree to three levels and shrink it back to one leaf, in random insert and remove
// orders, with validate() (fan-out bounds, equal leaf depth, cached starts/ends/gaps)
// after every operation and every lookup compared with a sorted-array model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mm_alloc } from './task.ts';
import { newMmKernel, pages } from './testing.ts';
import type { vm_area_struct } from './types.ts';
import { vm_area_alloc } from './vma.ts';
import { NODE_MAX, NODE_MIN, VmaTree } from './vma_tree.ts';

/** A permutation of 0..n-1 from a seed (deterministic; fast-check supplies the seed). */
function shuffled(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('VmaTree node splits and merges', () => {
  it('grows to three levels and back to one leaf, valid after every insert and remove', () => {
    const N = NODE_MAX * NODE_MIN * 3; // enough for a third level at any fill
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.integer({ min: 0, max: N * 3 }), (insSeed, remSeed, probe) => {
        const k = newMmKernel();
        const mm = mm_alloc(k);
        const t = new VmaTree();
        // Slot i holds a 1- or 2-page vma at page 3i, so holes of 1 or 2 pages separate them.
        const vmas: vm_area_struct[] = Array.from({ length: N }, (_, i) => {
          const v = vm_area_alloc(k, mm);
          v.vm_start = pages(3 * i);
          v.vm_end = pages(3 * i + 1 + (i % 2));
          return v;
        });
        const live = new Set<number>();
        let maxDepth = 0;
        const check = (): void => {
          expect(t.validate()).toEqual([]);
          const model = [...live].sort((a, b) => a - b).map((i) => vmas[i]!);
          expect(t.size).toBe(model.length);
          const addr = pages(probe) + 5;
          expect(t.find(addr)).toBe(model.find((v) => v.vm_end > addr) ?? null);
          expect(t.lastBefore(addr)).toBe([...model].reverse().find((v) => v.vm_start < addr) ?? null);
          expect(t.range(addr, addr + pages(7))).toEqual(model.filter((v) => v.vm_end > addr && v.vm_start < addr + pages(7)));
        };
        for (const i of shuffled(N, insSeed)) {
          t.insert(vmas[i]!);
          live.add(i);
          maxDepth = Math.max(maxDepth, t.depth);
          if (live.size % 37 === 0) check();
        }
        check();
        expect(maxDepth).toBeGreaterThanOrEqual(3);
        expect(t.toArray()).toEqual(vmas);
        // The largest hole is 2 pages: a 3-page request fits only past the last vma.
        expect(t.unmapped_area(pages(3), 0, pages(3 * N + 10))).toBe(vmas[N - 1]!.vm_end);
        for (const i of shuffled(N, remSeed)) {
          expect(t.has(vmas[i]!)).toBe(true);
          t.remove(vmas[i]!);
          live.delete(i);
          expect(t.has(vmas[i]!)).toBe(false);
          if (live.size % 29 === 0) check();
        }
        check();
        expect(t.depth).toBe(1);
        expect(t.size).toBe(0);
      }),
      { numRuns: 25 },
    );
  });

  it('removing a vma that is not in the tree, or a different vma at the same start, throws', () => {
    const k = newMmKernel();
    const mm = mm_alloc(k);
    const t = new VmaTree();
    const mk = (s: number, e: number): vm_area_struct => {
      const v = vm_area_alloc(k, mm);
      v.vm_start = pages(s);
      v.vm_end = pages(e);
      return v;
    };
    const a = mk(1, 2);
    t.insert(a);
    expect(() => t.remove(mk(5, 6))).toThrow(/not in the tree/);
    expect(() => t.remove(mk(1, 2))).toThrow(/another vma/);
    expect(() => t.insert(mk(1, 3))).toThrow(/overlaps/);
  });
});

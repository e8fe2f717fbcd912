import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mm_alloc } from './task.ts';
import { newMmKernel, pages } from './testing.ts';
import type { vm_area_struct } from './types.ts';
import { vm_area_alloc } from './vma.ts';

describe('VmaTree against a sorted-array model', () => {
  it('insert/remove keep it sorted, balanced, and find/unmapped_area equal a linear scan', () => {
    const op = fc.record({ insert: fc.boolean(), start: fc.integer({ min: 0, max: 200 }), len: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.array(fc.integer({ min: 0, max: 220 }), { maxLength: 10 }), (ops, probes) => {
        const k = newMmKernel();
        const mm = mm_alloc(k);
        const model: vm_area_struct[] = [];
        for (const o of ops) {
          const start = pages(o.start);
          const end = pages(o.start + o.len);
          if (o.insert) {
            if (model.some((v) => v.vm_start < end && start < v.vm_end)) continue;
            const v = vm_area_alloc(k, mm);
            v.vm_start = start;
            v.vm_end = end;
            mm.mm_rb.insert(v);
            model.push(v);
            model.sort((x, y) => x.vm_start - y.vm_start);
          } else {
            const victim = model.find((v) => v.vm_end > start);
            if (!victim) continue;
            mm.mm_rb.remove(victim);
            model.splice(model.indexOf(victim), 1);
          }
          expect(mm.mm_rb.validate()).toEqual([]);
        }
        expect(mm.mm_rb.toArray()).toEqual(model);
        for (const p of probes) {
          const addr = pages(p) + 1;
          expect(mm.mm_rb.find(addr)).toBe(model.find((v) => v.vm_end > addr) ?? null);
          for (const len of [1, 3, 8]) {
            const low = pages(p);
            let want = -1;
            let prevEnd = 0;
            for (const v of [...model, null]) {
              const s = Math.max(prevEnd, low);
              const e = v ? v.vm_start : pages(240);
              if (e - s >= pages(len)) {
                want = s;
                break;
              }
              if (v) prevEnd = v.vm_end;
            }
            expect(mm.mm_rb.unmapped_area(pages(len), low, pages(240))).toBe(want);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

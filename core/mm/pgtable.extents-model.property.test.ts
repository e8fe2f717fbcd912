import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newCostCounters } from '../kernel/index.ts';
import { PageTable, type pte_t } from './pgtable.ts';

const pte = (pfn: number, write = true): pte_t => ({ pfn, write, prot_none: false, special: true, anon: false });

describe('PageTable', () => {
  it('equals a naive per-page model under random set/clear, and stays merged', () => {
    const op = fc.record({
      set: fc.boolean(), vpn: fc.integer({ min: 0, max: 64 }), nr: fc.integer({ min: 1, max: 20 }),
      pfn: fc.integer({ min: 0, max: 40 }), write: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const pt = new PageTable(newCostCounters());
        const model = new Map<number, pte_t>();
        for (const o of ops) {
          if (o.set) {
            pt.set_ptes(o.vpn, o.nr, pte(o.pfn, o.write));
            for (let i = 0; i < o.nr; i++) model.set(o.vpn + i, pte(o.pfn + i, o.write));
          } else {
            pt.clear(o.vpn, o.vpn + o.nr);
            for (let i = 0; i < o.nr; i++) model.delete(o.vpn + i);
          }
          expect(pt.validate()).toEqual([]);
        }
        for (let v = 0; v < 90; v++) {
          const hit = pt.lookup(v);
          const want = model.get(v);
          expect(hit?.pte).toEqual(want);
          if (hit && want) {
            let run = 0;
            while (model.get(v + run)?.pfn === want.pfn + run && model.get(v + run)?.write === want.write) run++;
            expect(hit.run).toBe(run);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a 1 GiB pfn range as one extent and counts extents touched', () => {
    const cost = newCostCounters();
    const pt = new PageTable(cost);
    pt.set_ptes(0x7f0000000, 262144, pte(0x800000));
    expect(pt.size).toBe(1);
    const before = cost.extentsTouched;
    expect(pt.lookup(0x7f0000000 + 1000)).toEqual({ pte: pte(0x800000 + 1000), run: 262144 - 1000 });
    expect(cost.extentsTouched - before).toBe(1);
    pt.clear(0x7f0000000 + 10, 0x7f0000000 + 20);
    expect(pt.size).toBe(2);
    pt.set_ptes(0x7f0000000 + 10, 10, pte(0x800000 + 10));
    expect(pt.size).toBe(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExtentMap } from './extent_map.ts';

describe('ExtentMap equals a naive per-page model', () => {
  it('property: random set/remove keep the same page -> value map, sorted and non-overlapping', () => {
    const op = fc.record({ set: fc.boolean(), start: fc.integer({ min: 0, max: 60 }), len: fc.integer({ min: 1, max: 20 }), base: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const m = new ExtentMap<number>((v, d) => v + d, (a, b) => a.value + (a.end - a.start) === b.value);
      const model = new Map<number, number>();
      for (const o of ops) {
        if (o.set) {
          m.set(o.start, o.start + o.len, o.base);
          for (let i = 0; i < o.len; i++) model.set(o.start + i, o.base + i);
        } else {
          m.remove(o.start, o.start + o.len);
          for (let i = 0; i < o.len; i++) model.delete(o.start + i);
        }
      }
      expect(m.validate()).toEqual([]);
      for (let x = 0; x < 90; x++) expect(m.lookup(x)?.value).toBe(model.get(x));
    }), { numRuns: 300 });
  });
});

// Property: the extent-based IOVA map behaves exactly like a naive per-page table under
// any sequence of iommu_map / iommu_unmap.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EEXIST } from '../kernel/errno.ts';
import { PAGE_SIZE, PFN_PHYS } from '../pci/index.ts';
import { iommu_domain_validate, iommu_iova_to_phys, iommu_map, iommu_unmap } from './map.ts';
import { testIommuMachine } from './testing.ts';

const PAGES = 64;

type Op =
  | { kind: 'map'; page: number; n: number; pfn: number; prot: number }
  | { kind: 'unmap'; page: number; n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('map' as const), page: fc.nat(PAGES - 1), n: fc.integer({ min: 1, max: 16 }),
    pfn: fc.nat(100_000), prot: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('unmap' as const), page: fc.nat(PAGES - 1), n: fc.integer({ min: 1, max: 24 }) }),
);

describe('IOVA extent map', () => {
  it('equals a per-page model under random map/unmap', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const { k, iommu } = testIommuMachine();
        const dom = iommu.iommu_domain_alloc();
        const model = new Map<number, { pfn: number; prot: number }>();
        for (const op of ops) {
          if (op.kind === 'map') {
            let free = true;
            for (let i = 0; i < op.n; i++) if (model.has(op.page + i)) free = false;
            const ret = iommu_map(k, dom, op.page * PAGE_SIZE, PFN_PHYS(op.pfn), op.n * PAGE_SIZE, op.prot);
            expect(ret).toBe(free ? 0 : -EEXIST);
            if (free) for (let i = 0; i < op.n; i++) model.set(op.page + i, { pfn: op.pfn + i, prot: op.prot });
          } else {
            let gone = 0;
            for (let i = 0; i < op.n; i++) if (model.delete(op.page + i)) gone += 1;
            expect(iommu_unmap(k, dom, op.page * PAGE_SIZE, op.n * PAGE_SIZE)).toBe(gone * PAGE_SIZE);
          }
          expect(iommu_domain_validate(dom)).toEqual([]);
        }
        for (let p = 0; p < PAGES + 24; p++) {
          const want = model.get(p);
          expect(iommu_iova_to_phys(dom, p * PAGE_SIZE + 4)).toBe(want === undefined ? 0 : PFN_PHYS(want.pfn) + 4);
          expect(dom.map.lookup(p)?.value.prot).toBe(want?.prot);
        }
      }),
      { numRuns: 300, seed: 0x5eed },
    );
  });
});

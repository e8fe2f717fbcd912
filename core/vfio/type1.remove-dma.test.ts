// LookupArgs.remove_dma: type1's vfio_remove_dma() of the run's whole vfio_dma, for a
// design told the memory is going away (the v1 series' release notifier). After it the
// IOMMU blocks the IOVA, the design's reference is released and UNMAP_DMA finds
// nothing; asked while that MAP_DMA still runs, it waits for the map to return.
import { describe, expect, it } from 'vitest';
import { isCrashed } from '../machine/kernel.ts';
import { IOVA, MiB, iommuOf, ok, qemu } from '../machine/testing.ts';
import { V5_12_DESIGN, v5_12_type1_patch } from './default_design.ts';
import type { Design } from './design.ts';

/** v5.12's lookup that keeps each run's remove_dma and counts its releases. */
function keeper(): { design: Design; removers: Array<(why: string) => void>; released: () => number } {
  const removers: Array<(why: string) => void> = [];
  let released = 0;
  const design: Design = {
    ...V5_12_DESIGN, name: 'keeper',
    install() {
      const base = v5_12_type1_patch();
      return {
        ...base,
        pfnmap_lookup(a) {
          const r = base.pfnmap_lookup(a);
          if (!('pfn' in r)) return r;
          removers.push(a.remove_dma);
          return { ...r, ref: { label: 'kept', drop() { released += 1; } } };
        },
      };
    },
  };
  return { design, removers, released: () => released };
}

describe('LookupArgs.remove_dma (vfio_remove_dma from a design)', () => {
  it('removes the whole vfio_dma: IOMMU blocks the IOVA, the reference is released once, UNMAP_DMA finds nothing', () => {
    const kept = keeper();
    const { m, bar0 } = qemu(kept.design);
    expect(ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 4 * MiB, flags: 3 }))).toBe(0);
    expect(kept.removers).toHaveLength(1);
    kept.removers[0]!('test');
    kept.removers[0]!('test again: a no-op');
    expect(kept.released()).toBe(1);
    expect(iommuOf(m, 'qemu').dma_list.all()).toEqual([]);
    const rec = m.deviceDma('nic', IOVA, true, 1);
    if (isCrashed(rec)) throw new Error('oops');
    expect(rec.result).toBe('iommu-fault');
    expect(ok(m.unmapDma('qemu', IOVA, 4 * MiB))).toBe(0);
    expect(m.teardown()).toEqual([]);
  });

  it('asked at the interleaving point of its own MAP_DMA, it takes effect when that MAP_DMA returns 0', () => {
    const kept = keeper();
    const { m, bar0 } = qemu(kept.design);
    let mappedDuring = -1;
    m.k.interleave = () => {
      kept.removers[0]!('during the map');
      mappedDuring = iommuOf(m, 'qemu').dma_list.all().length;
    };
    expect(ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 }))).toBe(0);
    expect(mappedDuring).toBe(1);
    expect(iommuOf(m, 'qemu').dma_list.all()).toEqual([]);
    expect(kept.released()).toBe(1);
    expect(m.teardown()).toEqual([]);
  });
});

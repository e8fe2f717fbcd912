// Each variant does what its reading says, seen from the cells: the as-posted row and the
// variant run the same scenario and differ only where the reading does.
import { describe, expect, it } from 'vitest';
import { loadScenarioById, runCell } from '../scenarios/index.ts';

const cell = (scenario: string, design: Parameters<typeof runCell>[1]) => runCell(loadScenarioById(scenario), design, { seed: 1 });

describe('variant readings', () => {
  it('private-data as posted uses base_pfn without a walk even when the magic is missing; +magic walks the page table instead', () => {
    const posted = cell('driver-omits-magic', 'private-data');
    const magic = cell('driver-omits-magic', 'private-data+magic');
    expect(posted.outcome).toBe('ok');
    expect(posted.cost.ptWalks).toBe(0);
    expect(magic.outcome).toBe('ok');
    expect(magic.cost.ptWalks).toBeGreaterThan(0);
  });

  it('a non-vfio PFNMAP vma: driver-op refuses it as posted and maps it through follow_pfn with +follow-pfn', () => {
    expect(cell('foreign-pfnmap-vma', 'driver-op').evidence.errno).toBe('EINVAL');
    // Mapped through follow_pfn, the chardev's reserved buffer is freed and reused under
    // the IOMMU; type1's put_pfn then unpins the new owner's page at teardown (v5.12).
    expect(cell('foreign-pfnmap-vma', 'driver-op+follow-pfn').outcome).toBe('oops');
    expect(cell('foreign-pfnmap-vma', 'private-data').outcome).toBe('oops');
    expect(cell('foreign-pfnmap-vma', 'private-data+vfio-only').evidence.errno).toBe('EINVAL');
  });

  it('+d0 changes only what happens after close: the same legitimate map is ok either way', () => {
    expect(cell('bar-map-dma', 'status-quo+d0').outcome).toBe(cell('bar-map-dma', 'status-quo').outcome);
    expect(cell('close-fd-while-mapped', 'status-quo').outcome).toBe('warn');
    expect(cell('close-fd-while-mapped', 'status-quo+d0').outcome).toBe('stale-dma');
  });
});

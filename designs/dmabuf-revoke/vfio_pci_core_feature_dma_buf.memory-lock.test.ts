// v6.19 vfio_pci_core_feature_dma_buf(): a new export reads the device's decode state
// under memory_lock held for write. An export asked for during a reset therefore waits
// for the reset to end and is born un-revoked; the export made before the reset was
// revoked by it and, iommufd not remapping, stays unmapped (an honest cost of the design).
import { describe, expect, it } from 'vitest';
import { loadScenarioById } from '../../scenarios/load.ts';
import { runCell } from '../../scenarios/runner.ts';

describe('vfio_pci_core_feature_dma_buf takes memory_lock', () => {
  const c = runCell(loadScenarioById('reset-window-access'), 'dmabuf-revoke', { seed: 1 });
  const step = (index: number, inner?: number) => c.steps.find((r) => r.index === index && r.inner === inner)!;

  it('a MAP_DMA during the FLR waits for it and maps: the DMA through it reaches the BAR', () => {
    expect(step(5, 0).kind).toBe('map-dma');
    expect(step(5, 0).ret).toBe(0);
    expect(step(7).error).toBeUndefined();
    expect(step(7).dma[0]?.stale).toBe(false);
  });

  it('the mapping made before the reset was revoked and is not remapped', () => {
    expect(step(6).error).toBe('IOMMU_FAULT');
    expect(c.outcome).toBe('false-reject');
  });
});

// The v1 series' release notifier (PATCH v1 08/14 + 11/14): when the device's last fd
// closes, type1 removes that device's vfio_dma itself. Removal is then not blocked, a
// later DMA is blocked by the IOMMU, a later UNMAP_DMA finds nothing; without the
// driver's notifier call it is driver-op again.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS_DIR, loadScenarioById, parseScenario } from '../../scenarios/load.ts';
import { runCell } from '../../scenarios/runner.ts';
import { getDesign } from '../registry.ts';

// hot-unplug-reassign (map, munmap, close, unplug, a new device takes the range, DMA
// through the old IOVA) with an UNMAP_DMA of that IOVA at the end.
const text = readFileSync(join(SCENARIOS_DIR, 'hot-unplug-reassign.yaml'), 'utf8').replace(/^id: .*$/m, 'id: v1-close-then-unplug');
const s = parseScenario(`${text.trimEnd()}\n  - { kind: unmap-dma, task: qemu, iova: 0x100000000, size: 0x1000000 }\n`, 'v1-close-then-unplug.yaml');

function stepsOf(design: string, mistake?: { driver: string; obligation: string; kind: 'omit' }) {
  const c = runCell(s, getDesign(design as Parameters<typeof getDesign>[0]), { seed: 1, ...(mistake ? { mistake } : {}) });
  const by = (kind: string) => c.steps.find((r) => r.kind === kind);
  return { c, unplug: by('hot-unplug'), dma: by('dma-write'), unmap: by('unmap-dma') };
}

describe('driver-op-v1-notifier: vfio_device_nb_cb on VFIO_DEVICE_RELEASE', () => {
  it('removes the vfio_dma at close: the unplug completes, DMA is blocked by the IOMMU, UNMAP_DMA finds nothing', () => {
    const v1 = stepsOf('driver-op-v1-notifier');
    expect(v1.c.costs.blockedRemovals).toBe(0);
    expect(v1.dma?.dma.map((d) => d.result)).toEqual(['iommu-fault']);
    expect(v1.unmap?.ret).toBe(0);
    expect(v1.c.steps.flatMap((r) => r.dmesg).some((l) => l.text.includes('vfio_dma removed: vfio device release notifier'))).toBe(true);
  });

  it('driver-op keeps the mapping: the unplug waits and UNMAP_DMA still finds the 16 MiB', () => {
    const op = stepsOf('driver-op');
    expect(op.c.costs.blockedRemovals).toBe(1);
    expect(op.unmap?.ret).toBe(0x1000000);
  });

  it('a vfio-pci that omits the notifier call behaves as driver-op', () => {
    const omitted = stepsOf('driver-op-v1-notifier', { driver: 'vfio-pci', obligation: 'notify-release', kind: 'omit' });
    const op = stepsOf('driver-op');
    expect([omitted.c.outcome, omitted.c.costs.blockedRemovals, omitted.unmap?.ret]).toEqual([op.c.outcome, 1, 0x1000000]);
  });

  it('a close inside MAP_DMA\'s race window removes the vfio_dma only once that MAP_DMA returns (type1 holds iommu->lock)', () => {
    const c = runCell(loadScenarioById('race-munmap-during-map'), getDesign('driver-op-v1-notifier'), { seed: 1 });
    const map = c.steps.find((r) => r.kind === 'map-dma');
    expect(map?.ret).toBe(0);
    expect(c.outcome).toBe('rejected');
    expect(c.evidence.summary).toContain('blocked by the IOMMU');
  });
});

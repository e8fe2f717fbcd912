// The runner's reset window: a reset's `during` steps run while the FLR is in progress
// (v5.12 vfio_pci_ioctl VFIO_DEVICE_RESET holding memory_lock for write), recorded as
// inner steps of the reset, like map-dma's. Outcomes here hold for every design.
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../designs/registry.ts';
import { runCell } from './runner.ts';
import { Scenario, Step, type ScenarioT } from './schema.ts';

const MiB = 1 << 20;
const IOVA = 0x1_0000_0000;

function scenario(id: string, steps: unknown[]): ScenarioT {
  return Scenario.parse({
    id, title: id, category: 'lifecycle', origin: 'test', description: 'test',
    setup: {
      devices: [
        { type: 'pci', name: 'gpu', bars: [{ size: MiB, kind: 'mem32' }] },
        { type: 'pci', name: 'nic', bars: [{ size: MiB, kind: 'mem32' }] },
      ],
      tasks: ['qemu'],
    },
    steps,
  });
}

const SETUP = [
  { kind: 'open-device', task: 'qemu', device: 'gpu', as: 'gpufd', expect: 'ok' },
  { kind: 'open-device', task: 'qemu', device: 'nic', as: 'nicfd', expect: 'ok' },
  { kind: 'mmap', task: 'qemu', fd: 'gpufd', region: 0, length: MiB, as: 'bar0', expect: 'ok' },
  { kind: 'cpu-write', task: 'qemu', addr: 'bar0', value: 1, expect: 'ok' },
  { kind: 'map-dma', task: 'qemu', addr: 'bar0', iova: IOVA, size: MiB, expect: 'ok' },
];

describe('reset during: steps inside the FLR window', () => {
  const s = scenario('window', [...SETUP, {
    kind: 'reset', task: 'qemu', fd: 'gpufd', expect: 'ok',
    during: [{ kind: 'dma-write', device: 'nic', iova: IOVA, value: 7 }, { kind: 'cpu-read', task: 'qemu', addr: 'bar0', expect: 'ok' }],
  }]);

  it.each(DESIGN_NAMES)('%s: the inner steps are recorded after the reset, and the DMA during FLR is never stale', (design) => {
    const c = runCell(s, design, { seed: 1 });
    const at5 = c.steps.filter((r) => r.index === 5);
    expect(at5.map((r) => [r.inner, r.kind])).toEqual([[undefined, 'reset'], [0, 'dma-write'], [1, 'cpu-read']]);
    expect(at5[0]!.ret).toBe(0);
    const dma = at5[1]!.dma[0]!;
    expect(dma.stale).toBe(false);
    // Reaching the BAR in FLR is an Unsupported Request; a design that revoked the mapping blocks it instead.
    expect(dma.unsupportedRequest === true || dma.result === 'iommu-fault').toBe(true);
    expect(at5[2]!.error).toBeUndefined();
  });

  it.each(DESIGN_NAMES)('%s: a reset that fails before the FLR skips its during steps', (design) => {
    const bad = scenario('closed', [...SETUP, { kind: 'close', task: 'qemu', fd: 'nicfd' }, {
      kind: 'reset', task: 'qemu', fd: 'nicfd', during: [{ kind: 'cpu-read', task: 'qemu', addr: 'bar0' }],
    }]);
    const c = runCell(bad, design, { seed: 1 });
    const inner = c.steps.find((r) => r.index === 6 && r.inner === 0);
    expect(inner?.skipped).toBe('the reset returned before its FLR window');
  });

  it('a reset window step cannot carry a window of its own', () => {
    const nested = { kind: 'reset', task: 'qemu', fd: 'gpufd', during: [{ kind: 'reset', task: 'qemu', fd: 'gpufd', during: [] }] };
    expect(Step.safeParse(nested).success).toBe(false);
    const mapInReset = { kind: 'reset', task: 'qemu', fd: 'gpufd', during: [{ ...SETUP[4], during: [] }] };
    expect(Step.safeParse(mapInReset).success).toBe(false);
    expect(Step.safeParse({ kind: 'reset', task: 'qemu', fd: 'gpufd', during: [SETUP[4]] }).success).toBe(true);
  });
});

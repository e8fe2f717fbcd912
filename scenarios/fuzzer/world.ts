// The fixed world every fuzzed sequence starts from: a GPU with two BARs, a NIC that
// issues the DMAs, a 4-page RAM mdev, one task. Sizes are small on purpose (a 64 KiB
// BAR is 16 pages) so a sequence costs little to run; the reproducer writer drops the
// devices a shrunk sequence never names.
import type { ScenarioT } from '../schema.ts';

export const PAGE = 0x1000;
/** First IOVA slot; slots are 1 MiB apart so two MAP_DMAs overlap only when asked to. */
export const IOVA_BASE = 0x1_0000_0000;
export const IOVA_SLOT = 0x10_0000;
export const IOVA_SLOTS = 32;

export type Setup = ScenarioT['setup'];
export type DeviceSetupT = Setup['devices'][number];

export const WORLD: Setup = {
  devices: [
    { type: 'pci', name: 'gpu', bars: [{ size: 0x10000, kind: 'mem32' }, { size: 0x4000, kind: 'mem32' }], driver: 'vfio-pci' },
    { type: 'pci', name: 'nic', bars: [{ size: 0x10000, kind: 'mem32' }], driver: 'vfio-pci' },
    { type: 'mdev', name: 'vgpu', pages: 4 },
  ],
  tasks: ['qemu'],
};

/** BARs of a device hot-plugged by a sequence (the same size as the GPU's BAR0, so it can land in its range). */
export const HOTPLUG_BARS = [{ size: 0x10000, kind: 'mem32' }] as const;

import { describe, expect, it } from 'vitest';
import type { Owner } from '../pci/index.ts';
import { judge } from './dma.ts';
import type { IovaPte } from './types.ts';

const bar = (o: Partial<Extract<Owner, { kind: 'mmio' }>>): Owner => ({
  kind: 'mmio', pfn: 0x8000000, device: '0000:01:00.0', instance: 1, bar: 0, decode: true, allocTick: 1, removed: false,
  releasedTick: -1, idle: false, ...o,
});
const pte: IovaPte = { pfn: 0x8000000, prot: 3, mapTick: 10, intended: 'mmio 0000:01:00.0 BAR0' };

describe('judge(): a DMA into a device its user let go of', () => {
  it('is fine while the device is held by the user that mapped it', () => {
    expect(judge(bar({}), pte)).toBeNull();
  });
  it('is stale when the device was released after the mapping, even if someone opened it again', () => {
    expect(judge(bar({ releasedTick: 20, idle: false }), pte)).toBe('device-released');
  });
  it('is stale when the device sits released (idle), even if the mapping came after the release', () => {
    expect(judge(bar({ releasedTick: 5, idle: true }), pte)).toBe('device-released');
  });
  it('is not stale with decode off: that is an Unsupported Request, judged by device_dma', () => {
    expect(judge(bar({ releasedTick: 20, idle: true, decode: false }), pte)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isCrashed } from '../machine/kernel.ts';
import { IOVA, MiB, ok, qemu } from '../machine/testing.ts';
import { mmio_read } from '../pci/index.ts';

describe('the QEMU-like happy path', () => {
  it('a peer device DMA-writes into BAR0 through MAP_DMA and the register changes', () => {
    const { m, bar0 } = qemu();
    expect(ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 16 * MiB, flags: 3 }))).toBe(0);
    const rec = m.deviceDma('nic', IOVA + 0x40, true, 0xfeed);
    if (isCrashed(rec)) throw new Error('oops');
    expect(rec.result).toBe('ok');
    expect(rec.stale).toBe(false);
    expect(rec.hit.kind).toBe('mmio');
    expect(mmio_read(m.device('gpu').pdev!, 0, 0x40)).toBe(0xfeed);
    expect(m.teardown()).toEqual([]);
  });

  it('maps an unfaulted BAR by faulting it in from type1 (fixup_user_fault)', () => {
    const { m, bar0 } = qemu();
    expect(m.k.dmesg.all().some((l) => l.text.includes('fault'))).toBe(false);
    expect(ok(m.mapDma('qemu', { vaddr: bar0 + 4 * 4096, iova: IOVA, size: 4096, flags: 1 }))).toBe(0);
    const rec = m.deviceDma('nic', IOVA, false);
    if (isCrashed(rec)) throw new Error('oops');
    expect(rec.result).toBe('ok');
  });

  it('a 1 GiB BAR maps as one IOMMU extent with one lookup', () => {
    const { m, bar0 } = qemu(undefined, 1024 * MiB);
    const before = { ...m.k.cost };
    expect(ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 1024 * MiB, flags: 3 }))).toBe(0);
    expect(m.k.cost.pfnLookups - before.pfnLookups).toBe(1);
    expect(m.k.cost.iommuMaps - before.iommuMaps).toBe(1);
    expect(ok(m.unmapDma('qemu', IOVA, 1024 * MiB))).toBe(1024 * MiB);
  });
});

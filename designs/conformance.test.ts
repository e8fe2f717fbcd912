// Every design passes the correctness flows of the core through the Design interface
// only, and each design's result on the three status-quo bug flows is recorded as what
// the simulation did (not what its author claimed).
import { describe, expect, it } from 'vitest';
import { isCrashed, type DmaRecord } from '../core/index.ts';
import { IOVA, MiB, ok, qemu } from '../core/machine/testing.ts';
import { DESIGN_NAMES, getDesign } from './registry.ts';

function dma(r: DmaRecord | { crashed: true }): DmaRecord {
  if (isCrashed(r)) throw new Error('oops');
  return r as DmaRecord;
}

for (const name of DESIGN_NAMES) {
  const design = getDesign(name);
  describe(`${name}: correctness flows`, () => {
    it('happy path: map BAR0, peer DMA lands in BAR0, nothing leaks', () => {
      const { m, bar0 } = qemu(design);
      m.cpuAccess('qemu', bar0, true, 1);
      expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 16 * MiB, flags: 3 })).toBe(0);
      const r = dma(m.deviceDma('nic', IOVA + 8, true, 5));
      expect([r.result, r.stale]).toEqual(['ok', false]);
      expect(m.unmapDma('qemu', IOVA, 16 * MiB)).toBe(16 * MiB);
      expect(m.teardown()).toEqual([]);
    });

    it('offset inside the vma and two BARs', () => {
      const { m, gpuFd, bar0 } = qemu(design);
      const bar1 = ok(m.mmap('qemu', { fd: gpuFd, offset: 1 * 2 ** 40, length: MiB, shared: true, prot: 'rw' }));
      expect(m.mapDma('qemu', { vaddr: bar0 + 3 * 4096, iova: IOVA, size: 4096, flags: 3 })).toBe(0);
      expect(m.mapDma('qemu', { vaddr: bar1, iova: IOVA + MiB, size: MiB, flags: 3 })).toBe(0);
      const r0 = dma(m.deviceDma('nic', IOVA, true, 1));
      const r1 = dma(m.deviceDma('nic', IOVA + MiB, true, 1));
      expect([r0.stale, r1.stale]).toEqual([false, false]);
      expect(r0.pfn).toBe(m.device('gpu').pdev!.resource[0]!.start / 4096 + 3);
      expect(m.teardown()).toEqual([]);
    });

    it('after a split (mprotect of the middle) and after mremap (move)', () => {
      const { m, bar0 } = qemu(design);
      ok(m.mprotect('qemu', bar0 + MiB, MiB, 'r'));
      expect(m.mapDma('qemu', { vaddr: bar0 + 2 * MiB, iova: IOVA, size: MiB, flags: 3 })).toBe(0);
      const moved = ok(m.mremap('qemu', bar0 + 4 * MiB, MiB, MiB, true));
      expect(moved).toBeGreaterThan(0);
      const r = dma(m.deviceDma('nic', IOVA, true, 1));
      expect(r.stale).toBe(false);
      expect(r.pfn).toBe(m.device('gpu').pdev!.resource[0]!.start / 4096 + (2 * MiB) / 4096);
      ok(m.munmap('qemu', bar0, MiB));
      expect(m.mapDma('qemu', { vaddr: bar0 + 3 * MiB, iova: IOVA + 8 * MiB, size: 4096, flags: 3 })).toBe(0);
      expect(dma(m.deviceDma('nic', IOVA + 8 * MiB, true, 1)).pfn).toBe(m.device('gpu').pdev!.resource[0]!.start / 4096 + (3 * MiB) / 4096);
      expect(m.teardown()).toEqual([]);
    });

    it('a forked child maps the inherited BAR', () => {
      const { m, bar0 } = qemu(design);
      ok(m.fork('qemu', 'child'));
      expect(m.mapDma('child', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 })).toBe(0);
      expect(m.teardown()).toEqual([]);
    });

    it('a 1 GiB BAR, and RAM + BAR mixed, and map/unmap cycles leave nothing behind', () => {
      const big = qemu(design, 1024 * MiB);
      expect(big.m.mapDma('qemu', { vaddr: big.bar0, iova: IOVA, size: 1024 * MiB, flags: 3 })).toBe(0);
      expect(big.m.teardown()).toEqual([]);
      const { m, bar0 } = qemu(design);
      const ram = ok(m.mmap('qemu', { offset: 0, length: 4 * 4096, shared: false, prot: 'rw' }));
      for (let i = 0; i < 5; i++) {
        expect(m.mapDma('qemu', { vaddr: ram, iova: IOVA, size: 4 * 4096, flags: 3 })).toBe(0);
        expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA + MiB, size: MiB, flags: 3 })).toBe(0);
        expect(m.unmapDma('qemu', IOVA, 2 * MiB)).toBe(4 * 4096 + MiB);
      }
      expect(m.teardown()).toEqual([]);
    });
  });

  describe(`${name}: the status-quo bug flows (recorded, not prescribed)`, () => {
    it('hot-unplug and reassign: records where the DMA went', () => {
      const { m, gpuFd, bar0 } = qemu(design);
      m.cpuAccess('qemu', bar0, true, 1);
      const mapped = m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 16 * MiB, flags: 3 });
      ok(m.munmap('qemu', bar0, 16 * MiB));
      ok(m.close('qemu', gpuFd));
      const removed = ok(m.hotUnplug('gpu'));
      ok(m.addPci('victim', [{ size: 16 * MiB, kind: 'mem32' }], 'none'));
      const r = dma(m.deviceDma('nic', IOVA, true, 0xbad));
      const victimHit = r.hit.kind === 'mmio' && r.hit.device === m.device('victim').pdev!.name;
      // What happened is a property of the design's code: a reference that blocks the
      // removal keeps the range from being handed to the victim.
      expect(mapped).toBe(0);
      expect(victimHit).toBe(removed === 1 && r.result === 'ok');
    });
  });
}

// v6.19 vfio_pci_dma_buf_move(): decode-off and reset revoke the export, decode-on and
// the end of the reset un-revoke it; the importer (iommufd's iopt_revoke_notify) unmaps
// on the revoke and does nothing on the un-revoke, so the old IOVA stays unmapped until
// user space maps again. Close revokes for good (vfio_pci_dma_buf_cleanup).
import { describe, expect, it } from 'vitest';
import { isCrashed, type DmaRecord, type Machine } from '../../core/index.ts';
import { IOVA, MiB, ok, qemu } from '../../core/machine/testing.ts';
import { dmabufRevoke } from './index.ts';

function dmaResult(m: Machine, iova: number): string {
  const r = m.deviceDma('nic', iova, true, 7);
  if (isCrashed(r)) throw new Error('oops');
  return (r as DmaRecord).result;
}

function dmesgSince(m: Machine, mark: number): string[] {
  return m.k.dmesg.since(mark).map((l) => l.text);
}

describe('vfio_pci_dma_buf_move (v6.19) with iommufd as importer', () => {
  it('decode-off revokes and unmaps; decode-on un-revokes but the old IOVA stays unmapped, and says so', () => {
    const { m, gpuFd, bar0 } = qemu(dmabufRevoke);
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 })).toBe(0);
    ok(m.setDecode('qemu', gpuFd, false));
    expect(dmaResult(m, IOVA)).toBe('iommu-fault');
    const mark = m.k.dmesg.mark();
    ok(m.setDecode('qemu', gpuFd, true));
    expect(dmesgSince(m, mark).some((t) => /iova 0x100000000\+0x100000: move_notify \(memory decode enabled\) on a revoked import: stays unmapped/.test(t))).toBe(true);
    expect(dmaResult(m, IOVA)).toBe('iommu-fault');
    // User space unmaps and maps again (in the model a new MAP_DMA is a new export), and DMA flows.
    expect(m.unmapDma('qemu', IOVA, MiB)).toBe(MiB);
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 })).toBe(0);
    expect(dmaResult(m, IOVA)).toBe('ok');
    expect(m.teardown()).toEqual([]);
  });

  it('a map made while decode is off is refused (the export is born revoked), and works once decode is back', () => {
    const { m, gpuFd, bar0 } = qemu(dmabufRevoke);
    ok(m.setDecode('qemu', gpuFd, false));
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 })).toBe(-19);
    ok(m.setDecode('qemu', gpuFd, true));
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 })).toBe(0);
    expect(m.teardown()).toEqual([]);
  });

  it('reset revokes and un-revokes in the same ioctl; the IOVA stays unmapped', () => {
    const { m, gpuFd, bar0 } = qemu(dmabufRevoke);
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 })).toBe(0);
    const mark = m.k.dmesg.mark();
    ok(m.reset('qemu', gpuFd));
    const lines = dmesgSince(m, mark);
    expect(lines.some((t) => /iova 0x100000000\+0x100000 unmapped: device reset/.test(t))).toBe(true);
    expect(lines.some((t) => /move_notify \(device reset done\) on a revoked import/.test(t))).toBe(true);
    expect(dmaResult(m, IOVA)).toBe('iommu-fault');
    expect(m.mapDma('qemu', { vaddr: bar0 + MiB, iova: IOVA + MiB, size: MiB, flags: 3 })).toBe(0);
    expect(dmaResult(m, IOVA + MiB)).toBe('ok');
  });

  it('toggling decode on a live export notifies nobody (no flip, no line)', () => {
    const { m, gpuFd, bar0 } = qemu(dmabufRevoke);
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 })).toBe(0);
    const mark = m.k.dmesg.mark();
    ok(m.setDecode('qemu', gpuFd, true));
    expect(dmesgSince(m, mark).filter((t) => /iommufd|unmapped/.test(t))).toEqual([]);
    expect(dmaResult(m, IOVA)).toBe('ok');
  });
});

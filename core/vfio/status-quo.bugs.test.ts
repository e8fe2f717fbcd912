// The three bugs of the 2021 type1 code, reproduced by the simulation (not asserted
// into it): each test drives user-level steps and then reads what the DMA reached.
import { describe, expect, it } from 'vitest';
import { isCrashed } from '../machine/kernel.ts';
import { IOVA, MiB, mdevRamReusedUnderDma, ok, qemu } from '../machine/testing.ts';
import { mmio_read } from '../pci/index.ts';

function dmesgOf(m: { k: { dmesg: { format(): string } } }): string {
  return m.k.dmesg.format();
}

describe('status-quo bugs (v5.12 type1 holds no reference on a PFNMAP pfn)', () => {
  it('(a) hot-unplug device A, hot-plug B into A\'s old range: DMA through the old mapping writes into B\'s BAR', () => {
    const { m, gpuFd, bar0 } = qemu();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 16 * MiB, flags: 3 }));
    ok(m.munmap('qemu', bar0, 16 * MiB));
    ok(m.close('qemu', gpuFd));
    expect(ok(m.hotUnplug('gpu'))).toBe(1);
    ok(m.addPci('victim', [{ size: 16 * MiB, kind: 'mem32' }], 'none'));
    const rec = m.deviceDma('nic', IOVA + 0x80, true, 0xbad);
    if (isCrashed(rec)) throw new Error('oops');
    const log = dmesgOf(m);
    expect(rec.result, log).toBe('ok');
    expect(rec.stale, log).toBe(true);
    expect(rec.hit.kind === 'mmio' && rec.hit.device, log).toBe(m.device('victim').pdev!.name);
    expect(mmio_read(m.device('victim').pdev!, 0, 0x80)).toBe(0xbad);
    expect(log).toContain('BAR 0: assigned');
  });

  it('(b) close the RAM-backed mdev: its pages are freed and reused, DMA corrupts the new owner', () => {
    const m = mdevRamReusedUnderDma();
    const rec = m.deviceDma('nic', IOVA, true, 0xbad);
    if (isCrashed(rec)) throw new Error('oops');
    const log = dmesgOf(m);
    expect(rec.stale, log).toBe(true);
    expect(rec.hit.kind === 'ram' && rec.hit.owner, log).toMatch(/^anon:other/);
  });

  it('(c) a non-vfio PFNMAP vma is mapped without complaint', () => {
    const { m } = qemu();
    const fd = ok(m.openChardev('qemu', 2));
    const a = ok(m.mmap('qemu', { fd, offset: 0, length: 2 * 4096, shared: true, prot: 'rw' }));
    expect(m.mapDma('qemu', { vaddr: a, iova: IOVA, size: 2 * 4096, flags: 3 })).toBe(0);
    ok(m.munmap('qemu', a, 2 * 4096));
    ok(m.close('qemu', fd));
    m.spawn('other');
    const anon = ok(m.mmap('other', { offset: 0, length: 2 * 4096, shared: false, prot: 'rw' }));
    m.cpuAccess('other', anon, true, 1);
    m.cpuAccess('other', anon + 4096, true, 1);
    const rec = m.deviceDma('nic', IOVA, true, 0xbad);
    if (isCrashed(rec)) throw new Error('oops');
    expect(rec.stale, dmesgOf(m)).toBe(true);
  });

  it('memory decode off: DMA to the BAR is an Unsupported Request', () => {
    const { m, gpuFd, bar0 } = qemu();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 16 * MiB, flags: 3 }));
    ok(m.setDecode('qemu', gpuFd, false));
    const rec = m.deviceDma('nic', IOVA, false);
    if (isCrashed(rec)) throw new Error('oops');
    expect(rec).toMatchObject({ value: 0xffffffff, stale: false, unsupportedRequest: true });
    expect(m.device('gpu').pdev!.ur_count).toBeGreaterThan(0);
  });
});

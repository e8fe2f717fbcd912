// v5.12 vfio_pci_ioctl() VFIO_DEVICE_RESET (drivers/vfio/pci/vfio_pci.c):
// vfio_pci_zap_and_down_write_memory_lock(), pci_try_reset_function(), up_write(). The
// reset is a window: while the FLR is in progress decode is off, user mappings are
// zapped and memory_lock is held for write. A fault (vfio_pci_mmap_fault) or a read
// through the fd (vfio_pci_rdwr.c) takes memory_lock for read, so it waits for the
// reset to end and then succeeds. A peer DMA into the BAR meanwhile is an Unsupported
// Request. The FLR takes 100 ms (pcie_flr's msleep).
import { describe, expect, it } from 'vitest';
import { errno } from '../kernel/index.ts';
import { isCrashed } from '../machine/kernel.ts';
import { IOVA, MiB, ok, qemu } from '../machine/testing.ts';
import { PCIE_FLR_WAIT, PCI_COMMAND, PCI_COMMAND_MEMORY, pci_read_config_word } from '../pci/index.ts';
import { memory_lock_of } from './drivers/memory_lock.ts';

function mappedQemu() {
  const q = qemu();
  const touch = q.m.cpuAccess('qemu', q.bar0, true, 1); // fault BAR0 in, as QEMU does
  if (isCrashed(touch) || touch.signal) throw new Error('BAR0 did not fault in');
  ok(q.m.mapDma('qemu', { vaddr: q.bar0, iova: IOVA, size: 16 * MiB, flags: 3 }));
  return q;
}

describe('vfio_pci_ioctl_reset: the FLR is a window', () => {
  it('inside the window decode is off, the user pte is gone and memory_lock is held for write', () => {
    const { m, gpuFd, bar0 } = mappedQemu();
    const pdev = m.device('gpu').pdev!;
    const vdev = m.device('gpu').vdev!;
    let seen: { command: number; pte: boolean; writer: string | null } | null = null;
    m.k.resetWindow = () => {
      const mm = m.task('qemu').mm!;
      seen = { command: pci_read_config_word(pdev, PCI_COMMAND), pte: mm.pgd.lookup(Math.floor(bar0 / 4096)) !== undefined, writer: memory_lock_of(vdev).writer };
    };
    expect(ok(m.reset('qemu', gpuFd))).toBe(0);
    expect(seen).toEqual({ command: 0, pte: false, writer: 'vfio_pci_ioctl_reset' });
    expect(pci_read_config_word(pdev, PCI_COMMAND) & PCI_COMMAND_MEMORY).toBe(PCI_COMMAND_MEMORY);
    expect(memory_lock_of(vdev).writer).toBeNull();
    expect(m.k.resetWindow).toBeNull();
  });

  it('a peer DMA during the FLR reaches the BAR with decode off: an Unsupported Request, not stale', () => {
    const { m, gpuFd } = mappedQemu();
    let during: ReturnType<typeof m.deviceDma> | null = null;
    m.k.resetWindow = () => {
      during = m.deviceDma('nic', IOVA, true, 0xbad);
    };
    ok(m.reset('qemu', gpuFd));
    const rec = during as ReturnType<typeof m.deviceDma> | null;
    if (rec === null || isCrashed(rec)) throw new Error('no DMA record');
    expect(rec.stale).toBe(false);
    expect(rec.unsupportedRequest).toBe(true);
    expect(m.k.dmesg.format()).toContain('UnsupReq');
  });

  it('a CPU fault during the FLR waits for the reset to end, then succeeds with decode back on', () => {
    const { m, gpuFd, bar0 } = mappedQemu();
    const pdev = m.device('gpu').pdev!;
    let commandAfterFault = -1;
    let fault: ReturnType<typeof m.cpuAccess> | null = null;
    let start = 0;
    m.k.resetWindow = () => {
      start = m.k.tick();
      fault = m.cpuAccess('qemu', bar0, false);
      commandAfterFault = pci_read_config_word(pdev, PCI_COMMAND);
    };
    expect(ok(m.reset('qemu', gpuFd))).toBe(0);
    const a = fault as ReturnType<typeof m.cpuAccess> | null;
    if (a === null || isCrashed(a)) throw new Error('no access');
    expect(a.signal).toBeUndefined();
    expect(a.unsupportedRequest).toBeUndefined();
    expect(commandAfterFault & PCI_COMMAND_MEMORY).toBe(PCI_COMMAND_MEMORY);
    expect(m.k.tick() - start).toBeGreaterThanOrEqual(PCIE_FLR_WAIT - 1);
  });

  it('a read through the fd during the FLR waits too and returns the register, not -EIO', () => {
    const { m, gpuFd } = mappedQemu();
    let r: number | null = null;
    m.k.resetWindow = () => {
      r = ok(m.fdRead('qemu', gpuFd, 0, 0));
    };
    ok(m.reset('qemu', gpuFd));
    expect(r).toBe(0); // the FLR zeroed the register; decode is on again
  });

  it('a PCI_COMMAND write during the FLR waits for the restore, so it modifies the restored register', () => {
    const { m, gpuFd } = mappedQemu();
    const pdev = m.device('gpu').pdev!;
    const before = pci_read_config_word(pdev, PCI_COMMAND);
    let ret: number | null = null;
    m.k.resetWindow = () => {
      ret = ok(m.setDecode('qemu', gpuFd, true));
    };
    ok(m.reset('qemu', gpuFd));
    expect(ret).toBe(0);
    expect(pci_read_config_word(pdev, PCI_COMMAND)).toBe(before); // MASTER kept: the write did not see the FLR's 0
  });

  it('a MAP_DMA during the FLR through type1\'s fault path waits for the reset and maps the BAR', () => {
    const { m, gpuFd, bar0 } = mappedQemu();
    let ret: number | null = null;
    m.k.resetWindow = () => {
      ret = ok(m.mapDma('qemu', { vaddr: bar0, iova: 2 * IOVA, size: 16 * MiB, flags: 3 }));
    };
    ok(m.reset('qemu', gpuFd));
    expect(ret).toBe(0);
    const rec = m.deviceDma('nic', 2 * IOVA, true, 5);
    if (isCrashed(rec)) throw new Error('oops');
    expect(rec.stale).toBe(false);
    expect(rec.unsupportedRequest).toBeUndefined();
  });

  it('a device without a reset method gets -EINVAL before anything is zapped', () => {
    const { m, gpuFd, bar0 } = mappedQemu();
    // a function without FLR (pci_probe_reset_function fails): vfio's reset_works is false
    (m.device('gpu').pdev as { reset_fn: boolean }).reset_fn = false;
    expect(ok(m.reset('qemu', gpuFd))).toBe(-errno.EINVAL);
    const a = m.cpuAccess('qemu', bar0, false);
    if (isCrashed(a)) throw new Error('oops');
    expect(a.signal).toBeUndefined();
  });
});

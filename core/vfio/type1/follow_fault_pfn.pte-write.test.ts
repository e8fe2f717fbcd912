// follow_fault_pfn() (v5.12 drivers/vfio/vfio_iommu_type1.c) refuses a write mapping of
// a pte that is not writable: -EFAULT, whether the pte was already there or the fault-in
// of a read-only vma fails first.
import { describe, expect, it } from 'vitest';
import { isCrashed } from '../../machine/kernel.ts';
import type { Machine } from '../../machine/machine.ts';
import { IOVA, MiB, ok, qemu } from '../../machine/testing.ts';
import { V5_12_DESIGN } from '../default_design.ts';
import { VFIO_PCI_INDEX_TO_OFFSET } from '../drivers/vfio_pci.ts';
import { errno } from '../../kernel/index.ts';

/** A CPU access that must succeed (it faults the BAR's ptes in). */
function touch(m: Machine, addr: number, write: boolean): void {
  const c = m.cpuAccess('qemu', addr, write, 1);
  if (isCrashed(c) || c.signal) throw new Error(`cpu access at ${addr} failed`);
}

function readOnlyBar(): ReturnType<typeof qemu> & { ro: number } {
  const q = qemu(V5_12_DESIGN);
  const ro = ok(q.m.mmap('qemu', { fd: q.gpuFd, offset: VFIO_PCI_INDEX_TO_OFFSET(1), length: MiB, shared: true, prot: 'r' }));
  return { ...q, ro };
}

describe('follow_fault_pfn: write permission on the pte', () => {
  it('a present read-only pte is refused for a WRITE mapping with EFAULT', () => {
    const { m, ro } = readOnlyBar();
    touch(m, ro, false);
    expect(m.mapDma('qemu', { vaddr: ro, iova: IOVA, size: MiB, flags: 3 })).toBe(-errno.EFAULT);
  });

  it('an unfaulted read-only vma fails the FAULT_FLAG_WRITE fault-in with EFAULT', () => {
    const { m, ro } = readOnlyBar();
    expect(m.mapDma('qemu', { vaddr: ro, iova: IOVA, size: MiB, flags: 3 })).toBe(-errno.EFAULT);
  });

  it('a READ-only mapping of the same range is accepted', () => {
    const { m, ro } = readOnlyBar();
    expect(m.mapDma('qemu', { vaddr: ro, iova: IOVA, size: MiB, flags: 1 })).toBe(0);
  });

  it('ptes made read-only by mprotect after the fault are refused too', () => {
    const { m, bar0 } = qemu(V5_12_DESIGN);
    touch(m, bar0, true);
    ok(m.mprotect('qemu', bar0, 16 * MiB, 'r'));
    expect(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 16 * MiB, flags: 3 })).toBe(-errno.EFAULT);
  });
});

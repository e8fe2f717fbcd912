import { describe, expect, it } from 'vitest';
import { isCrashed } from '../../machine/kernel.ts';
import { IOVA, MiB, ok, qemu } from '../../machine/testing.ts';
import { PCI_COMMAND, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, pci_read_config_word } from '../../pci/index.ts';
import { V5_12_DESIGN } from '../default_design.ts';

const D0 = { ...V5_12_DESIGN, name: 'v5.12+d0', params: { 'vfio_pci.disable_idle_d3': true } } as const;

/** qemu maps BAR0 for DMA, unmaps its vma and closes the GPU fd; the NIC then writes through the IOVA. */
function dmaAfterClose(design?: typeof D0) {
  const { m, bar0, gpuFd } = qemu(design, 1 * MiB);
  expect(ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: 1 * MiB, flags: 3 }))).toBe(0);
  ok(m.munmap('qemu', bar0, 1 * MiB));
  ok(m.close('qemu', gpuFd));
  const rec = m.deviceDma('nic', IOVA, true, 0xbad);
  if (isCrashed(rec)) throw new Error('oops');
  return { command: pci_read_config_word(m.device('gpu').pdev!, PCI_COMMAND), rec };
}

describe('vfio_pci_disable() after the last close (v5.12 vfio_pci.c)', () => {
  it('by default puts the device in D3hot: decode off, the stale DMA is an Unsupported Request', () => {
    const { command, rec } = dmaAfterClose();
    expect(command & PCI_COMMAND_MEMORY).toBe(0);
    expect(rec).toMatchObject({ result: 'ok', stale: false, unsupportedRequest: true });
  });

  it('with vfio_pci.disable_idle_d3 leaves it in D0 with decode restored and mastering off: the DMA lands in the released device', () => {
    const { command, rec } = dmaAfterClose(D0);
    expect(command & PCI_COMMAND_MEMORY).toBe(PCI_COMMAND_MEMORY);
    expect(command & PCI_COMMAND_MASTER).toBe(0);
    expect(rec).toMatchObject({ result: 'ok', stale: true, staleReason: 'device-released' });
    expect(rec.unsupportedRequest).toBeUndefined();
  });
});

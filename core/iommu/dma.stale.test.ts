import { describe, expect, it } from 'vitest';
import {
  PCI_COMMAND, PFN_PHYS, PHYS_PFN, pci_resource_start, pci_stop_and_remove_bus_device, pci_write_config_word,
} from '../pci/index.ts';
import { device_dma } from './dma.ts';
import { iommu_attach_group } from './group.ts';
import { iommu_map } from './map.ts';
import { testIommuMachine } from './testing.ts';
import { IOMMU_READ, IOMMU_WRITE } from './types.ts';

const RW = IOMMU_READ | IOMMU_WRITE;
const BAR = { size: 0x100000, kind: 'mem64' as const };
const IOVA = 0x4000_0000;

/** A DMA-capable device attached to a fresh domain, and a target device with one BAR. */
function setup() {
  const m = testIommuMachine();
  const target = m.bus.hotplug({ bars: [BAR] });
  const dma = m.bus.hotplug({ bars: [] });
  const dom = m.iommu.iommu_domain_alloc();
  expect(iommu_attach_group(dom, m.iommu.iommu_group_get(dma)!)).toBe(0);
  return { ...m, target, dma, dom };
}

describe('device_dma', () => {
  it('reaches a live BAR through its mapping: ok, not stale', () => {
    const { k, iommu, target, dma, dom } = setup();
    expect(iommu_map(k, dom, IOVA, pci_resource_start(target, 0), BAR.size, RW)).toBe(0);
    const w = device_dma(k, iommu, dma, IOVA + 0x2010, true, 0xabcd);
    expect(w).toMatchObject({ result: 'ok', stale: false, device: '0000:02:00.0', hit: { kind: 'mmio', device: '0000:01:00.0' } });
    expect(w.intended).toEqual({ desc: 'mmio 0000:01:00.0 BAR0', mapTick: 0 });
    expect(target.mmio[0]!.get(0x2010)).toBe(0xabcd);
    expect(device_dma(k, iommu, dma, IOVA + 0x2010, false).value).toBe(0xabcd);
    expect(iommu.dmaLog.all().map((r) => r.seq)).toEqual([0, 1]);
  });

  it('faults on an unmapped iova and logs a DMAR line', () => {
    const { k, iommu, dma } = setup();
    const r = device_dma(k, iommu, dma, 0x1234_5678, true, 1);
    expect(r).toMatchObject({ result: 'iommu-fault', stale: false, hit: { kind: 'none' } });
    expect(r.pfn).toBeUndefined();
    expect(k.dmesg.format()).toContain(
      'DMAR: [DMA Write NO_PASID] Request device [02:00.0] fault addr 0x12345000 [fault reason 0x05] PTE Write access is not set');
  });

  it('faults on a write through a read-only mapping, and for a group with no domain', () => {
    const { k, iommu, bus, ram, dom, dma } = setup();
    ram.alloc(3, 'anon:qemu/100', 0);
    iommu_map(k, dom, 0, PFN_PHYS(3), 0x1000, IOMMU_READ);
    expect(device_dma(k, iommu, dma, 0, false).result).toBe('ok');
    expect(device_dma(k, iommu, dma, 0, true, 5).result).toBe('iommu-fault');
    expect(ram.phys_read(3, 0)).toBe(0);
    const lone = bus.hotplug({ bars: [] });
    expect(device_dma(k, iommu, lone, 0, false)).toMatchObject({ result: 'iommu-fault', value: 0xffffffff });
    expect(k.dmesg.format()).toContain('[fault reason 0x02] Present bit in context entry is clear');
  });

  it('is stale when the BAR range was re-allocated to another device', () => {
    const { k, iommu, bus, target, dma, dom } = setup();
    iommu_map(k, dom, IOVA, pci_resource_start(target, 0), BAR.size, RW);
    k.advance();
    pci_stop_and_remove_bus_device(target);
    const y = bus.hotplug({ bars: [BAR] });
    expect(pci_resource_start(y, 0)).toBe(pci_resource_start(target, 0));
    const r = device_dma(k, iommu, dma, IOVA + 8, true, 0x666);
    expect(r).toMatchObject({ result: 'ok', stale: true, staleReason: 'bar-reallocated', hit: { kind: 'mmio', device: y.name } });
    expect(y.mmio[0]!.get(8)).toBe(0x666);
  });

  it('is stale when the BAR is gone and nothing decodes the range', () => {
    const { k, iommu, target, dma, dom } = setup();
    iommu_map(k, dom, IOVA, pci_resource_start(target, 0), BAR.size, RW);
    pci_stop_and_remove_bus_device(target);
    expect(device_dma(k, iommu, dma, IOVA, false)).toMatchObject({ stale: true, staleReason: 'no-owner', value: 0xffffffff });
  });

  it('is stale when the RAM page was freed, then when it was re-allocated', () => {
    const { k, iommu, ram, dma, dom } = setup();
    ram.alloc(7, 'anon:qemu/100', 0);
    iommu_map(k, dom, 0x10000, PFN_PHYS(7), 0x1000, RW);
    expect(device_dma(k, iommu, dma, 0x10000, true, 1).stale).toBe(false);
    k.advance();
    ram.free(7);
    expect(device_dma(k, iommu, dma, 0x10000, true, 2)).toMatchObject({ stale: true, staleReason: 'ram-freed' });
    k.advance();
    ram.alloc(7, 'slab:kmalloc-4k', k.tick());
    const r = device_dma(k, iommu, dma, 0x10000, true, 3);
    expect(r).toMatchObject({ stale: true, staleReason: 'ram-reallocated', hit: { kind: 'ram', owner: 'slab:kmalloc-4k' } });
    expect(ram.phys_read(7, 0)).toBe(3);
  });

  it('marks DMA to the mapped BAR with memory decode off as an Unsupported Request, not stale: all ones', () => {
    const { k, iommu, target, dma, dom } = setup();
    iommu_map(k, dom, IOVA, pci_resource_start(target, 0), BAR.size, RW);
    pci_write_config_word(target, PCI_COMMAND, 0);
    const r = device_dma(k, iommu, dma, IOVA + 4, false);
    expect(r).toMatchObject({ result: 'ok', stale: false, unsupportedRequest: true, value: 0xffffffff, hit: { decode: false } });
    expect(r.staleReason).toBeUndefined();
    expect(target.ur_count).toBe(1);
  });

  it('a removed device cannot DMA (harness bug)', () => {
    const { k, iommu, dma } = setup();
    pci_stop_and_remove_bus_device(dma);
    expect(() => device_dma(k, iommu, dma, 0, false)).toThrow(/removed/);
  });

  it('judges the page the DMA hit, inside a multi-page mapping', () => {
    const { k, iommu, target, dma, dom } = setup();
    iommu_map(k, dom, IOVA, pci_resource_start(target, 0), BAR.size, RW);
    const r = device_dma(k, iommu, dma, IOVA + 0x5_0000, false);
    expect(r.pfn).toBe(PHYS_PFN(pci_resource_start(target, 0)) + 0x50);
    expect(r.stale).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { EEXIST, EINVAL, ENODEV, ENOMEM } from '../kernel/errno.ts';
import { PFN_PHYS, pci_resource_start } from '../pci/index.ts';
import { iommu_iova_to_phys, iommu_map, iommu_unmap } from './map.ts';
import { testIommuMachine } from './testing.ts';
import { IOMMU_READ, IOMMU_WRITE } from './types.ts';

const GiB = 2 ** 30;
const RW = IOMMU_READ | IOMMU_WRITE;

describe('iommu_map', () => {
  it('maps a 1 GiB range as one extent and counts one extent touched', () => {
    const { k, iommu, bus } = testIommuMachine();
    const d = bus.hotplug({ bars: [{ size: GiB, kind: 'mem64', prefetch: true }] });
    const dom = iommu.iommu_domain_alloc();
    const before = k.cost.extentsTouched;
    expect(iommu_map(k, dom, 0x1_0000_0000, pci_resource_start(d, 0), GiB, RW)).toBe(0);
    expect(dom.map.size).toBe(1);
    expect(k.cost.iommuMaps).toBe(1);
    expect(k.cost.extentsTouched - before).toBe(1);
    expect(iommu_iova_to_phys(dom, 0x1_0000_0000 + GiB - 8)).toBe(pci_resource_start(d, 0) + GiB - 8);
    expect(dom.map.all()[0]!.value).toMatchObject({ prot: RW, mapTick: 0, intended: 'mmio 0000:01:00.0 BAR0' });
    expect(iommu.validate()).toEqual([]);
  });

  it('records the RAM owner as the ghost intended owner', () => {
    const { k, iommu, ram } = testIommuMachine();
    ram.alloc(10, 'anon:qemu/100', 0);
    const dom = iommu.iommu_domain_alloc();
    expect(iommu_map(k, dom, 0, PFN_PHYS(10), 4096, IOMMU_READ)).toBe(0);
    expect(dom.map.all()[0]!.value.intended).toBe('ram anon:qemu/100');
  });

  it('refuses overlap with -EEXIST and a WARN, leaving the old mapping', () => {
    const { k, iommu } = testIommuMachine();
    const dom = iommu.iommu_domain_alloc();
    expect(iommu_map(k, dom, 0x10000, PFN_PHYS(1), 0x4000, RW)).toBe(0);
    expect(iommu_map(k, dom, 0xe000, PFN_PHYS(100), 0x4000, RW)).toBe(-EEXIST);
    expect(k.dmesg.format()).toContain('ERROR: DMA PTE for vPFN 0x10 already set');
    expect(k.taints.has('W')).toBe(true);
    expect(iommu_iova_to_phys(dom, 0xe000)).toBe(0);
    expect(iommu_iova_to_phys(dom, 0x10000)).toBe(PFN_PHYS(1));
    expect(dom.map.size).toBe(1);
  });

  it('refuses size 0, misalignment and empty prot with -EINVAL', () => {
    const { k, iommu } = testIommuMachine();
    const dom = iommu.iommu_domain_alloc();
    expect(iommu_map(k, dom, 0, 0, 0, RW)).toBe(-EINVAL);
    expect(iommu_map(k, dom, 0x800, 0, 0x1000, RW)).toBe(-EINVAL);
    expect(iommu_map(k, dom, 0, 0x800, 0x1000, RW)).toBe(-EINVAL);
    expect(iommu_map(k, dom, 0, 0, 0x1800, RW)).toBe(-EINVAL);
    expect(iommu_map(k, dom, 0, 0, 0x1000, 0)).toBe(-EINVAL);
    expect(k.dmesg.format()).toContain('iommu: unaligned: iova 0x800 pa 0x0 size 0x1000 min_pagesz 0x1000');
    expect(dom.map.size).toBe(0);
  });

  it('fails at fail-nth site iommu_map with -ENOMEM and maps nothing', () => {
    const { k, iommu } = testIommuMachine();
    const dom = iommu.iommu_domain_alloc();
    k.faults.failNth = 2;
    expect(iommu_map(k, dom, 0, 0, 0x1000, RW)).toBe(0);
    expect(iommu_map(k, dom, 0x1000, 0x1000, 0x1000, RW)).toBe(-ENOMEM);
    expect(k.faults.log().map((p) => [p.site, p.failed])).toEqual([['iommu_map', false], ['iommu_map', true]]);
    expect(dom.map.size).toBe(1);
    expect(k.dmesg.format()).toContain('FAULT_INJECTION: forcing a failure.');
  });

  it('refuses a freed domain with -ENODEV', () => {
    const { k, iommu } = testIommuMachine();
    const dom = iommu.iommu_domain_alloc();
    iommu.iommu_domain_free(dom);
    expect(iommu_map(k, dom, 0, 0, 0x1000, RW)).toBe(-ENODEV);
  });
});

describe('iommu_unmap', () => {
  it('returns the bytes unmapped and cuts an extent at the edges', () => {
    const { k, iommu } = testIommuMachine();
    const dom = iommu.iommu_domain_alloc();
    iommu_map(k, dom, 0x100000, PFN_PHYS(0), 0x10000, RW);
    expect(iommu_unmap(k, dom, 0x104000, 0x4000)).toBe(0x4000);
    expect(dom.map.size).toBe(2);
    expect(iommu_iova_to_phys(dom, 0x108000)).toBe(PFN_PHYS(8));
    expect(iommu_iova_to_phys(dom, 0x105000)).toBe(0);
    expect(iommu_unmap(k, dom, 0, 0x200000)).toBe(0xc000);
    expect(iommu_unmap(k, dom, 0, 0x1000)).toBe(0);
    expect(iommu_unmap(k, dom, 0x800, 0x1000)).toBe(0);
    expect(k.cost.iommuUnmaps).toBe(4);
    expect(dom.map.size).toBe(0);
  });

  it('unmapping 1 GiB touches one extent', () => {
    const { k, iommu } = testIommuMachine();
    const dom = iommu.iommu_domain_alloc();
    iommu_map(k, dom, 0, 0x80_0000_0000, GiB, RW);
    const before = k.cost.extentsTouched;
    expect(iommu_unmap(k, dom, 0, GiB)).toBe(GiB);
    expect(k.cost.extentsTouched - before).toBe(1);
  });
});

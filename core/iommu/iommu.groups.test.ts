import { describe, expect, it } from 'vitest';
import { EBUSY, ENODEV } from '../kernel/errno.ts';
import { pci_stop_and_remove_bus_device } from '../pci/index.ts';
import { iommu_attach_group, iommu_detach_group, iommu_group_id } from './group.ts';
import { Iommu } from './iommu.ts';
import { testIommuMachine } from './testing.ts';
import { testMachine } from '../pci/testing.ts';

describe('iommu groups', () => {
  it('gives each hotplugged device its own group, numbered in order', () => {
    const { bus, iommu, k } = testIommuMachine();
    const a = bus.hotplug({ bars: [] });
    const b = bus.hotplug({ bars: [] });
    expect([iommu_group_id(iommu.iommu_group_get(a)!), iommu_group_id(iommu.iommu_group_get(b)!)]).toEqual([0, 1]);
    expect(k.dmesg.format()).toContain('pci 0000:02:00.0: Adding to iommu group 1');
  });

  it('probes devices that were already on the bus', () => {
    const m = testMachine();
    const a = m.bus.hotplug({ bars: [] });
    const iommu = new Iommu(m.k, m.phys);
    expect(iommu.iommu_group_get(a)?.devices).toEqual([a]);
  });

  it('attaches a group to one domain at a time', () => {
    const { bus, iommu } = testIommuMachine();
    const g = iommu.iommu_group_get(bus.hotplug({ bars: [] }))!;
    const d1 = iommu.iommu_domain_alloc();
    const d2 = iommu.iommu_domain_alloc();
    expect(iommu_attach_group(d1, g)).toBe(0);
    expect(iommu_attach_group(d2, g)).toBe(-EBUSY);
    iommu_detach_group(d2, g);
    expect(g.domain).toBe(d1);
    iommu_detach_group(d1, g);
    expect(g.domain).toBeNull();
    expect(iommu_attach_group(d2, g)).toBe(0);
    expect(iommu.validate()).toEqual([]);
    expect(() => iommu.iommu_domain_free(d2)).toThrow(/still has/);
    iommu_detach_group(d2, g);
    iommu.iommu_domain_free(d2);
    expect(iommu_attach_group(d2, g)).toBe(-ENODEV);
  });

  it('unplug takes the device out of its group; the group keeps its domain', () => {
    const { bus, iommu, k } = testIommuMachine();
    const dev = bus.hotplug({ bars: [] });
    const g = iommu.iommu_group_get(dev)!;
    const dom = iommu.iommu_domain_alloc();
    iommu_attach_group(dom, g);
    pci_stop_and_remove_bus_device(dev);
    expect(iommu.iommu_group_get(dev)).toBeNull();
    expect(g.devices).toEqual([]);
    expect(g.domain).toBe(dom);
    expect(k.dmesg.format()).toContain('pci 0000:01:00.0: Removing from iommu group 0');
    expect(iommu.validate()).toEqual([]);
  });
});

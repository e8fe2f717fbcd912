import { describe, expect, it } from 'vitest';
import { pci_write_config_word } from './config.ts';
import { pci_resource_start } from './pci_resource.ts';
import { PHYS_PFN, describe_owner } from './phys.ts';
import { PCI_COMMAND } from './regs.ts';
import { pci_stop_and_remove_bus_device } from './remove.ts';
import { testMachine } from './testing.ts';

const spec = { bars: [{ size: 0x4000, kind: 'mem32' as const }] };

describe('PhysBus', () => {
  it('tells RAM, a BAR and nothing apart', () => {
    const { bus, ram, phys, k } = testMachine();
    k.advance(3);
    const d = bus.hotplug(spec);
    ram.alloc(5, 'anon:qemu/100', 2);
    const pfn = PHYS_PFN(pci_resource_start(d, 0)) + 1;
    expect(phys.ownerOf(pfn)).toEqual({
      kind: 'mmio', pfn, device: '0000:01:00.0', instance: 1, bar: 0, decode: true, allocTick: 3, removed: false, releasedTick: -1, idle: false,
    });
    expect(phys.ownerOf(5)).toEqual({ kind: 'ram', pfn: 5, owner: 'anon:qemu/100', allocTick: 2, free: false });
    expect(phys.ownerOf(2 ** 30)).toEqual({ kind: 'none', pfn: 2 ** 30 });
    expect(describe_owner(phys.ownerOf(pfn))).toBe('mmio 0000:01:00.0 BAR0');
    expect(describe_owner(phys.ownerOf(5))).toBe('ram anon:qemu/100');
  });

  it('routes reads and writes to RAM and to the BAR at the right offset', () => {
    const { bus, ram, phys } = testMachine();
    const d = bus.hotplug(spec);
    const pfn = PHYS_PFN(pci_resource_start(d, 0));
    phys.write(pfn + 2, 0x10, 77);
    expect(d.mmio[0]!.get(0x2010)).toBe(77);
    expect(phys.read(pfn + 2, 0x10)).toBe(77);
    phys.write(7, 4, 5);
    expect(ram.phys_read(7, 4)).toBe(5);
    expect(phys.read(2 ** 30, 0)).toBe(0xffffffff);
  });

  it('decode off: the BAR answers all ones and counts a UR', () => {
    const { bus, phys } = testMachine();
    const d = bus.hotplug(spec);
    const pfn = PHYS_PFN(pci_resource_start(d, 0));
    pci_write_config_word(d, PCI_COMMAND, 0);
    expect(phys.ownerOf(pfn)).toMatchObject({ kind: 'mmio', decode: false });
    expect(phys.read(pfn, 0)).toBe(0xffffffff);
    expect(d.ur_count).toBe(1);
  });

  it('after unplug and replug the same pfn belongs to the new device', () => {
    const { bus, phys, k } = testMachine();
    const x = bus.hotplug(spec);
    const pfn = PHYS_PFN(pci_resource_start(x, 0));
    pci_stop_and_remove_bus_device(x);
    expect(phys.ownerOf(pfn).kind).toBe('none');
    k.advance(10);
    bus.hotplug(spec);
    expect(phys.ownerOf(pfn)).toMatchObject({ kind: 'mmio', device: '0000:02:00.0', instance: 2, allocTick: 10 });
  });
});

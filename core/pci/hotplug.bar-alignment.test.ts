import { describe, expect, it } from 'vitest';
import {
  IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_MEM_64, IORESOURCE_PREFETCH, IORESOURCE_UNSET,
} from '../mem/resource.ts';
import { PCI_MMIO_WINDOW } from './bus.ts';
import { pci_read_config_word } from './config.ts';
import { pci_resource_end, pci_resource_flags, pci_resource_len, pci_resource_start } from './pci_resource.ts';
import { PCI_COMMAND, PCI_COMMAND_MEMORY } from './regs.ts';
import { testMachine } from './testing.ts';

const GiB = 2 ** 30;
const W = PCI_MMIO_WINDOW.start;

describe('hotplug', () => {
  it('allocates every memory BAR naturally aligned to its size', () => {
    const { bus, resources } = testMachine();
    const a = bus.hotplug({ bars: [{ size: 0x4000, kind: 'mem32' }] });
    const b = bus.hotplug({ bars: [{ size: GiB, kind: 'mem64', prefetch: true }, null, { size: 0x10000, kind: 'mem32' }] });
    expect(pci_resource_start(a, 0)).toBe(W);
    expect(pci_resource_start(b, 0) % GiB).toBe(0);
    expect(pci_resource_start(b, 0)).toBe(W + GiB);
    expect(pci_resource_len(b, 0)).toBe(GiB);
    expect(pci_resource_end(b, 0)).toBe(W + 2 * GiB - 1);
    expect(pci_resource_start(b, 2) % 0x10000).toBe(0);
    expect(pci_resource_flags(b, 0)).toBe(pci_resource_flags(b, 0) | IORESOURCE_MEM | IORESOURCE_MEM_64 | IORESOURCE_PREFETCH);
    expect(pci_resource_len(b, 1)).toBe(0);
    expect(resources.validate()).toEqual([]);
  });

  it('keeps sub-page BARs on their own page', () => {
    const { bus } = testMachine();
    const a = bus.hotplug({ bars: [{ size: 256, kind: 'mem32' }, { size: 256, kind: 'mem32' }] });
    expect(pci_resource_start(a, 0) % 4096).toBe(0);
    expect(pci_resource_start(a, 1) - pci_resource_start(a, 0)).toBe(4096);
    expect(pci_resource_len(a, 0)).toBe(256);
  });

  it('numbers devices deterministically and starts with memory decode on', () => {
    const { bus, k } = testMachine();
    const a = bus.hotplug({ bars: [{ size: 0x1000, kind: 'mem32' }] });
    const b = bus.hotplug({ bars: [] });
    expect([a.name, b.name]).toEqual(['0000:01:00.0', '0000:02:00.0']);
    expect([a.instance, b.instance]).toEqual([1, 2]);
    expect(pci_read_config_word(a, PCI_COMMAND)).toBe(PCI_COMMAND_MEMORY);
    expect(k.dmesg.format()).toContain('pci 0000:01:00.0: BAR 0: assigned [mem 0x8000000000-0x8000000fff]');
  });

  it('gives an I/O BAR a port range outside the memory space', () => {
    const { bus, resources } = testMachine();
    const d = bus.hotplug({ bars: [{ size: 32, kind: 'io' }] });
    expect((pci_resource_flags(d, 0) & IORESOURCE_IO) !== 0).toBe(true);
    expect(pci_resource_start(d, 0)).toBeLessThan(0x10000);
    expect(resources.lookup(pci_resource_start(d, 0), resources.ioport_resource)).toBe(d.resource[0]);
  });

  it('leaves a BAR that does not fit unassigned, as Linux does', () => {
    const { bus, k } = testMachine();
    const d = bus.hotplug({ bars: [{ size: 512 * GiB, kind: 'mem64' }] });
    expect((pci_resource_flags(d, 0) & IORESOURCE_UNSET) !== 0).toBe(true);
    expect(d.resource[0]!.parent).toBeNull();
    expect(k.dmesg.format()).toContain('BAR 0: no space for [mem size 0x8000000000]');
  });

  it('refuses BAR layouts hardware cannot have', () => {
    const { bus } = testMachine();
    expect(() => bus.hotplug({ bars: [{ size: 0x3000, kind: 'mem32' }] })).toThrow(/power of two/);
    expect(() => bus.hotplug({ bars: [{ size: 0x1000, kind: 'mem64' }, { size: 0x1000, kind: 'mem32' }] })).toThrow(/upper half/);
    expect(() => bus.hotplug({ name: 'bogus', bars: [] })).toThrow(/BDF/);
    bus.hotplug({ name: '0000:05:00.0', bars: [] });
    expect(() => bus.hotplug({ name: '0000:05:00.0', bars: [] })).toThrow(/still on the bus/);
  });
});

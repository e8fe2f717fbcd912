// A small machine for the pci and iommu tests: kernel base, resource tree, PCI bus,
// fake RAM (1024 pages) and the physical bus over them.
import { KernelBase } from '../kernel/index.ts';
import { ResourceTree } from '../mem/resource.ts';
import { PciBus } from './bus.ts';
import { FakeRam } from './fake_ram.ts';
import { PhysBus } from './phys.ts';
import { type pci_dev, type pci_driver } from './types.ts';

export interface TestMachine {
  k: KernelBase;
  resources: ResourceTree;
  bus: PciBus;
  ram: FakeRam;
  phys: PhysBus;
}

export function testMachine(seed = 1): TestMachine {
  const k = new KernelBase(seed);
  const resources = new ResourceTree(k);
  const bus = new PciBus(k, resources);
  const ram = new FakeRam(1024);
  return { k, resources, bus, ram, phys: new PhysBus(ram, resources, bus) };
}

/** A driver whose remove() answers `mode`, recording the calls it gets. */
export function testDriver(mode: 'done' | 'deferred' = 'done', probeRet = 0): pci_driver & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: 'testdrv',
    calls,
    probe: (dev: pci_dev) => { calls.push(`probe ${dev.name}`); return probeRet; },
    remove: (dev: pci_dev) => { calls.push(`remove ${dev.name}`); return mode; },
    err_handler: {
      reset_prepare: (dev: pci_dev) => { calls.push(`reset_prepare ${dev.name}`); },
      reset_done: (dev: pci_dev) => { calls.push(`reset_done ${dev.name}`); },
    },
  };
}

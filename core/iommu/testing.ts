// A test machine with an IOMMU on top of core/pci's test machine.
import { testMachine, type TestMachine } from '../pci/testing.ts';
import { Iommu } from './iommu.ts';

export function testIommuMachine(seed = 1): TestMachine & { iommu: Iommu } {
  const m = testMachine(seed);
  return { ...m, iommu: new Iommu(m.k, m.phys) };
}

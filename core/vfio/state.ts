// Per-machine vfio state: the registered devices by kernel address (what a raw
// pointer to a vfio_device resolves to), vfio-pci's devices by pci_dev, and the
// type1 containers, one per task that opened a vfio device.
import type { Kptr } from '../kernel/index.ts';
import type { vm_operations_struct } from '../mm/index.ts';
import type { pci_dev } from '../pci/index.ts';
import type { vfio_iommu } from './type1/vfio_iommu.ts';
import type { vfio_device } from './vfio_device.ts';

export interface VfioState {
  readonly devices: Map<Kptr, vfio_device>;
  readonly byPdev: Map<pci_dev, vfio_device>;
  /** type1 container by the pid of the task that owns it. */
  readonly containers: Map<number, vfio_iommu>;
  nextDeviceId: number;
  nextContainerId: number;
  /** The bus drivers' vm_operations_struct, one instance per machine (compared by identity). */
  pciVmOps: vm_operations_struct | undefined;
  mdevVmOps: vm_operations_struct | undefined;
}

export function newVfioState(): VfioState {
  return {
    devices: new Map(), byPdev: new Map(), containers: new Map(),
    nextDeviceId: 0, nextContainerId: 0, pciVmOps: undefined, mdevVmOps: undefined,
  };
}

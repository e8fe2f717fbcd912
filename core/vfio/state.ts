// Per-machine vfio state: the registered devices by kernel address (what a raw
// pointer to a vfio_device resolves to), vfio-pci's devices by pci_dev, the vfio groups
// by device, and every container still referenced (by a file or a group).
import type { Kptr } from '../kernel/index.ts';
import type { vm_operations_struct } from '../mm/index.ts';
import type { pci_dev } from '../pci/index.ts';
import type { vfio_container, vfio_group } from './container.ts';
import type { vfio_device } from './vfio_device.ts';

export interface VfioState {
  readonly devices: Map<Kptr, vfio_device>;
  readonly byPdev: Map<pci_dev, vfio_device>;
  /** Every vfio_container with a reference left (vfio_fops_open adds, the last vfio_container_put removes). */
  readonly containers: Set<vfio_container>;
  /** The vfio_group of each device, made on first use. */
  readonly groups: Map<vfio_device, vfio_group>;
  /** What type1 release found still in a domain after removing every vfio_dma (read by the teardown audit). */
  readonly releaseLeftovers: string[];
  nextDeviceId: number;
  nextContainerId: number;
  nextGroupId: number;
  /** The bus drivers' vm_operations_struct, one instance per machine (compared by identity). */
  pciVmOps: vm_operations_struct | undefined;
  mdevVmOps: vm_operations_struct | undefined;
}

export function newVfioState(): VfioState {
  return {
    devices: new Map(), byPdev: new Map(), containers: new Set(), groups: new Map(), releaseLeftovers: [],
    nextDeviceId: 0, nextContainerId: 0, nextGroupId: 0, pciVmOps: undefined, mdevVmOps: undefined,
  };
}

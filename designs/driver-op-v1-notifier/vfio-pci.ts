// vfio-pci's side of driver-op-v1-notifier: driver-op's vma_to_pfn op (../driver-op/vfio-pci.ts)
// plus the call of the device's release notifier chain from vfio_pci_release(), before vfio_pci_disable() (PATCH v1 08/14).
import type { DriverSide, Obligation, vfio_device } from '../api.ts';

export const VFIO_PCI_NOTIFY: Obligation = {
  id: 'notify-release', driver: 'vfio-pci', kinds: ['omit'],
  what: 'call the device\'s release notifier chain when the last open reference goes (before disabling the device)',
};

export function vfioPciNotifySide(notify: (vdev: vfio_device) => void): DriverSide {
  return {
    invalidate(d, reason) {
      if (reason === 'close') d.ob.step('notify-release', () => notify(d.vdev));
    },
  };
}

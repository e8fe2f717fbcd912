// mdev-ram's side of driver-op-v1-notifier: driver-op's vma_to_pfn op (../driver-op/mdev-ram.ts)
// plus the call of the device's release notifier chain from the mdev's close_device, as vfio-pci's release does (our extension: the series patched only vfio-pci).
import type { DriverSide, Obligation, vfio_device } from '../api.ts';

export const MDEV_RAM_NOTIFY: Obligation = {
  id: 'notify-release', driver: 'mdev-ram', kinds: ['omit'],
  what: 'call the device\'s release notifier chain when the last open reference goes (before disabling the device)',
};

export function mdevRamNotifySide(notify: (vdev: vfio_device) => void): DriverSide {
  return {
    invalidate(d, reason) {
      if (reason === 'close') d.ob.step('notify-release', () => notify(d.vdev));
    },
  };
}

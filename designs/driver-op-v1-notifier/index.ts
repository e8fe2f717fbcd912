// driver-op-v1-notifier: the v1 series that followed the seed thread (Alex Williamson,
// "[PATCH v1 00/14] vfio: Device memory DMA mapping improvements", 8 March 2021; never
// merged). type1 finds the pfn as driver-op does (vfio_device_get_from_vma +
// ops->vma_to_pfn, holding a device reference) and also registers a release notifier
// with the device (PATCH v1 11/14 "vfio/type1: Register device notifier":
// vaddr_get_pfns -> vfio_device_register_notifier). When the device's last open
// reference goes, the bus driver calls the notifier (PATCH v1 08/14 "vfio/pci: Notify
// on device release": vfio_pci_release, before vfio_pci_disable), and type1's callback
// (vfio_device_nb_cb) removes the whole vfio_dma: the IOMMU mapping, the device
// reference, the entry a later UNMAP_DMA would have found.
import { vfio_device_from_file, type Design, type DesignPatch, type DmaRef, type Kernel, type vfio_device } from '../api.ts';
import { driverOp } from '../driver-op/index.ts';
import { MDEV_RAM_NOTIFY, mdevRamNotifySide } from './mdev-ram.ts';
import { VFIO_PCI_NOTIFY, vfioPciNotifySide } from './vfio-pci.ts';

type Notifiers = Map<vfio_device, Set<(why: string) => void>>;

/** vfio_device_register_notifier(): kzalloc of the pfnmap_obj, the chain's lock. */
function register(k: Kernel, chains: Notifiers, vdev: vfio_device, cb: (why: string) => void): void {
  k.cost.allocations += 1;
  k.cost.lockAcquisitions += 1;
  const set = chains.get(vdev) ?? new Set();
  set.add(cb);
  chains.set(vdev, set);
}

function unregister(k: Kernel, chains: Notifiers, vdev: vfio_device, cb: (why: string) => void): void {
  k.cost.lockAcquisitions += 1;
  chains.get(vdev)?.delete(cb);
}

/** vfio_device_notifier_call(VFIO_DEVICE_RELEASE): every notifier registered with the device. */
function notifyRelease(chains: Notifiers, vdev: vfio_device): void {
  for (const cb of [...(chains.get(vdev) ?? [])]) cb('vfio device release notifier (VFIO_DEVICE_RELEASE)');
}

export const driverOpV1Notifier: Design = {
  name: 'driver-op-v1-notifier',
  title: 'driver-op + type1 release notifier (v1 series)',
  origin: 'v1 series, never merged: Alex Williamson, "[PATCH v1 00/14] vfio: Device memory DMA mapping improvements" (2021-03-08), patches 08/14 and 11/14',
  summary: 'driver-op\'s lookup with a device reference, plus a notifier: when the device\'s last fd closes, type1 removes that device\'s vfio_dma mappings itself, so removal is not blocked but the user\'s IOVA disappears under it.',
  obligations: [...driverOp.obligations, VFIO_PCI_NOTIFY, MDEV_RAM_NOTIFY],
  install(k): DesignPatch {
    const base = driverOp.install(k);
    const chains: Notifiers = new Map();
    const notify = (vdev: vfio_device): void => notifyRelease(chains, vdev);
    return {
      vfio_mmap: base.vfio_mmap,
      pfnmap_lookup(a) {
        const r = base.pfnmap_lookup(a);
        if (!('pfn' in r) || !r.ref) return r;
        // The lookup succeeded, so vm_file is a vfio device fd: the notifier goes on that device.
        const vdev = vfio_device_from_file(k, a.vma.vm_file);
        if (!vdev) return r;
        const cb = a.remove_dma;
        register(k, chains, vdev, cb);
        const inner = r.ref;
        const ref: DmaRef = {
          label: `${inner.label} + release notifier`,
          drop() {
            unregister(k, chains, vdev, cb);
            inner.drop();
          },
        };
        return { ...r, ref };
      },
      release(_k, ref) {
        ref.drop();
      },
      sides: { 'vfio-pci': vfioPciNotifySide(notify), 'mdev-ram': mdevRamNotifySide(notify) },
    };
  },
};

// Driver binding and hot removal (drivers/base/dd.c, drivers/pci/remove.c). In Linux a
// driver's remove() may sleep until its users let go (vfio-pci waits for every device
// fd to close); the model splits that wait: remove() answers 'deferred' and the driver
// calls pci_remove_complete() later. Until then the device keeps its driver and, for a
// hot unplug, its BAR ranges.
import { ENODEV, EBUSY, EINVAL } from '../kernel/errno.ts';
import { type pci_dev, type pci_driver } from './types.ts';

/** really_probe() for a PCI device: 0, -ENODEV if it is not present, -EBUSY if bound, or probe()'s -errno. */
export function pci_bind(dev: pci_dev, drv: pci_driver): number {
  if (dev.state !== 'present') return -ENODEV;
  if (dev.driver !== null) return -EBUSY;
  dev.driver = drv;
  const ret = drv.probe(dev);
  if (ret < 0) {
    dev.driver = null;
    dev.bus.k.printk(`${drv.name}: probe of ${dev.name} failed with error ${ret}`);
    return ret;
  }
  dev.bus.notify('BUS_NOTIFY_BOUND_DRIVER', dev);
  return 0;
}

/** Ends a removal once the driver's remove() is over: unbinds, and for an unplug frees the device. */
function finish_remove(dev: pci_dev, what: 'unbind' | 'unplug'): void {
  if (dev.driver !== null) {
    dev.driver = null;
    dev.bus.notify('BUS_NOTIFY_UNBOUND_DRIVER', dev);
  }
  dev.remove_pending = null;
  if (what === 'unplug') dev.bus.destroy(dev);
}

/** Calls remove(); returns 'deferred' and records what is pending if the driver waits. */
function call_remove(dev: pci_dev, what: 'unbind' | 'unplug'): 'done' | 'deferred' {
  if (dev.remove_pending !== null) {
    // remove() is already running; an unplug on top of an unbind upgrades what follows.
    if (what === 'unplug') dev.remove_pending = 'unplug';
    return 'deferred';
  }
  const drv = dev.driver;
  if (drv !== null && drv.remove(dev) === 'deferred') {
    dev.remove_pending = what;
    return 'deferred';
  }
  finish_remove(dev, what);
  return 'done';
}

/** device_release_driver(): unbinds the driver; 'deferred' while its remove() waits for users. */
export function device_release_driver(dev: pci_dev): 'done' | 'deferred' {
  if (dev.state === 'removed') return 'done';
  return call_remove(dev, 'unbind');
}

/**
 * pci_stop_and_remove_bus_device(): hot unplug. Calls the driver's remove(); once it is
 * done the BAR ranges are released and the device is 'removed'. While remove() waits the
 * device is 'removing' and still decodes its BARs. Returns the state reached.
 */
export function pci_stop_and_remove_bus_device(dev: pci_dev): 'removing' | 'removed' {
  if (dev.state === 'removed') return 'removed';
  if (dev.state === 'present') dev.bus.k.printk(`pci ${dev.name}: removing`);
  dev.state = 'removing';
  return call_remove(dev, 'unplug') === 'done' ? 'removed' : 'removing';
}

/** Model hook, no Linux counterpart: the deferred remove() returns. 0, or -EINVAL if none was pending. */
export function pci_remove_complete(dev: pci_dev): number {
  const what = dev.remove_pending;
  if (what === null) return -EINVAL;
  finish_remove(dev, what);
  return 0;
}

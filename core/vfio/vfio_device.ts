// struct vfio_device and its lifetime (drivers/vfio/vfio_main.c): a registration
// refcount with a completion, so vfio_unregister_group_dev() cannot finish while any
// user holds the device. The wait is modelled as a deferred removal: the bus keeps the
// device (and its BARs) until the last reference is dropped.
import {
  NULL, defineSlabType, refcount_dec_and_test, refcount_inc_not_zero, refcount_t, type Kptr,
} from '../kernel/index.ts';
import type { Kernel } from '../machine/kernel.ts';
import type { address_space, vm_area_struct } from '../mm/index.ts';
import type { pci_dev } from '../pci/index.ts';

export interface vfio_device_ops {
  readonly name: string;
  open_device?(vdev: vfio_device): number;
  close_device?(vdev: vfio_device): void;
  mmap?(vdev: vfio_device, vma: vm_area_struct): number;
  /** Ask user space to release the device (vfio_pci_core_request). */
  request?(vdev: vfio_device, count: number): void;
}

/** The slab image of struct vfio_device: what a raw pointer to it reads. */
export type vfio_device_words = { refcount: number; ops: number; dev: number; open_count: number };
export const VFIO_DEVICE_T = defineSlabType<vfio_device_words>('vfio_device', ['refcount', 'ops', 'dev', 'open_count']);

export type VfioDeviceState = 'registered' | 'unregistering' | 'unregistered';

export interface vfio_device {
  readonly id: number;
  readonly name: string;
  /** Bus driver name: "vfio-pci" or "mdev-ram". */
  readonly driver: string;
  readonly ops: vfio_device_ops;
  readonly pdev: pci_dev | null;
  /** Registration refcount (vfio_device_put_registration), starts at 1. */
  readonly refcount: refcount_t;
  open_count: number;
  /** The device's address_space, shared by every fd (vfio-pci v6.10 shape). */
  mapping: address_space | null;
  /** Kernel address of the device struct: what vm_private_data / a vfio_dma keep. */
  readonly kaddr: Kptr;
  state: VfioDeviceState;
  /** Called once when the last reference is dropped during unregistration. */
  onReleased: (() => void) | null;
  /** Bus driver private data. */
  drvdata: unknown;
}

/** vfio_register_group_dev(): returns the device, or null when the allocation fails. */
export function vfio_alloc_device(k: Kernel, name: string, driver: string, ops: vfio_device_ops, pdev: pci_dev | null): vfio_device | null {
  const kaddr = k.slab.kmalloc(VFIO_DEVICE_T, { refcount: 1, ops: 0xffffffff81000000 % 2 ** 48, dev: pdev ? 1 : 0, open_count: 0 }, 'vfio_alloc_device');
  if (kaddr === NULL) return null;
  const vdev: vfio_device = {
    id: k.vfio.nextDeviceId++, name, driver, ops, pdev, refcount: new refcount_t(1), open_count: 0,
    mapping: null, kaddr, state: 'registered', onReleased: null, drvdata: null,
  };
  k.vfio.devices.set(kaddr, vdev);
  return vdev;
}

/** vfio_device_try_get_registration(): false once the device is being torn down. */
export function vfio_device_try_get_registration(k: Kernel, vdev: vfio_device, fn: string): boolean {
  k.slab.deref(vdev.kaddr, VFIO_DEVICE_T, fn);
  if (vdev.state === 'unregistered') return false;
  const ok = refcount_inc_not_zero(k, vdev.refcount);
  if (ok) k.slab.deref(vdev.kaddr, VFIO_DEVICE_T, fn).refcount = vdev.refcount.refs;
  return ok;
}

/** vfio_device_put_registration(): the last put completes a pending unregistration. */
export function vfio_device_put_registration(k: Kernel, vdev: vfio_device, fn: string): void {
  const words = k.slab.deref(vdev.kaddr, VFIO_DEVICE_T, fn);
  const last = refcount_dec_and_test(k, vdev.refcount);
  words.refcount = vdev.refcount.refs;
  if (last) {
    const done = vdev.onReleased;
    vdev.onReleased = null;
    if (done) done();
  }
}

/**
 * vfio_unregister_group_dev(): drop the registration reference and wait for users.
 * Returns 'done' when nobody else held the device, 'deferred' when the removal now
 * waits (logging the kernel's "in use" warning); `release` runs when it completes.
 */
export function vfio_unregister_group_dev(k: Kernel, vdev: vfio_device, release: () => void): 'done' | 'deferred' {
  vdev.state = 'unregistering';
  let completed = false;
  vdev.onReleased = () => {
    completed = true;
    vdev.state = 'unregistered';
    release();
  };
  vfio_device_put_registration(k, vdev, 'vfio_unregister_group_dev');
  if (completed) return 'done';
  vdev.ops.request?.(vdev, 0);
  const t = k.currentTask();
  k.dmesg.printk('warn', `${vdev.driver} ${vdev.name}: Device is currently in use, task "${t.comm}" (${t.pid}) blocked until device is released`);
  return 'deferred';
}

/** vfio_put_device(): free the device struct once unregistered. Later raw uses are UAF. */
export function vfio_free_device(k: Kernel, vdev: vfio_device): void {
  k.slab.kfree(vdev.kaddr, 'vfio_free_device');
}

/** The vfio_device a raw pointer names, after the dereference the kernel would do. */
export function vfio_device_from_kptr(k: Kernel, ptr: Kptr, fn: string): vfio_device | null {
  const words = k.slab.deref(ptr, VFIO_DEVICE_T, fn);
  const vdev = k.vfio.devices.get(ptr);
  if (vdev && k.slab.typeAt(ptr) === 'vfio_device') return vdev;
  // A type-confused pointer: the code would next call through words.ops.
  k.oopsAt(fn, words.ops);
}

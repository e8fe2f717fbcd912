// struct vfio_device and its lifetime (drivers/vfio/vfio_main.c): a registration
// refcount with a completion, so vfio_unregister_group_dev() cannot finish while any
// user holds the device. The wait is modelled as a deferred removal: the bus keeps the
// device (and its BARs) until the last reference is dropped, while a timer repeats the
// driver's request every 10 s of ticks, as the kernel's wait loop does.
import {
  HZ, NULL, defineSlabType, errno, refcount_dec_and_test, refcount_inc_not_zero, refcount_t,
  type Current, type Kptr, type timer_list,
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

/**
 * The state of a removal waiting in vfio_unregister_group_dev() (v5.12
 * vfio_del_group_dev()): the waiting task, the loop's request counter `i`, whether a
 * signal has switched the wait to uninterruptible, and the timer of the current 10 s
 * wait. Kept after completion as the record of what the wait cost.
 */
export interface vfio_removal_wait {
  readonly device: string;
  readonly task: Current;
  readonly startTick: number;
  /** ops->request calls so far (the next count passed is this number). */
  requests: number;
  /** Tick of the signal that made the wait uninterruptible; null while interruptible. */
  interruptedTick: number | null;
  /** Tick the last user let go; null while still waiting. */
  doneTick: number | null;
  timer: timer_list | null;
}

/** The interval of the request loop: wait_event_interruptible_timeout(..., HZ * 10). */
export const VFIO_REQUEST_INTERVAL = HZ * 10;

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
  /** The removal waiting for users (or the last one that did), null if none waited. */
  removal: vfio_removal_wait | null;
}

/** vfio_register_group_dev(): returns the device, or null when the allocation fails. */
export function vfio_alloc_device(k: Kernel, name: string, driver: string, ops: vfio_device_ops, pdev: pci_dev | null): vfio_device | null {
  const kaddr = k.slab.kmalloc(VFIO_DEVICE_T, { refcount: 1, ops: 0xffffffff81000000 % 2 ** 48, dev: pdev ? 1 : 0, open_count: 0 }, 'vfio_alloc_device');
  if (kaddr === NULL) return null;
  const vdev: vfio_device = {
    id: k.vfio.nextDeviceId++, name, driver, ops, pdev, refcount: new refcount_t(1), open_count: 0,
    mapping: null, kaddr, state: 'registered', onReleased: null, drvdata: null, removal: null,
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
 * vfio_unregister_group_dev() (v5.12 vfio_del_group_dev(), drivers/vfio/vfio.c): drop
 * the registration reference and wait for users. Returns 'done' when nobody else held
 * the device. Otherwise the removal waits ('deferred'): as the kernel's loop does, it
 * calls ops->request(count) at once and again after every 10 s that pass without the
 * device being released (a timer on the tick clock), and it prints "Device is
 * currently in use" only if a signal interrupts the wait (vfio_removal_signal). When
 * the last reference goes, the timer is cancelled and `release` runs.
 */
export function vfio_unregister_group_dev(k: Kernel, vdev: vfio_device, release: () => void): 'done' | 'deferred' {
  vdev.state = 'unregistering';
  let completed = false;
  vdev.onReleased = () => {
    completed = true;
    vdev.state = 'unregistered';
    const w = vdev.removal;
    if (w && w.doneTick === null) {
      w.doneTick = k.tick();
      if (w.timer) k.del_timer(w.timer);
      w.timer = null;
    }
    release();
  };
  vfio_device_put_registration(k, vdev, 'vfio_unregister_group_dev');
  if (completed) return 'done';
  const w: vfio_removal_wait = {
    device: vdev.name, task: { ...k.currentTask() }, startTick: k.tick(), requests: 0, interruptedTick: null, doneTick: null, timer: null,
  };
  vdev.removal = w;
  vfio_removal_request(k, vdev, w);
  return 'deferred';
}

/** One turn of the wait loop: ops->request(i++), then a 10 s wait (the timer). */
function vfio_removal_request(k: Kernel, vdev: vfio_device, w: vfio_removal_wait): void {
  vdev.ops.request?.(vdev, w.requests);
  w.requests += 1;
  w.timer = k.add_timer(VFIO_REQUEST_INTERVAL, () => {
    w.timer = null;
    if (w.doneTick === null) vfio_removal_request(k, vdev, w);
  });
}

/**
 * A signal to the task waiting in vfio_unregister_group_dev(). While the wait is
 * interruptible it ends with -ERESTARTSYS: the kernel warns once that the task is
 * blocked, switches to uninterruptible waits and loops, so the request goes out again
 * at once. An uninterruptible wait ignores the signal. Returns 0, or -ESRCH when no
 * removal of this device is waiting.
 */
export function vfio_removal_signal(k: Kernel, vdev: vfio_device): number {
  const w = vdev.removal;
  if (!w || w.doneTick !== null) return -errno.ESRCH;
  if (w.interruptedTick !== null) return 0;
  w.interruptedTick = k.tick();
  if (w.timer) k.del_timer(w.timer);
  k.dmesg.printk('warn', `${vdev.driver} ${vdev.name}: Device is currently in use, task "${w.task.comm}" (${w.task.pid}) blocked until device is released`);
  vfio_removal_request(k, vdev, w);
  return 0;
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

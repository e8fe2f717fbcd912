// Machine: the scenario-facing facade over one Kernel. Each method is one user-level
// action (a syscall, an ioctl, a device DMA, a hotplug event) run through
// Kernel.syscall, so an Oops comes back as a Crashed value. Names are symbols chosen
// by the caller (tasks by comm, devices by a logical name).
import { errno } from '../kernel/index.ts';
import { device_dma, type DmaRecord } from '../iommu/index.ts';
import type { Owner } from '../pci/index.ts';
import {
  MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, MREMAP_MAYMOVE, PAGE_SIZE, PROT_NONE, PROT_READ, PROT_WRITE,
  cpu_translate, do_exit, sys_close, sys_fork, sys_mmap, sys_mprotect, sys_mremap, sys_munmap, type task_struct,
} from '../mm/index.ts';
import { pci_bind, pci_stop_and_remove_bus_device, type BarSpec, type pci_dev } from '../pci/index.ts';
import { chardev_open } from '../vfio/drivers/chardev.ts';
import { mdev_ram_create, mdev_ram_remove } from '../vfio/drivers/mdev_ram.ts';
import {
  vfio_pci_bar_rw, vfio_pci_driver, vfio_pci_ioctl_reset, vfio_pci_set_memory_decode,
} from '../vfio/drivers/vfio_pci.ts';
import {
  vfio_pci_config_read, vfio_pci_config_write, vfio_pci_ioctl_get_info, vfio_pci_ioctl_get_region_info,
  type vfio_device_info, type vfio_region_info,
} from '../vfio/drivers/vfio_pci_ioctl.ts';
import { vfio_device_from_file } from '../vfio/device_fd.ts';
import { vfio_fops_open } from '../vfio/container.ts';
import { to_u64 } from '../vfio/type1/uapi.ts';
import { vfio_removal_signal, type vfio_device } from '../vfio/vfio_device.ts';
import { audit, type AuditFinding } from './audit.ts';
import { Kernel, type Crashed, type KernelOptions } from './kernel.ts';
import {
  get_device_fd, map_dma, open_device_fd, open_group, set_container, set_iommu, unmap_dma, unset_container,
} from './vfio_ioctls.ts';

export type Ret = number | Crashed;

/** A MAP_DMA request as a caller writes it: exact numbers or 64-bit bigints. */
export interface MapDmaRequest {
  readonly vaddr: number | bigint;
  readonly iova: number | bigint;
  readonly size: number | bigint;
  readonly flags: number;
}

export interface DeviceHandle {
  readonly name: string;
  readonly type: 'pci' | 'mdev';
  readonly pdev: pci_dev | null;
  vdev: vfio_device | null;
}

/** A CPU load/store through a user mapping, and what it reached. */
export interface CpuAccess {
  readonly ret: number;
  readonly signal?: 'SIGBUS' | 'SIGSEGV' | 'SIGKILL';
  readonly hit?: Owner;
  /** The access reached freed RAM, a removed device, or nothing. */
  readonly stale: boolean;
  readonly staleReason?: string;
  /** The access reached a BAR with memory decode off: an Unsupported Request (AER logs it). */
  readonly unsupportedRequest?: true;
}

export class Machine {
  readonly k: Kernel;
  readonly devices = new Map<string, DeviceHandle>();
  readonly tasks = new Map<string, task_struct>();
  readonly cpuLog: CpuAccess[] = [];

  constructor(opts: KernelOptions) {
    this.k = new Kernel(opts);
  }

  task(name: string): task_struct {
    const t = this.tasks.get(name);
    if (!t) throw new Error(`no task named ${name}`);
    return t;
  }

  device(name: string): DeviceHandle {
    const d = this.devices.get(name);
    if (!d) throw new Error(`no device named ${name}`);
    return d;
  }

  spawn(name: string): task_struct {
    const t = this.k.tasks.create(name);
    this.tasks.set(name, t);
    return t;
  }

  /** Hotplug a PCI device and bind it to vfio-pci (or leave it driverless). */
  addPci(name: string, bars: readonly (BarSpec | null)[], driver: 'vfio-pci' | 'none'): Ret {
    return this.k.syscall(null, () => {
      const pdev = this.k.pci.hotplug({ bars });
      const h: DeviceHandle = { name, type: 'pci', pdev, vdev: null };
      this.devices.set(name, h);
      if (driver === 'vfio-pci') {
        const ret = pci_bind(pdev, vfio_pci_driver(this.k));
        if (ret) return ret;
        h.vdev = this.k.vfio.byPdev.get(pdev) ?? null;
      }
      return 0;
    });
  }

  addMdev(name: string, pages: number): Ret {
    return this.k.syscall(null, () => {
      const vdev = mdev_ram_create(this.k, name, pages);
      if (!vdev) return -errno.ENOMEM;
      this.devices.set(name, { name, type: 'mdev', pdev: null, vdev });
      return 0;
    });
  }

  /** open("/dev/vfio/vfio"): a new container fd. */
  openContainer(taskName: string): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => vfio_fops_open(this.k, t));
  }

  /** open("/dev/vfio/N") of the device's group: -EBUSY while another file has it open. */
  openGroup(taskName: string, devName: string): Ret {
    const t = this.task(taskName);
    const d = this.device(devName);
    return this.k.syscall(t, () => open_group(this.k, t, d.vdev));
  }

  /** VFIO_GROUP_SET_CONTAINER. */
  setContainer(taskName: string, groupFd: number, containerFd: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => set_container(this.k, t, groupFd, containerFd));
  }

  /** VFIO_GROUP_UNSET_CONTAINER. */
  unsetContainer(taskName: string, groupFd: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => unset_container(this.k, t, groupFd));
  }

  /** VFIO_SET_IOMMU (type1v2). */
  setIommu(taskName: string, containerFd: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => set_iommu(this.k, t, containerFd));
  }

  /** VFIO_GROUP_GET_DEVICE_FD. */
  getDeviceFd(taskName: string, groupFd: number, devName: string): Ret {
    const t = this.task(taskName);
    const d = this.device(devName);
    return this.k.syscall(t, () => get_device_fd(this.k, t, groupFd, d.vdev));
  }

  /**
   * Shorthand: open the group (unless the task holds it), SET_CONTAINER into the task's
   * container (opened if it has none), SET_IOMMU if unset, GET_DEVICE_FD. Returns the device fd.
   */
  openDevice(taskName: string, devName: string): Ret {
    const t = this.task(taskName);
    const d = this.device(devName);
    return this.k.syscall(t, () => open_device_fd(this.k, t, d.vdev));
  }

  openChardev(taskName: string, pages: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => chardev_open(this.k, t, pages));
  }

  mmap(taskName: string, a: { fd?: number; offset: number; length: number; shared: boolean; prot: 'r' | 'rw' }): Ret {
    const t = this.task(taskName);
    const prot = PROT_READ | (a.prot === 'rw' ? PROT_WRITE : 0);
    const flags = (a.shared ? MAP_SHARED : MAP_PRIVATE) | (a.fd === undefined ? MAP_ANONYMOUS : 0);
    return this.k.syscall(t, () => sys_mmap(this.k, t, 0, a.length, prot, flags, a.fd ?? -1, a.offset));
  }

  munmap(taskName: string, addr: number, len: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => sys_munmap(this.k, t, addr, len));
  }

  mprotect(taskName: string, addr: number, len: number, prot: 'none' | 'r' | 'rw'): Ret {
    const t = this.task(taskName);
    const p = prot === 'none' ? PROT_NONE : PROT_READ | (prot === 'rw' ? PROT_WRITE : 0);
    return this.k.syscall(t, () => sys_mprotect(this.k, t, addr, len, p));
  }

  mremap(taskName: string, addr: number, oldLen: number, newLen: number, move: boolean): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => sys_mremap(this.k, t, addr, oldLen, newLen, move ? MREMAP_MAYMOVE : 0, 0));
  }

  fork(taskName: string, childName: string): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => {
      const pid = sys_fork(this.k, this.k.tasks, t);
      if (pid < 0) return pid;
      const child = this.k.tasks.get(pid);
      if (!child) throw new Error(`fork returned pid ${pid} with no task`);
      this.tasks.set(childName, child);
      return pid;
    });
  }

  /** do_exit(): the mm, then the fds (a container goes with its last reference, not with its opener). */
  exit(taskName: string): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => {
      do_exit(this.k, t);
      return 0;
    });
  }

  close(taskName: string, fd: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => sys_close(this.k, t, fd));
  }

  /** A CPU load (write=false) or store through the task's page tables. */
  cpuAccess(taskName: string, addr: number, write: boolean, value = 0): CpuAccess | Crashed {
    const t = this.task(taskName);
    return this.k.syscall(t, () => {
      const tr = cpu_translate(this.k, t, addr, write);
      if ('signal' in tr) {
        const a: CpuAccess = { ret: -errno.EFAULT, signal: tr.signal, stale: false };
        this.cpuLog.push(a);
        return a;
      }
      const off = addr % PAGE_SIZE;
      const hit = this.k.phys.ownerOf(tr.pfn);
      let ret = 0;
      if (write) this.k.phys.write(tr.pfn, off, value);
      else ret = this.k.phys.read(tr.pfn, off);
      const staleReason = hit.kind === 'ram' ? (hit.free ? 'freed RAM page' : undefined)
        : hit.kind === 'mmio' ? (hit.removed ? 'removed device' : undefined) : 'nothing at that pfn';
      const ur = hit.kind === 'mmio' && !hit.removed && !hit.decode;
      const a: CpuAccess = staleReason ? { ret, hit, stale: true, staleReason }
        : ur ? { ret, hit, stale: false, unsupportedRequest: true } : { ret, hit, stale: false };
      this.cpuLog.push(a);
      return a;
    });
  }

  /**
   * VFIO_IOMMU_MAP_DMA on containerFd (default: the task's lowest container fd). vaddr,
   * iova and size are __u64: numbers must be exact, bigints may use all 64 bits.
   */
  mapDma(taskName: string, m: MapDmaRequest, containerFd?: number): Ret {
    const t = this.task(taskName);
    const map = { flags: m.flags, vaddr: to_u64(m.vaddr, 'vaddr'), iova: to_u64(m.iova, 'iova'), size: to_u64(m.size, 'size') };
    return this.k.syscall(t, () => map_dma(this.k, t, map, containerFd));
  }

  /**
   * VFIO_IOMMU_UNMAP_DMA on containerFd (default: the task's lowest container fd): bytes
   * unmapped. flags: VFIO_DMA_UNMAP_FLAG_ALL.
   */
  unmapDma(taskName: string, iova: number | bigint, size: number | bigint, containerFd?: number, flags = 0): Ret {
    const t = this.task(taskName);
    const unmap = { flags, iova: to_u64(iova, 'iova'), size: to_u64(size, 'size') };
    return this.k.syscall(t, () => unmap_dma(this.k, t, unmap, containerFd));
  }

  /** The device DMA-reads or writes an IOVA through its group's domain. */
  deviceDma(devName: string, iova: number, write: boolean, value = 0): DmaRecord | Crashed {
    const d = this.device(devName);
    return this.k.syscall(null, () => {
      if (!d.pdev) throw new Error(`${devName} is not a PCI device and issues no DMA`);
      return device_dma(this.k, this.k.iommu, d.pdev, iova, write, value);
    });
  }

  private vdevOfFd(t: task_struct, fd: number): vfio_device | undefined {
    return vfio_device_from_file(this.k, t.files.get(fd) ?? null);
  }

  /** A write of PCI_COMMAND through the device fd's config region. */
  setDecode(taskName: string, fd: number, on: boolean): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => {
      const vdev = this.vdevOfFd(t, fd);
      if (!vdev?.pdev) return -errno.EBADF;
      return vfio_pci_set_memory_decode(this.k, vdev, on);
    });
  }

  /** VFIO_DEVICE_RESET. */
  reset(taskName: string, fd: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => {
      const vdev = this.vdevOfFd(t, fd);
      if (!vdev?.pdev) return -errno.EBADF;
      return vfio_pci_ioctl_reset(this.k, vdev);
    });
  }

  /** VFIO_DEVICE_GET_INFO on a vfio-pci device fd. */
  deviceInfo(taskName: string, fd: number): vfio_device_info | Ret {
    return this.onPciFd(taskName, fd, (vdev) => vfio_pci_ioctl_get_info(this.k, vdev));
  }

  /** VFIO_DEVICE_GET_REGION_INFO on a vfio-pci device fd. */
  regionInfo(taskName: string, fd: number, index: number): vfio_region_info | Ret {
    return this.onPciFd(taskName, fd, (vdev) => vfio_pci_ioctl_get_region_info(this.k, vdev, index));
  }

  /** A 16-bit pread() of the config region (value, or -errno). */
  configRead(taskName: string, fd: number, where: number): Ret {
    return this.onPciFd(taskName, fd, (vdev) => vfio_pci_config_read(this.k, vdev, where));
  }

  /** A 16-bit pwrite() of the config region. */
  configWrite(taskName: string, fd: number, where: number, value: number): Ret {
    return this.onPciFd(taskName, fd, (vdev) => vfio_pci_config_write(this.k, vdev, where, value));
  }

  private onPciFd<T>(taskName: string, fd: number, body: (vdev: vfio_device) => T | number): T | Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => {
      const vdev = this.vdevOfFd(t, fd);
      return vdev?.pdev ? body(vdev) : -errno.EBADF;
    });
  }

  /** pread() of a BAR through the device fd. */
  fdRead(taskName: string, fd: number, bar: number, off: number): Ret {
    const t = this.task(taskName);
    return this.k.syscall(t, () => {
      const vdev = this.vdevOfFd(t, fd);
      if (!vdev?.pdev) return -errno.EBADF;
      return vfio_pci_bar_rw(this.k, vdev, bar, off, false);
    });
  }

  /**
   * Surprise-free hot unplug: 1 when the removal completed, 0 when it now waits for
   * users. `byTask` names the task that asked (a write to the device's sysfs `remove`);
   * without it the request comes from a kernel context.
   */
  hotUnplug(devName: string, byTask?: string): Ret {
    const d = this.device(devName);
    return this.k.syscall(byTask === undefined ? null : this.task(byTask), () => {
      if (d.pdev) return pci_stop_and_remove_bus_device(d.pdev) === 'removed' ? 1 : 0;
      if (d.vdev) return mdev_ram_remove(this.k, d.vdev) === 'done' ? 1 : 0;
      return -errno.ENODEV;
    });
  }

  /** A signal to the task waiting in the device's removal: 0, or -ESRCH if no removal waits. */
  signalRemoval(devName: string): Ret {
    const d = this.device(devName);
    return this.k.syscall(null, () => (d.vdev ? vfio_removal_signal(this.k, d.vdev) : -errno.ESRCH));
  }

  /** Time passes with nothing else happening (timers fire on the way); returns 0. */
  sleep(us: number): Ret {
    this.k.advance(us);
    return 0;
  }

  /** Everything torn down, then what was left behind. */
  teardown(): AuditFinding[] {
    for (const [name, t] of this.tasks) if (t.state === 'running') this.exit(name);
    return audit(this);
  }
}

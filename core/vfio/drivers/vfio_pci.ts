// vfio-pci as a bus driver (drivers/vfio/pci/vfio_pci_core.c), in the shape the
// DOMAIN notes give: vm_pgoff keeps the region encoding (index << 40 | offset), the
// fault handler inserts the BAR's pfns, and every user mapping of the device is zapped
// with unmap_mapping_range() when memory decode goes off or the device is reset.
// Design-specific code runs through this driver's DriverSide at the marked points.
import { errno } from '../../kernel/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import {
  PAGE_SHIFT, PAGE_SIZE, VM_DONTDUMP, VM_DONTEXPAND, VM_FAULT_NOPAGE, VM_FAULT_SIGBUS, VM_IO, VM_PFNMAP, VM_SHARED,
  remap_pfn_range, unmap_mapping_range, type vm_area_struct, type vm_fault, type vm_operations_struct,
} from '../../mm/index.ts';
import {
  IORESOURCE_MEM, PCI_COMMAND, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, mmio_read, mmio_write, pci_read_config_word,
  pci_remove_complete, pci_reset_function, pci_resource_flags, pci_resource_len, pci_resource_start, pci_write_config_word,
  type pci_dev, type pci_driver,
} from '../../pci/index.ts';
import { vfio_alloc_device, vfio_free_device, vfio_unregister_group_dev, type vfio_device } from '../vfio_device.ts';
import { vfio_device_from_file } from '../device_fd.ts';
import { down_read, down_write, memory_lock_of, up_write } from './memory_lock.ts';
import { driverSide } from './side.ts';
import { vfio_pci_disable } from './vfio_pci_disable.ts';

export const VFIO_PCI_DRIVER = 'vfio-pci';
export const VFIO_PCI_OFFSET_SHIFT = 40;
export const VFIO_PCI_ROM_REGION_INDEX = 6;
export const VFIO_PCI_CONFIG_REGION_INDEX = 7;
/** Pages per region in the mmap offset encoding: 1 << (40 - PAGE_SHIFT). */
export const VFIO_PCI_REGION_PAGES = 2 ** (VFIO_PCI_OFFSET_SHIFT - PAGE_SHIFT);

/** VFIO_PCI_INDEX_TO_OFFSET(): the mmap offset (bytes) of a region. */
export function VFIO_PCI_INDEX_TO_OFFSET(index: number): number {
  return index * 2 ** VFIO_PCI_OFFSET_SHIFT;
}

/** Region index and page offset within it encoded in a vm_pgoff. */
export function vfio_pci_decode_pgoff(vm_pgoff: number): { index: number; pgoff: number } {
  return { index: Math.floor(vm_pgoff / VFIO_PCI_REGION_PAGES), pgoff: vm_pgoff % VFIO_PCI_REGION_PAGES };
}

/** The pci_dev of a vfio-pci device (a harness bug if there is none). */
export function pdev_of(vdev: vfio_device): pci_dev {
  if (!vdev.pdev) throw new Error(`vfio-pci device ${vdev.name} has no pci_dev`);
  return vdev.pdev;
}

/** __vfio_pci_memory_enabled(). */
export function vfio_pci_memory_enabled(vdev: vfio_device): boolean {
  const pdev = pdev_of(vdev);
  return pdev.state !== 'removed' && (pci_read_config_word(pdev, PCI_COMMAND) & PCI_COMMAND_MEMORY) !== 0;
}

/** The vfio_device behind a vma made from a vfio device fd (vma->vm_file->private_data). */
function vdev_of_vma(k: Kernel, vma: vm_area_struct): vfio_device {
  const vdev = vfio_device_from_file(k, vma.vm_file);
  if (!vdev) throw new Error(`vma ${vma.id} is not a vfio-pci vma`);
  return vdev;
}

/**
 * vfio_pci_bar_vma_to_pfn(): pci_resource_start(bar) >> PAGE_SHIFT plus the page
 * offset of `addr`. Returns -EINVAL if the vma's region is not a BAR or the page lies
 * past the BAR's end.
 */
export function vfio_pci_bar_pfn(vdev: vfio_device, vma: vm_area_struct, addr: number): number {
  const pdev = pdev_of(vdev);
  const { index, pgoff } = vfio_pci_decode_pgoff(vma.vm_pgoff);
  if (index >= VFIO_PCI_ROM_REGION_INDEX) return -errno.EINVAL;
  if (!(pci_resource_flags(pdev, index) & IORESOURCE_MEM)) return -errno.EINVAL;
  const page = pgoff + Math.floor((addr - vma.vm_start) / PAGE_SIZE);
  if (page >= Math.ceil(pci_resource_len(pdev, index) / PAGE_SIZE)) return -errno.EINVAL;
  return Math.floor(pci_resource_start(pdev, index) / PAGE_SIZE) + page;
}

function vfio_pci_mmap_ops(k: Kernel): vm_operations_struct {
  return {
    name: 'vfio_pci_mmap_ops',
    open(vma) {
      const vdev = vdev_of_vma(k, vma);
      const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
      s.side.vma_open?.(s.ctx, vma);
    },
    close(vma) {
      const vdev = vdev_of_vma(k, vma);
      const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
      s.side.vma_close?.(s.ctx, vma);
    },
    fault(vmf: vm_fault) {
      return vfio_pci_mmap_fault(k, vmf);
    },
  };
}

/**
 * vfio_pci_mmap_fault() (v5.12 drivers/vfio/pci/vfio_pci.c): takes memory_lock for
 * read, so a fault during a reset waits for the reset to end (and then succeeds, decode
 * being restored); SIGBUS while memory decode is off. Otherwise maps the whole vma in
 * one go, as the v5.12 handler did with io_remap_pfn_range, so a 1 GiB BAR is one
 * page-table extent.
 */
function vfio_pci_mmap_fault(k: Kernel, vmf: vm_fault): number {
  const vma = vmf.vma;
  const vdev = vdev_of_vma(k, vma);
  const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
  s.side.fault?.(s.ctx, vmf);
  const pfn = vfio_pci_bar_pfn(vdev, vma, vma.vm_start);
  if (pfn < 0) return VM_FAULT_SIGBUS;
  down_read(k, memory_lock_of(vdev), 'vfio_pci_mmap_fault');
  if (!vfio_pci_memory_enabled(vdev)) return VM_FAULT_SIGBUS;
  if (remap_pfn_range(k, vma, vma.vm_start, pfn, vma.vm_end - vma.vm_start, vma.vm_page_prot)) return VM_FAULT_SIGBUS;
  return VM_FAULT_NOPAGE;
}

/** vfio_pci_core_mmap(): the kernel's validation, then the design's mmap step. */
function vfio_pci_mmap(k: Kernel, vdev: vfio_device, vma: vm_area_struct): number {
  const pdev = pdev_of(vdev);
  const { index, pgoff } = vfio_pci_decode_pgoff(vma.vm_pgoff);
  if (vma.vm_end < vma.vm_start) return -errno.EINVAL;
  if ((vma.vm_flags & VM_SHARED) === 0) return -errno.EINVAL;
  if (index >= VFIO_PCI_ROM_REGION_INDEX) return -errno.EINVAL;
  if (!(pci_resource_flags(pdev, index) & IORESOURCE_MEM)) return -errno.EINVAL;
  const phys_len = Math.ceil(pci_resource_len(pdev, index) / PAGE_SIZE) * PAGE_SIZE;
  const req_len = vma.vm_end - vma.vm_start;
  if (req_len + pgoff * PAGE_SIZE > phys_len) return -errno.EINVAL;
  vma.vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
  vma.vm_ops = k.vfio.pciVmOps ??= vfio_pci_mmap_ops(k);
  const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
  return s.side.mmap?.(s.ctx, vma) ?? 0;
}

/** vfio_pci_zap_bars(): unmap_mapping_range over every BAR region of the device file. */
export function vfio_pci_zap_bars(k: Kernel, vdev: vfio_device): void {
  if (!vdev.mapping) return;
  const start = VFIO_PCI_INDEX_TO_OFFSET(0);
  unmap_mapping_range(k, vdev.mapping, start, VFIO_PCI_INDEX_TO_OFFSET(VFIO_PCI_ROM_REGION_INDEX) - start, true);
}

/**
 * vfio_pci_zap_and_down_write_memory_lock() (v5.12 vfio_pci.c): zap every user mapping
 * of the device, then take memory_lock for write (waiting for a writer that holds it).
 */
function vfio_pci_zap_and_down_write_memory_lock(k: Kernel, vdev: vfio_device, fn: string): void {
  vfio_pci_zap_bars(k, vdev);
  down_write(k, memory_lock_of(vdev), fn);
}

/** The PCI_COMMAND write under memory_lock: a decode 1 -> 0 edge tells the design, then the register is written. */
function write_command_locked(k: Kernel, vdev: vfio_device, value: number): number {
  const pdev = pdev_of(vdev);
  const was = pci_read_config_word(pdev, PCI_COMMAND);
  if ((was & PCI_COMMAND_MEMORY) && !(value & PCI_COMMAND_MEMORY)) {
    const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
    s.side.invalidate?.(s.ctx, 'decode-off');
  }
  pci_write_config_word(pdev, PCI_COMMAND, value);
  // v6.19 vfio_basic_config_write: with memory enabled after the write, un-revoke the
  // dma-bufs (vfio_pci_dma_buf_move(vdev, false)) before the lock is released; a no-op
  // for exports not revoked.
  if (vfio_pci_memory_enabled(vdev)) {
    const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
    s.side.restore?.(s.ctx, 'decode-on');
  }
  up_write(memory_lock_of(vdev));
  return 0;
}

/** vfio_basic_config_write()'s lock choice: clearing MEMORY zaps and takes it for write, setting it only takes it. */
function lock_for_command(k: Kernel, vdev: vfio_device, memoryOn: boolean): void {
  if (memoryOn) down_write(k, memory_lock_of(vdev), 'vfio_basic_config_write');
  else vfio_pci_zap_and_down_write_memory_lock(k, vdev, 'vfio_basic_config_write');
}

/**
 * A user write of PCI_COMMAND through the config region (v5.12 vfio_basic_config_write,
 * vfio_pci_config.c): a value with MEMORY clear zaps every user mapping and takes
 * memory_lock for write (vfio_pci_zap_and_down_write_memory_lock), one with MEMORY set
 * only takes it; so a write during a reset waits for the reset to end. Clearing decode
 * tells the design; then the register is written.
 */
export function vfio_pci_write_command(k: Kernel, vdev: vfio_device, value: number): number {
  lock_for_command(k, vdev, (value & PCI_COMMAND_MEMORY) !== 0);
  return write_command_locked(k, vdev, value);
}

/** A user's read-modify-write of PCI_COMMAND that sets or clears MEMORY; the register is read under the lock. */
export function vfio_pci_set_memory_decode(k: Kernel, vdev: vfio_device, on: boolean): number {
  lock_for_command(k, vdev, on);
  const cmd = pci_read_config_word(pdev_of(vdev), PCI_COMMAND);
  return write_command_locked(k, vdev, on ? cmd | PCI_COMMAND_MEMORY : cmd & ~PCI_COMMAND_MEMORY);
}

/**
 * VFIO_DEVICE_RESET (v5.12 vfio_pci_ioctl): -EINVAL for a device without a reset method
 * (`reset_works`); otherwise vfio_pci_zap_and_down_write_memory_lock(), tell the design,
 * pci_try_reset_function(), up_write(). The reset is a window, not an instant: while the
 * FLR is in progress (decode off, user mappings zapped, memory_lock held for write)
 * Kernel.resetWindow runs other tasks' steps. One of them that must wait for memory_lock
 * (a fault, a read through the fd, a config write, another reset) makes the reset finish
 * first, as sleeping until up_write would.
 */
export function vfio_pci_ioctl_reset(k: Kernel, vdev: vfio_device): number {
  const pdev = pdev_of(vdev);
  if (!pdev.reset_fn) return -errno.EINVAL;
  const sem = memory_lock_of(vdev);
  vfio_pci_zap_and_down_write_memory_lock(k, vdev, 'vfio_pci_ioctl_reset');
  const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
  s.side.invalidate?.(s.ctx, 'reset');
  let result: number | null = null;
  // What follows pci_try_reset_function() in the ioctl, up to and including up_write.
  const after_reset = (ret: number): number => {
    if (result === null) {
      result = ret;
      // v6.19 vfio_pci_ioctl_reset: un-revoke the dma-bufs after the reset, still under
      // memory_lock, when memory decode is enabled.
      if (vfio_pci_memory_enabled(vdev)) s.side.restore?.(s.ctx, 'reset');
      up_write(sem);
    }
    return result;
  };
  const ret = pci_reset_function(pdev, (finish) => {
    sem.finish_writer = () => {
      after_reset(finish());
    };
    const window = k.resetWindow;
    k.resetWindow = null;
    window?.();
  });
  return after_reset(ret);
}

/**
 * vfio_pci_bar_rw() (v5.12 vfio_pci_rdwr.c, through vfio_pci_ioread/iowrite with
 * test_mem): memory_lock for read, so it waits out a reset; -EIO while decode is off.
 */
export function vfio_pci_bar_rw(k: Kernel, vdev: vfio_device, bar: number, off: number, write: boolean, value = 0): number {
  const pdev = pdev_of(vdev);
  if (!(pci_resource_flags(pdev, bar) & IORESOURCE_MEM) || off < 0 || off >= pci_resource_len(pdev, bar)) return -errno.EINVAL;
  down_read(k, memory_lock_of(vdev), 'vfio_pci_bar_rw');
  if (!vfio_pci_memory_enabled(vdev)) return -errno.EIO;
  if (write) {
    mmio_write(pdev, bar, off, value);
    return 0;
  }
  return mmio_read(pdev, bar, off);
}

/** The vfio-pci pci_driver: probe registers a vfio_device, remove unregisters it. */
export function vfio_pci_driver(k: Kernel): pci_driver {
  return {
    name: VFIO_PCI_DRIVER,
    probe(pdev) {
      const vdev = vfio_alloc_device(k, pdev.name, VFIO_PCI_DRIVER, {
        name: 'vfio_pci_ops',
        open_device() {
          pdev.claimedTick = k.tick(); // ghost: a user holds the device from now on
          // v5.12 vfio_pci_enable(): pci_clear_master() then pci_enable_device(): memory
          // decode on, bus mastering off (vfio_pci_device_test's config_space_read_write
          // asserts MASTER clear after open).
          pci_write_config_word(pdev, PCI_COMMAND, (pci_read_config_word(pdev, PCI_COMMAND) | PCI_COMMAND_MEMORY) & ~PCI_COMMAND_MASTER);
          return 0;
        },
        close_device(v) {
          // vfio_pci_release() -> vfio_pci_disable() (vfio_pci_disable.ts): reset, then D3hot
          // unless vfio_pci.disable_idle_d3 leaves the device in D0 with decode restored.
          const s = driverSide(k, VFIO_PCI_DRIVER, v);
          s.side.invalidate?.(s.ctx, 'close');
          vfio_pci_disable(k, pdev);
        },
        mmap(v, vma) {
          return vfio_pci_mmap(k, v, vma);
        },
        request(_v, count) {
          // vfio_pci_request() (v5.12): with no request eventfd registered (the model has
          // none) only the first request says anything.
          if (count === 0) k.dmesg.printk('warn', `vfio-pci ${pdev.name}: No device request channel registered, blocked until released by user`);
        },
      }, pdev);
      if (!vdev) return -errno.ENOMEM;
      k.vfio.byPdev.set(pdev, vdev);
      return 0;
    },
    remove(pdev) {
      const vdev = k.vfio.byPdev.get(pdev);
      if (!vdev) return 'done';
      const s = driverSide(k, VFIO_PCI_DRIVER, vdev);
      s.side.invalidate?.(s.ctx, 'remove');
      let deferred = false;
      const r = vfio_unregister_group_dev(k, vdev, () => {
        vfio_free_device(k, vdev);
        k.vfio.byPdev.delete(pdev);
        if (deferred) pci_remove_complete(pdev);
      });
      deferred = r === 'deferred';
      return r;
    },
  };
}

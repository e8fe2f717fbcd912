// A RAM-backed mdev-style sample driver, in the style of samples/vfio-mdev: opening
// the device allocates a physically contiguous block of kernel pages, marks them
// reserved (as drivers that remap kernel RAM to user space do) and maps them VM_PFNMAP;
// the block is freed when its last reference goes. The device fd and each vma hold a
// reference on the block (vm_ops->open takes one for every new vma after split/fork).
import {
  NULL, defineSlabType, errno, refcount_dec_and_test, refcount_inc, refcount_t, type Kptr,
} from '../../kernel/index.ts';
import type { Kernel } from '../../machine/kernel.ts';
import {
  PAGE_SIZE, VM_DONTDUMP, VM_DONTEXPAND, VM_FAULT_NOPAGE, VM_FAULT_SIGBUS, VM_IO, VM_PFNMAP, VM_SHARED,
  remap_pfn_range, type vm_area_struct, type vm_operations_struct,
} from '../../mm/index.ts';
import { vfio_alloc_device, vfio_free_device, vfio_unregister_group_dev, type vfio_device } from '../vfio_device.ts';
import { vfio_device_from_file } from '../device_fd.ts';
import { driverSide } from './side.ts';

export const MDEV_RAM_DRIVER = 'mdev-ram';

type block_words = { refs: number; pfn: number; npages: number };
const MDEV_BLOCK_T = defineSlabType<block_words>('mdev_ram_block', ['refs', 'pfn', 'npages']);

export interface mdev_ram_state {
  readonly npages: number;
  /** The current block, or NULL before the first open. */
  block: Kptr;
  readonly refs: Map<Kptr, refcount_t>;
}

function state(vdev: vfio_device): mdev_ram_state {
  return vdev.drvdata as mdev_ram_state;
}

/** The pfn of the block's first page, through the pointer the driver keeps. */
export function mdev_ram_block_pfn(k: Kernel, vdev: vfio_device, fn: string): { pfn: number; npages: number } {
  const w = k.slab.deref(state(vdev).block, MDEV_BLOCK_T, fn);
  return { pfn: w.pfn, npages: w.npages };
}

function block_get(k: Kernel, st: mdev_ram_state, fn: string): void {
  const w = k.slab.deref(st.block, MDEV_BLOCK_T, fn);
  const r = st.refs.get(st.block)!;
  refcount_inc(k, r);
  w.refs = r.refs;
}

/** Drops a block reference; the last one un-reserves and frees the pages, then the block. */
function block_put(k: Kernel, st: mdev_ram_state, blk: Kptr, fn: string): void {
  const w = k.slab.deref(blk, MDEV_BLOCK_T, fn);
  const r = st.refs.get(blk)!;
  const last = refcount_dec_and_test(k, r);
  w.refs = r.refs;
  if (!last) return;
  for (let i = 0; i < w.npages; i++) {
    const p = k.mem.pfn_to_page(w.pfn + i);
    if (!p) continue;
    k.mem.ClearPageReserved(p);
    k.mem.put_page(p);
  }
  k.slab.kfree(blk, fn);
}

function vdev_of_vma(k: Kernel, vma: vm_area_struct): vfio_device {
  const vdev = vfio_device_from_file(k, vma.vm_file);
  if (!vdev) throw new Error(`vma ${vma.id} is not a mdev-ram vma`);
  return vdev;
}

/** The block a vma was created against (kept per vma, as a driver's vma list would). */
const vmaBlock = new WeakMap<vm_area_struct, Kptr>();

function mdev_ram_vm_ops(k: Kernel): vm_operations_struct {
  return {
    name: 'mdev_ram_vm_ops',
    open(vma) {
      const vdev = vdev_of_vma(k, vma);
      const st = state(vdev);
      const s = driverSide(k, MDEV_RAM_DRIVER, vdev);
      const blk = vmaBlock.get(vma) ?? st.block;
      vmaBlock.set(vma, blk);
      s.ctx.ob.step('take-ref-on-open', () => {
        const w = k.slab.deref(blk, MDEV_BLOCK_T, 'mdev_ram_vma_open');
        const r = st.refs.get(blk)!;
        refcount_inc(k, r);
        w.refs = r.refs;
      });
      s.side.vma_open?.(s.ctx, vma);
    },
    close(vma) {
      const vdev = vdev_of_vma(k, vma);
      const s = driverSide(k, MDEV_RAM_DRIVER, vdev);
      s.side.vma_close?.(s.ctx, vma);
      const blk = vmaBlock.get(vma);
      if (blk !== undefined) block_put(k, state(vdev), blk, 'mdev_ram_vma_close');
    },
    fault(vmf) {
      const vma = vmf.vma;
      const vdev = vdev_of_vma(k, vma);
      const s = driverSide(k, MDEV_RAM_DRIVER, vdev);
      s.side.fault?.(s.ctx, vmf);
      const blk = vmaBlock.get(vma) ?? NULL;
      const w = k.slab.deref(blk, MDEV_BLOCK_T, 'mdev_ram_fault');
      if (vma.vm_pgoff + (vma.vm_end - vma.vm_start) / PAGE_SIZE > w.npages) return VM_FAULT_SIGBUS;
      if (remap_pfn_range(k, vma, vma.vm_start, w.pfn + vma.vm_pgoff, vma.vm_end - vma.vm_start, vma.vm_page_prot)) return VM_FAULT_SIGBUS;
      return VM_FAULT_NOPAGE;
    },
  };
}

/** Creates an mdev-ram device of `npages` pages (mdev_device_create + vfio_register_group_dev). */
export function mdev_ram_create(k: Kernel, name: string, npages: number): vfio_device | null {
  const vdev = vfio_alloc_device(k, name, MDEV_RAM_DRIVER, {
    name: 'mdev_ram_ops',
    open_device(v) {
      const st = state(v);
      const first = k.mem.alloc_contig(st.npages, `mdev:${name}`, 'mdev_ram_open');
      if (first < 0) return -errno.ENOMEM;
      for (let i = 0; i < st.npages; i++) k.mem.SetPageReserved(k.mem.pfn_to_page(first + i)!);
      const blk = k.slab.kmalloc(MDEV_BLOCK_T, { refs: 1, pfn: first, npages: st.npages }, 'mdev_ram_open');
      if (blk === NULL) {
        for (let i = 0; i < st.npages; i++) {
          const p = k.mem.pfn_to_page(first + i)!;
          k.mem.ClearPageReserved(p);
          k.mem.put_page(p);
        }
        return -errno.ENOMEM;
      }
      st.refs.set(blk, new refcount_t(1));
      st.block = blk;
      return 0;
    },
    close_device(v) {
      const s = driverSide(k, MDEV_RAM_DRIVER, v);
      s.side.invalidate?.(s.ctx, 'close');
      block_put(k, state(v), state(v).block, 'mdev_ram_close');
    },
    mmap(v, vma) {
      if ((vma.vm_flags & VM_SHARED) === 0) return -errno.EINVAL;
      if (vma.vm_pgoff + (vma.vm_end - vma.vm_start) / PAGE_SIZE > state(v).npages) return -errno.EINVAL;
      vma.vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
      vma.vm_ops = k.vfio.mdevVmOps ??= mdev_ram_vm_ops(k);
      const st = state(v);
      vmaBlock.set(vma, st.block);
      block_get(k, st, 'mdev_ram_mmap');
      const s = driverSide(k, MDEV_RAM_DRIVER, v);
      return s.side.mmap?.(s.ctx, vma) ?? 0;
    },
    request(v, count) {
      // v5.12 vfio_mdev_request() (drivers/vfio/mdev/vfio_mdev.c): the sample parent has
      // no request callback, so only the first request says anything.
      if (count === 0) k.dmesg.printk('notice', `${v.name}: No mdev vendor driver request callback support, blocked until released by user`);
    },
  }, null);
  if (!vdev) return null;
  vdev.drvdata = { npages, block: NULL, refs: new Map() } satisfies mdev_ram_state;
  return vdev;
}

/** mdev remove: unregister; returns 'deferred' while users hold the device. */
export function mdev_ram_remove(k: Kernel, vdev: vfio_device): 'done' | 'deferred' {
  const s = driverSide(k, MDEV_RAM_DRIVER, vdev);
  s.side.invalidate?.(s.ctx, 'remove');
  return vfio_unregister_group_dev(k, vdev, () => vfio_free_device(k, vdev));
}

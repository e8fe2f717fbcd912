// Test fixtures for core/mm (not exported from index.ts): a small kernel, and a fake
// character device whose mmap makes VM_PFNMAP vmas and counts vm_ops open/close per vma,
// the way a driver that keeps per-vma state (vfio-pci 5.12's vma_list) relies on them.
import { KernelBase } from '../kernel/index.ts';
import { EINVAL } from '../kernel/errno.ts';
import { PhysMem } from '../mem/index.ts';
import { alloc_file } from './file.ts';
import { PAGE_SIZE, VM_DONTCOPY, VM_DONTDUMP, VM_DONTEXPAND, VM_FAULT_SIGBUS, VM_IO, VM_PFNMAP, VM_SHARED } from './flags.ts';
import { remap_pfn_range, vmf_insert_pfn } from './pfnmap.ts';
import type { MmKernel, file, vm_area_struct, vm_operations_struct } from './types.ts';
import { vma_pages } from './vma.ts';

export const RAM_START_PFN = 0x100000;

/** A kernel with nrPages of RAM from pfn 0x100000 (4 GiB). */
export function newMmKernel(seed = 1, nrPages = 4096): MmKernel {
  const base = new KernelBase(seed);
  return Object.assign(base, { mem: new PhysMem(base, RAM_START_PFN, nrPages) });
}

export interface FakeChardevOptions {
  /** First pfn of the device memory (default 0xe0000, MMIO below RAM). */
  basePfn?: number;
  /** Device size in pages. */
  nrPages?: number;
  /** remap_pfn_range the whole vma in ->mmap instead of faulting pages in. */
  eager?: boolean;
  /** Set VM_DONTCOPY in ->mmap. */
  dontcopy?: boolean;
}

export interface FakeChardev {
  readonly file: file;
  readonly vm_ops: vm_operations_struct;
  /** vma id -> references the driver holds for it (1 from ->mmap or ->open, 0 after ->close). */
  readonly refs: Map<number, number>;
  readonly counts: { mmap: number; open: number; close: number; fault: number; mremap: number };
  /** When true, faults return VM_FAULT_SIGBUS (like a BAR with memory decode off). */
  sigbus: boolean;
  /** Error ->may_split returns (0 allows). */
  maySplitErr: number;
  /** Error ->mremap returns (0 allows). */
  mremapErr: number;
  readonly basePfn: number;
}

/** A fake device file: MAP_SHARED only, offset + length within the device, VM_PFNMAP. */
export function fake_chardev(k: MmKernel, name = 'fakedev', opts: FakeChardevOptions = {}): FakeChardev {
  const basePfn = opts.basePfn ?? 0xe0000;
  const nrPages = opts.nrPages ?? 1024;
  const refs = new Map<number, number>();
  const counts = { mmap: 0, open: 0, close: 0, fault: 0, mremap: 0 };
  const bump = (vma: vm_area_struct, d: number): void => {
    const n = (refs.get(vma.id) ?? 0) + d;
    if (n < 0) throw new Error(`${name}: close of vma ${vma.id} that was never opened`);
    if (n === 0) refs.delete(vma.id);
    else refs.set(vma.id, n);
  };
  const f = alloc_file(k, name, {
    mmap: (_f, vma) => {
      if (!(vma.vm_flags & VM_SHARED)) return -EINVAL;
      if (vma.vm_pgoff + vma_pages(vma) > nrPages) return -EINVAL;
      vma.vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP | (opts.dontcopy ? VM_DONTCOPY : 0);
      vma.vm_ops = dev.vm_ops;
      if (opts.eager) {
        const err = remap_pfn_range(k, vma, vma.vm_start, basePfn + vma.vm_pgoff, vma.vm_end - vma.vm_start, vma.vm_page_prot);
        if (err) return err;
      }
      counts.mmap += 1;
      bump(vma, 1);
      return 0;
    },
  }, null);
  const dev: FakeChardev = {
    file: f,
    vm_ops: {
      name: `${name}_vm_ops`,
      open: (vma) => {
        counts.open += 1;
        bump(vma, 1);
      },
      close: (vma) => {
        counts.close += 1;
        bump(vma, -1);
      },
      fault: (vmf) => {
        counts.fault += 1;
        if (dev.sigbus) return VM_FAULT_SIGBUS;
        return vmf_insert_pfn(k, vmf.vma, vmf.address, basePfn + vmf.pgoff);
      },
      may_split: () => dev.maySplitErr,
      mremap: () => {
        counts.mremap += 1;
        return dev.mremapErr;
      },
    },
    refs, counts, sigbus: false, maySplitErr: 0, mremapErr: 0, basePfn,
  };
  return dev;
}

/** A plain file whose ->mmap accepts anything and installs no vm_ops (dummy_vm_ops: faults SIGBUS). */
export function plain_file(k: MmKernel, name = 'plain'): file {
  return alloc_file(k, name, { mmap: () => 0 }, null);
}

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
export const pages = (n: number): number => n * PAGE_SIZE;

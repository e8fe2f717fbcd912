// The one interface where API designs differ. The core calls a design only through
// DesignPatch; a design sees only the core's public index. The four hook points:
//  (a) mmap time: what vfio core and each bus driver do when a vfio vma is created
//      (vfio_mmap wraps the bus driver's mmap; DriverSide.mmap is the driver's part);
//  (b) type1's PFNMAP lookup: vma + address -> a run of pfns and the reference held;
//  (c) release of that reference on UNMAP_DMA (or on the unwind of a failed MAP_DMA);
//  (d) invalidation: DriverSide.invalidate is called at every point where the bus
//      driver zaps user mappings (decode off, reset, close, remove); whether that
//      reaches the IOMMU is the design's business (LookupArgs.invalidate).
import type { Kernel } from '../machine/kernel.ts';
import type { vm_area_struct, vm_fault } from '../mm/index.ts';
import type { vfio_device } from './vfio_device.ts';

export type MistakeKind = 'omit' | 'wrong-value';

/** One thing a bus driver author must do for a design to be correct (data, not code). */
export interface Obligation {
  /** kebab-case id, unique within the design, e.g. "fill-base-pfn". */
  readonly id: string;
  /** Bus driver the obligation falls on: "vfio-pci", "mdev-ram", "chardev". */
  readonly driver: string;
  readonly what: string;
  /** Mistake kinds this step can be made with. */
  readonly kinds: readonly MistakeKind[];
  /**
   * Names in the scenario vocabulary of driver mistakes (scenarios/mistakes) that this
   * obligation's mistakes express, e.g. { omit: "omits-magic" }.
   */
  readonly mistakeNames?: Partial<Record<MistakeKind, string>>;
}

/** A driver mistake applied to a kernel: driver + obligation + kind. */
export interface DriverMistake {
  readonly driver: string;
  readonly obligation: string;
  readonly kind: MistakeKind;
}

/**
 * Runs a driver's obligation steps, honouring the mistake applied to that driver.
 * step(id, correct, wrong?) runs `correct` normally, nothing when the step is
 * omitted, and `wrong` when the step is done with a wrong value. The obligation id
 * must be one the design declares (an unknown id is a harness bug).
 */
export interface ObligationRunner {
  step(id: string, correct: () => void, wrong?: () => void): void;
  /** Like step, for a step that yields a value: `omitted` is what the code has when skipped. */
  value<T>(id: string, correct: () => T, wrong: () => T, omitted: () => T): T;
}

export interface DriverCtx {
  readonly k: Kernel;
  readonly vdev: vfio_device;
  readonly ob: ObligationRunner;
}

export type InvalidateReason = 'decode-off' | 'reset' | 'close' | 'remove';

/**
 * Where the bus driver's memory is usable again after an invalidation: v6.19 vfio-pci
 * calls vfio_pci_dma_buf_move(vdev, false) there (vfio_basic_config_write after a
 * PCI_COMMAND write that leaves memory enabled; vfio_pci_ioctl_reset after the reset).
 */
export type RestoreReason = 'decode-on' | 'reset';

/** A bus driver's side of a design: the code that design asks each driver to carry. */
export interface DriverSide {
  /** (a) Called from the bus driver's mmap after its own checks; returns 0 or -errno. */
  mmap?(d: DriverCtx, vma: vm_area_struct): number;
  /** Called from the bus driver's fault handler before it inserts a pfn. */
  fault?(d: DriverCtx, vmf: vm_fault): void;
  /** Per-vma open/close hooks called from the bus driver's vm_ops. */
  vma_open?(d: DriverCtx, vma: vm_area_struct): void;
  vma_close?(d: DriverCtx, vma: vm_area_struct): void;
  /** driver-op: device->ops->vma_to_pfn(device, vma, pgoff-from-vma-start) -> pfn run. */
  vma_to_pfn?(d: DriverCtx, vma: vm_area_struct, offset_pages: number): PfnRun | number;
  /** (d) Called at every zap / teardown point of the bus driver. */
  invalidate?(d: DriverCtx, reason: InvalidateReason): void;
  /** (d) Called where the driver's memory is usable again (see RestoreReason). */
  restore?(d: DriverCtx, reason: RestoreReason): void;
}

/** A run of contiguous pfns. */
export interface PfnRun {
  readonly pfn: number;
  readonly npages: number;
}

/** What type1 holds for one mapped run; dropped through DesignPatch.release. */
export interface DmaRef {
  readonly label: string;
  drop(): void;
}

export interface LookupArgs {
  readonly k: Kernel;
  /** The vma found by find_vma_intersection, VM_PFNMAP set, mmap_lock held for read. */
  readonly vma: vm_area_struct;
  readonly vaddr: number;
  /** The IOVA this run will be mapped at (for the design's own log lines). */
  readonly iova: number;
  /** Pages still wanted from vaddr on (the lookup may return fewer). */
  readonly npages: number;
  readonly write: boolean;
  /**
   * (d) type1's way to drop this run from the IOMMU, for a design that can be told the
   * memory is going away. Calling it after the run is gone is a no-op.
   */
  readonly invalidate: (why: string) => void;
  /**
   * type1's vfio_remove_dma() of the whole vfio_dma this run belongs to: unmapped,
   * unpinned, every reference released (DesignPatch.release), unlinked, so a later
   * UNMAP_DMA finds nothing. The v1 series' release notifier (vfio_device_nb_cb, PATCH
   * v1 11/14 "vfio/type1: Register device notifier", March 2021) does this. type1 holds
   * iommu->lock for the whole of MAP_DMA, so a call while that MAP_DMA is still running
   * takes effect when it returns. A no-op once the vfio_dma is gone.
   */
  readonly remove_dma: (why: string) => void;
}

export type PfnmapLookup =
  | {
    readonly ret: 0; readonly pfn: number; readonly npages: number; readonly ref: DmaRef | null;
    /**
     * What unmapping the run does with its pfns. Absent or 'put_pfn': type1's
     * vfio_unmap_unpin() -> put_pfn(), which re-decides per pfn and unpins any pfn that
     * now has an ordinary page (v5.12). 'none': an importer that never pinned and
     * never unpins (iommufd's dma-buf area).
     */
    readonly unpin?: 'put_pfn' | 'none';
  }
  | { readonly ret: number };

/** A design, installed into one Kernel. */
export interface DesignPatch {
  /** (a) vfio core's part of mmap on a vfio device fd; calls driverMmap() for the bus driver's part. */
  vfio_mmap(k: Kernel, vdev: vfio_device, vma: vm_area_struct, driverMmap: () => number): number;
  /** (b) vaddr_get_pfns() for a VM_PFNMAP vma. */
  pfnmap_lookup(a: LookupArgs): PfnmapLookup;
  /** (c) drop what the lookup took, on UNMAP_DMA or unwind. */
  release(k: Kernel, ref: DmaRef): void;
  /** The bus drivers' sides of this design, by driver name. */
  readonly sides: Readonly<Record<string, DriverSide>>;
}

/**
 * A variant is a design like any other; this data says which open choice of which
 * proposal it answers. The runner, reports and gate never branch on it: reports only
 * group rows by `of` and `question` to show which cells a choice moves.
 */
export interface VariantOf {
  /** Name of the design whose as-posted reading this variant changes, e.g. "private-data". */
  readonly of: string;
  /** The open question, short and the same text for every reading of it, e.g. "does type1 check a magic before the cast?". */
  readonly question: string;
  /** This variant's reading, e.g. "type1 checks the magic every driver must set". */
  readonly reading: string;
  /** Where this reading comes from: a seed line, a kernel function and version, or "beyond the tree". */
  readonly source: string;
}

/**
 * Kernel module parameters, as `module.param` -> value. A design (or variant) that runs
 * under a non-default setting declares it as data; the Kernel reads it when it is built
 * (Kernel.params) and the modelled module code reads it from there.
 */
export interface KernelParams {
  /**
   * vfio_pci.disable_idle_d3 (v5.12 drivers/vfio/pci/vfio_pci.c, default false): when set,
   * vfio_pci_disable() leaves a closed device in D0 with its restored config (memory
   * decode on) instead of putting it in D3hot.
   */
  readonly 'vfio_pci.disable_idle_d3'?: boolean;
}

/** Every kernel parameter's default, as the v5.12 modules have them. */
export const KERNEL_PARAM_DEFAULTS: Required<KernelParams> = { 'vfio_pci.disable_idle_d3': false };

/** A design as registered: data about it plus a factory for its patch. */
export interface Design {
  readonly name: string;
  /** Set on a variant (see VariantOf); absent on a design's as-posted row. */
  readonly variant?: VariantOf;
  /** For an as-posted design with open choices: its own reading of each question, by question text. */
  readonly readings?: Readonly<Record<string, string>>;
  /** Kernel module parameters this design runs under (defaults: KERNEL_PARAM_DEFAULTS). */
  readonly params?: KernelParams;
  readonly title: string;
  /** Who proposed it, and where (seed line or kernel history). */
  readonly origin: string;
  readonly summary: string;
  readonly obligations: readonly Obligation[];
  install(k: Kernel): DesignPatch;
}

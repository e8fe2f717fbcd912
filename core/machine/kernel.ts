// Kernel: one simulated machine. It owns the primitives (KernelBase), physical RAM,
// the iomem resource tree, the PCI bus and the physical address dispatch, the tasks,
// the DMA log, vfio's state and the installed design. A fresh Kernel is made for every
// (design, scenario) cell.
import { KernelBase, KernelOops, oops_bad_access, type OopsInfo } from '../kernel/index.ts';
import { Iommu } from '../iommu/index.ts';
import { ResourceTree } from '../mem/resource.ts';
import { PhysMem } from '../mem/index.ts';
import { TaskTable, validate_all, type task_struct } from '../mm/index.ts';
import { PciBus, PhysBus } from '../pci/index.ts';
import { V5_12_DESIGN } from '../vfio/default_design.ts';
import { KERNEL_PARAM_DEFAULTS, type Design, type DesignPatch, type DriverMistake, type KernelParams } from '../vfio/design.ts';
import { newVfioState, type VfioState } from '../vfio/state.ts';

export interface KernelOptions {
  readonly design?: Design;
  readonly seed?: number;
  /** RAM size in pages (default 64 MiB). */
  readonly ramPages?: number;
  /** type1's dma_entry_limit module parameter. */
  readonly dmaEntryLimit?: number;
}

/** What a syscall returns when the kernel oopsed while running it. */
export interface Crashed {
  readonly crashed: true;
  readonly oops: OopsInfo;
}

export function isCrashed(x: unknown): x is Crashed {
  return typeof x === 'object' && x !== null && (x as { crashed?: unknown }).crashed === true;
}

export class Kernel extends KernelBase {
  readonly ramStartPfn = 0x100;
  readonly ramPages: number;
  readonly mem: PhysMem;
  readonly iomem: ResourceTree;
  readonly pci: PciBus;
  readonly phys: PhysBus;
  readonly tasks: TaskTable;
  readonly iommu: Iommu;
  readonly vfio: VfioState = newVfioState();
  readonly dmaEntryLimit: number;
  readonly designDef: Design;
  readonly design: DesignPatch;
  /** Module parameters: the defaults, overridden by what the design declares (Design.params). */
  readonly params: Required<KernelParams>;
  /** Driver mistakes applied to this machine, by bus driver. */
  readonly driverMistakes = new Map<string, DriverMistake>();
  /** "driver:obligation" of every obligation step that ran. */
  readonly obligationsRun = new Set<string>();
  /**
   * An interleaving point: called once by type1 after a pfn lookup has dropped
   * mmap_lock and before iommu_map, so another task's steps can run there (races).
   */
  interleave: (() => void) | null = null;
  /**
   * The reset window: called once by VFIO_DEVICE_RESET while the FLR is in progress
   * (memory_lock held for write, decode off, user mappings zapped), so other tasks'
   * steps can run there. Taken (set to null) by the reset that calls it.
   */
  resetWindow: (() => void) | null = null;

  constructor(opts: KernelOptions) {
    super(opts.seed ?? 1);
    this.ramPages = opts.ramPages ?? 16384;
    this.dmaEntryLimit = opts.dmaEntryLimit ?? 65535;
    this.mem = new PhysMem(this, this.ramStartPfn, this.ramPages);
    this.iomem = new ResourceTree(this);
    this.pci = new PciBus(this, this.iomem);
    this.phys = new PhysBus(this.mem, this.iomem, this.pci);
    this.iommu = new Iommu(this, this.phys);
    this.tasks = new TaskTable(this);
    this.designDef = opts.design ?? V5_12_DESIGN;
    this.params = { ...KERNEL_PARAM_DEFAULTS, ...this.designDef.params };
    this.design = this.designDef.install(this);
  }

  /** A wild kernel access: Oops with the faulting function. */
  oopsAt(fn: string, address: number): never {
    return oops_bad_access(this, fn, address);
  }

  /**
   * Runs one system call on behalf of `task`: sets current, advances time, and turns a
   * kernel Oops into a typed crash result (the task dies, as make_task_dead() would).
   * Any other exception is a harness bug and propagates.
   */
  syscall<T>(task: task_struct | null, body: () => T): T | Crashed {
    const saved = this.current;
    if (task) this.current = { comm: task.comm, pid: task.pid };
    this.advance();
    try {
      return body();
    } catch (e) {
      if (e instanceof KernelOops) {
        if (task) task.state = 'dead';
        return { crashed: true, oops: e.info };
      }
      throw e;
    } finally {
      this.current = saved;
    }
  }

  /**
   * The CONFIG_DEBUG_VM_MAPLE_TREE-style check of the whole machine: validate_mm() of
   * every mm (vma tree order, extents, page tables), the page array, every IOMMU
   * domain's extent map. Returns the broken invariants (empty when all hold). The runner
   * calls it after every step; a non-empty answer is a bug of ours (harness-error).
   */
  validate(): string[] {
    return [...validate_all(this, this.tasks), ...this.iommu.validate()];
  }
}

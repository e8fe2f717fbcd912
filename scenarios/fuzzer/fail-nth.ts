// fail-nth sweeps of any scenario (arena faults): fail the 1st, 2nd, 3rd, ... numbered
// allocation / pin / map point counted from the end of setup, one run each, until a
// run reaches no point to fail; for each, did the kernel unwind cleanly (an errno or
// nothing at all, no invariant broken, nothing left behind)? This is the runner's own
// mechanism (RunOptions.failNth, what a sweepFailNth scenario's sweep uses), with the
// kernel's fault log read to name the point that failed.
import type { Kernel } from '../../core/index.ts';
import { getDesign } from '../../designs/registry.ts';
import { SEVERITY, type OutcomeT } from '../outcome.ts';
import { SWEEP_LIMIT, runCell, type DesignRef } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';
import { attachValidate, checkCell } from './invariants.ts';
import { MACHINE_SEED } from './execute.ts';

export interface FaultRow {
  readonly nth: number;
  /** "kmalloc in vfio_dma_do_map". */
  readonly point: string;
  readonly outcome: OutcomeT;
  /** The errno the failure surfaced as, if any. */
  readonly errno?: string;
  /** Unwound cleanly: a safe outcome and no invariant broken (nothing leaked). */
  readonly clean: boolean;
  readonly summary: string;
}

export interface FaultSweep {
  readonly scenario: string;
  readonly design: string;
  readonly rows: readonly FaultRow[];
  /** The sweep stopped at SWEEP_LIMIT with points left. */
  readonly truncated: boolean;
}

export function sweepFaults(s: ScenarioT, ref: DesignRef, seed: number = MACHINE_SEED): FaultSweep {
  const design = typeof ref === 'string' ? getDesign(ref) : ref;
  let kernel: Kernel | null = null;
  const watched = { ...design, install: (k: Kernel) => {
    kernel = k;
    attachValidate(k);
    return design.install(k);
  } };
  const rows: FaultRow[] = [];
  for (let nth = 1; nth <= SWEEP_LIMIT; nth++) {
    kernel = null;
    const cell = runCell(s, watched, { seed, failNth: nth });
    const failed = (kernel as Kernel | null)?.faults.log().find((p) => p.failed);
    if (!failed) return { scenario: s.id, design: design.name, rows, truncated: false };
    const violation = checkCell(cell);
    const surfaced = cell.steps.find((r) => r.injected && r.error !== undefined && r.error !== 'IOMMU_FAULT');
    rows.push({
      nth, point: `${failed.site} in ${failed.fn}`, outcome: cell.outcome, ...(surfaced?.error ? { errno: surfaced.error } : {}),
      clean: violation === null && SEVERITY[cell.outcome] === 0, summary: violation?.summary ?? cell.evidence.summary,
    });
  }
  return { scenario: s.id, design: design.name, rows, truncated: true };
}

// The global invariants a fuzzed run must keep. Most are the classifier's verdicts on
// the run (so `arena run` on a reproducer shows the same thing): no DMA or CPU access
// reaching an owner other than the one mapped (stale-dma), no use after free (uaf), no
// Oops, nothing left at teardown (leak). Two are the fuzzer's own: the core's validate
// (vma tree, page tables, IOMMU map, page refcounts) after every step, and every errno
// in the allow-list (errno-allow.ts). None of them looks at which design ran.
import type { Kernel } from '../../core/index.ts';
import { validate_all } from '../../core/mm/index.ts';
import { refOf, stepName } from '../classify.ts';
import type { CellResult } from '../runner.ts';
import { ERRNO_ALLOWED, errnoAllowed } from './errno-allow.ts';

export const VIOLATION_KINDS = ['oops', 'uaf', 'stale-dma', 'validate', 'harness-error', 'leak', 'errno'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface Violation {
  readonly kind: ViolationKind;
  /** Step kind where it showed ("teardown" for a leak). */
  readonly at: string;
  readonly summary: string;
}

/** The runner's StepExecutor calls `k.validate()` after every step when the kernel has one. */
type Validating = Kernel & { validate?: () => string[] };

/** Gives a kernel a validate(): validate_mm for every mm, the page array, every IOMMU domain. */
export function attachValidate(k: Kernel): void {
  const v = k as Validating;
  if (typeof v.validate === 'function') return;
  Object.defineProperty(k, 'validate', { value: (): string[] => [...validate_all(k, k.tasks), ...k.iommu.validate()] });
}

const FROM_OUTCOME: Partial<Record<CellResult['outcome'], ViolationKind>> = {
  'oops': 'oops', 'uaf': 'uaf', 'stale-dma': 'stale-dma', 'harness-error': 'harness-error', 'leak': 'leak',
};

/** The first invariant the cell broke, or null. */
export function checkCell(cell: CellResult): Violation | null {
  const kind = FROM_OUTCOME[cell.outcome];
  if (kind) {
    const at = cell.evidence.step?.kind ?? (kind === 'leak' ? 'teardown' : 'setup');
    const isValidate = kind === 'harness-error' && / ?validate after /.test(cell.evidence.summary);
    return { kind: isValidate ? 'validate' : kind, at, summary: cell.evidence.summary };
  }
  for (const r of cell.steps) {
    if (r.error === undefined || r.error === 'IOMMU_FAULT' || r.kind === 'setup' || r.kind === 'teardown') continue;
    if (errnoAllowed(r.kind, r.error)) continue;
    return {
      kind: 'errno', at: r.kind,
      summary: `${stepName(refOf(r))} returned ${r.error}, not one of ${r.kind}'s errnos (${ERRNO_ALLOWED[r.kind].join(', ') || 'none'})`,
    };
  }
  return null;
}

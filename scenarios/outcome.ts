// The outcome words every cell ends in (DOMAIN.md "Outcome words"), with the one
// severity order reports, the gate and the fail-nth sweep all use.
import { z } from 'zod';

export const Outcome = z.enum([
  'ok', 'rejected', 'false-reject', 'warn', 'leak', 'stale-dma', 'uaf', 'oops', 'n/a', 'harness-error',
]);
export type OutcomeT = z.infer<typeof Outcome>;
export const OUTCOMES: readonly OutcomeT[] = Outcome.options;

/**
 * Severity rank, 0 = safe. `ok` and `rejected` share rank 0 (a refusal before harm is
 * the best a misuse can end in); then false-reject < warn < leak < stale-dma < uaf <
 * oops < harness-error. `n/a` is not scored: rank null.
 */
export const SEVERITY: Readonly<Record<OutcomeT, number | null>> = {
  'ok': 0, 'rejected': 0, 'false-reject': 1, 'warn': 2, 'leak': 3, 'stale-dma': 4, 'uaf': 5, 'oops': 6,
  'n/a': null, 'harness-error': 7,
};

/**
 * Table cells: a symbol then the word. The safe outcomes look safe (`rejected` is the
 * API's shield, not a stop sign), a refused legitimate use looks like an obstacle, and
 * the harms look like harm.
 */
export const SYMBOL: Readonly<Record<OutcomeT, string>> = {
  'ok': '✅', 'rejected': '🛡️', 'false-reject': '🚧', 'warn': '⚠️', 'leak': '💧', 'stale-dma': '☠️', 'uaf': '🧨',
  'oops': '💥', 'n/a': '➖', 'harness-error': '🐞',
};

export function label(o: OutcomeT): string {
  return `${SYMBOL[o]} ${o}`;
}

/** Silent corruption, a crash, or a bug of ours: what `--fail-on-unsafe` and the gate refuse. */
export function isUnsafe(o: OutcomeT): boolean {
  return o === 'stale-dma' || o === 'uaf' || o === 'oops' || o === 'harness-error';
}

/**
 * Total order for picking the worst of several runs: severity first; at equal rank
 * `rejected` counts over `ok` (it says more), and `n/a` sits below everything.
 */
export function compareOutcomes(a: OutcomeT, b: OutcomeT): number {
  const ra = SEVERITY[a] ?? -1;
  const rb = SEVERITY[b] ?? -1;
  if (ra !== rb) return ra - rb;
  return OUTCOMES.indexOf(a) - OUTCOMES.indexOf(b);
}

export function worst(a: OutcomeT, b: OutcomeT): OutcomeT {
  return compareOutcomes(a, b) >= 0 ? a : b;
}

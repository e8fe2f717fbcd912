// What counts as "the same failure" while shrinking, and how findings are grouped.
// Single mode: one design broke one invariant at one step kind. Differential mode: one
// design broke an invariant where another stayed safe, with the same outcomes. Never
// keyed on anything but the designs' labels as given and what their runs did.
import type { OutcomeT } from '../outcome.ts';
import type { DesignRef } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';
import { runSequence, type SequenceRun } from './execute.ts';
import type { ViolationKind } from './invariants.ts';

export type FuzzMode = 'single' | 'diff';

export interface Target {
  readonly mode: FuzzMode;
  /** Identity while de-duplicating: one shrunk reproducer per key. */
  readonly key: string;
  /** The report's grouping: "stale-dma at dma-write", or a pair of outcomes in diff mode. */
  readonly group: string;
  readonly kind: ViolationKind;
  readonly at: string;
  /** The designs this finding is about: [broken] or [unsafe, safe]. */
  readonly designs: readonly string[];
  /** Does this sequence still show it? */
  readonly shows: (s: ScenarioT) => boolean;
}

interface Ran {
  readonly ref: DesignRef;
  readonly run: SequenceRun;
}

/** One target per design whose run broke an invariant. */
export function singleTargets(ran: readonly Ran[]): Target[] {
  return ran.flatMap(({ ref, run }) => {
    const v = run.violation;
    if (!v) return [];
    return [{
      mode: 'single', key: `${run.design}: ${v.kind} at ${v.at}`, group: `${v.kind} at ${v.at}`, kind: v.kind, at: v.at,
      designs: [run.design],
      shows: (s) => {
        const w = runSequence(s, ref).violation;
        return w?.kind === v.kind && w.at === v.at;
      },
    } satisfies Target];
  });
}

/** The first unsafe design against the first safe one (in the order given), if they disagree. */
export function diffTarget(ran: readonly Ran[]): Target | null {
  const bad = ran.find((r) => r.run.violation !== null);
  const good = ran.find((r) => r.run.violation === null);
  if (!bad?.run.violation || !good) return null;
  const v = bad.run.violation;
  const safeOutcome: OutcomeT = good.run.outcome;
  const group = `${v.kind} vs ${safeOutcome}`;
  return {
    mode: 'diff', key: `${bad.run.design} ${v.kind} at ${v.at} vs ${good.run.design} ${safeOutcome}`, group, kind: v.kind, at: v.at,
    designs: [bad.run.design, good.run.design],
    shows: (s) => {
      const w = runSequence(s, bad.ref).violation;
      if (w?.kind !== v.kind || w.at !== v.at) return false;
      const g = runSequence(s, good.ref);
      return g.violation === null && g.outcome === safeOutcome;
    },
  };
}

// Runs one fuzzed sequence on one design through the ordinary runner (runCell), so a
// reproducer replayed with `arena run` goes down exactly the same path. The design is
// wrapped only to give the kernel its validate() (invariants.ts); the wrapper is the
// same for every design.
import type { Design } from '../../core/index.ts';
import { getDesign } from '../../designs/registry.ts';
import type { OutcomeT } from '../outcome.ts';
import { runCell, type CellResult, type DesignRef } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';
import { attachValidate, checkCell, type Violation } from './invariants.ts';

/** The machine seed of every fuzzed run: `arena run`'s default, so a reproducer replays as is. */
export const MACHINE_SEED = 1;

const wrapped = new WeakMap<Design, Design>();

/** The design with validate() after every step; labelled with the design's own name. */
export function validating(ref: DesignRef): Design {
  const d = typeof ref === 'string' ? getDesign(ref) : ref;
  let w = wrapped.get(d);
  if (!w) {
    w = { ...d, install: (k) => {
      attachValidate(k);
      return d.install(k);
    } };
    wrapped.set(d, w);
  }
  return w;
}

export interface SequenceRun {
  readonly design: string;
  readonly outcome: OutcomeT;
  readonly violation: Violation | null;
  readonly cell: CellResult;
}

export function runSequence(s: ScenarioT, design: DesignRef): SequenceRun {
  const cell = runCell(s, validating(design), { seed: MACHINE_SEED });
  return { design: cell.design, outcome: cell.outcome, violation: checkCell(cell), cell };
}


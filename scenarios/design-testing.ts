// What a design's own tests use ('pfnmap-arena/testing'): run a design on the scenarios
// exactly as `arena run` does, and read the cells. Not part of the design API: a
// design's code imports 'pfnmap-arena/design' only.
import type { Design } from '../core/index.ts';
import { loadAllScenarios, loadScenarioById } from './load.ts';
import { isUnsafe, type OutcomeT } from './outcome.ts';
import { runScenarios, type CellResult } from './runner.ts';

/** Every scenario (or the ids given) on this one design, seed 1 unless told. */
export function runDesign(design: Design, o: { ids?: readonly string[]; seed?: number } = {}): CellResult[] {
  const scenarios = o.ids ? o.ids.map((id) => loadScenarioById(id)) : loadAllScenarios();
  return runScenarios({ scenarios, designs: [design], seed: o.seed ?? 1 });
}

export { isUnsafe, loadAllScenarios, loadScenarioById, runScenarios, type CellResult, type OutcomeT };

// --jobs for the commands that run the matrix: the cells they will ask for, run on
// worker threads ahead of the (synchronous) command, which then finds them in its
// cache. With one job nothing is run ahead: the command fills its cache itself.
import { DESIGN_NAMES } from '../designs/registry.ts';
import { CellCache, loadAllScenarios, type DesignRef, type ScenarioT } from '../scenarios/index.ts';
import { matrixCells, prefillMistakeMatrix, withPool } from '../scenarios/parallel/index.ts';
import type { MistakeMatrixOptions } from '../scenarios/mutants/index.ts';

export interface PrefillScope {
  readonly designs?: readonly DesignRef[];
  readonly scenarios?: readonly ScenarioT[];
}

/** The cells of the matrix and of the mistake matrix (report and gate). */
export async function prefillReport(seed: number, jobs: number, scope: PrefillScope = {}): Promise<CellCache> {
  const cache = new CellCache();
  if (jobs <= 1) return cache;
  const designs = scope.designs ?? DESIGN_NAMES;
  const scenarios = scope.scenarios ?? loadAllScenarios();
  await withPool(jobs, (pool) => prefillMistakeMatrix(cache, { seed, designs, scenarios }, pool, matrixCells(scenarios, designs, seed, 'traced')));
  return cache;
}

/** The cells of one mistake matrix (arena mistakes). */
export async function prefillMistakes(opts: MistakeMatrixOptions, jobs: number): Promise<CellCache> {
  const cache = new CellCache();
  if (jobs <= 1) return cache;
  await withPool(jobs, (pool) => prefillMistakeMatrix(cache, opts, pool));
  return cache;
}

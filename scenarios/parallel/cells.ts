// Cells over worker threads: a command names the cells it will ask for, the workers run
// them, and their results go into the command's CellCache; the command then runs as it
// does in one thread, finding each cell there. What it prints is therefore the same for
// every --jobs (a cell no worker could run is run in this thread on its cache miss).
import type { CellCache, CellParams } from '../cell-cache.ts';
import { mistakeMatrixWork, mutantCellsNeeded, type MistakeMatrixOptions } from '../mutants/matrix.ts';
import type { DesignRef } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';
import { wireDesign, wireKey } from './designs.ts';
import type { CellWant } from './protocol.ts';
import type { WorkerPool } from './pool.ts';

export interface CellWork {
  readonly s: ScenarioT;
  readonly ref: DesignRef;
  readonly params: CellParams;
  /** What the command reads of it (protocol.ts); the first work item naming a cell decides. */
  readonly want: CellWant;
}

/** Cells per message: cells differ in cost (a fail-nth sweep is many runs), so small. */
const CHUNK = 6;

/** Runs the cells `cache` does not hold yet on the pool and stores there what each work item wants. */
export async function prefillCells(cache: CellCache, work: readonly CellWork[], pool: WorkerPool): Promise<void> {
  const seen = new Set<string>();
  const ids = new Map<ScenarioT, number>();
  const todo = work.filter((w) => {
    const design = wireDesign(w.ref);
    if (design === null || cache.has(w.s, w.ref, w.params)) return false;
    if (!ids.has(w.s)) ids.set(w.s, ids.size);
    const m = w.params.mistake;
    const key = `${ids.get(w.s)}|${wireKey(design)}|${w.params.seed}|${m ? `${m.driver}:${m.obligation}:${m.kind}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Sweeps first, so the long cells do not all land at the end of one worker's queue.
  const ordered = [...todo.filter((w) => w.s.sweepFailNth), ...todo.filter((w) => !w.s.sweepFailNth)];
  if (ordered.length === 0) return;
  const replies = await pool.run('cell', ordered.map((w) => ({
    scenario: w.s, design: wireDesign(w.ref)!, seed: w.params.seed, want: w.want, ...(w.params.mistake ? { mistake: w.params.mistake } : {}),
  })), CHUNK);
  ordered.forEach((w, i) => {
    const r = replies[i]!;
    if (r.cell) cache.put(w.s, w.ref, w.params, { cell: r.cell, runs: r.runs ?? new Map() });
    if (r.observation) cache.putObservation(w.s, w.ref, w.params, r.observation);
    if (r.trace) cache.putTrace(w.s, w.ref, w.params, { ...r.trace, scenario: w.s });
  });
}

/** Every (scenario, design) cell of a matrix, without mistake. */
export function matrixCells(scenarios: readonly ScenarioT[], designs: readonly DesignRef[], seed: number, want: CellWant): CellWork[] {
  return scenarios.flatMap((s) => designs.map((ref) => ({ s, ref, params: { seed }, want })));
}

/**
 * Pre-fills what runMistakeMatrix(opts) will ask for: first the correct-driver cells
 * (with `also`, e.g. the report's own matrix, in the same round), then the mutant cells
 * those cells show to be needed.
 */
export async function prefillMistakeMatrix(
  cache: CellCache, opts: MistakeMatrixOptions, pool: WorkerPool, also: readonly CellWork[] = [],
): Promise<void> {
  const work = mistakeMatrixWork(opts);
  await prefillCells(cache, [...also, ...matrixCells(work.suite, work.designs, opts.seed, 'observed')], pool);
  const mutants = mutantCellsNeeded(work, opts.seed, cache);
  // The matrix reads a mutant cell only through observe(): only that comes back.
  await prefillCells(cache, mutants.map((m) => ({ s: m.s, ref: m.ref, params: { seed: opts.seed, mistake: m.mistake }, want: 'observation' as const })), pool);
}

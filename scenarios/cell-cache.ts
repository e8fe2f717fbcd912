// Cells computed once per command: the report's matrix, the mistake matrix's
// correct-driver observations and its reproduce checks all ask for the same
// (scenario, design, seed) cells, so the first answer is kept and handed to the others.
// Workers (scenarios/parallel/) fill a cache ahead of a run. A miss runs the cell here,
// in this thread, so a cache can make a command faster but never changes what it prints:
// a cell is a function of its scenario, design, seed and mistake (one seeded PRNG, no clock).
import type { Design, DriverMistake } from '../core/index.ts';
import { getDesign } from '../designs/registry.ts';
import type { Observation } from './mutants/observe.ts';
import type { Trace } from './trace.ts';
import { runCell, type CellResult, type DesignRef } from './runner.ts';
import type { ScenarioT } from './schema.ts';

/** A cell and, for a sweepFailNth scenario, the full cell of every run of its sweep by nth. */
export interface CellRuns {
  readonly cell: CellResult;
  readonly runs: ReadonlyMap<number, CellResult>;
}

/** What a cached cell depends on besides its scenario and design. */
export interface CellParams {
  readonly seed: number;
  readonly mistake?: DriverMistake;
}

export function resolveRef(d: DesignRef): Design {
  return typeof d === 'string' ? getDesign(d) : d;
}

function paramsKey(p: CellParams): string {
  const m = p.mistake;
  return `${p.seed}|${m ? `${m.driver}:${m.obligation}:${m.kind}` : ''}`;
}

/** Runs one cell with its sweep runs collected (what observe() and the cache need). */
export function runCellWithRuns(s: ScenarioT, design: DesignRef, p: CellParams): CellRuns {
  const runs = new Map<number, CellResult>();
  const cell = runCell(s, design, { seed: p.seed, ...(p.mistake ? { mistake: p.mistake } : {}), onSweepRun: (nth, c) => runs.set(nth, c) });
  return { cell, runs };
}

/** The map of one scenario and design in a two-level weak map, made on first use. */
function slotIn<V>(m: WeakMap<ScenarioT, WeakMap<Design, Map<string, V>>>, s: ScenarioT, d: DesignRef): Map<string, V> {
  let byDesign = m.get(s);
  if (!byDesign) m.set(s, (byDesign = new WeakMap()));
  const design = resolveRef(d);
  let byParams = byDesign.get(design);
  if (!byParams) byDesign.set(design, (byParams = new Map()));
  return byParams;
}

/**
 * Keyed by the scenario object and the Design object (identity: a scenario with its
 * driver-mistake steps removed is another object, and so is a test's weakened design
 * named like a registered one), then by seed and mistake.
 */
export class CellCache {
  private readonly entries = new WeakMap<ScenarioT, WeakMap<Design, Map<string, CellRuns>>>();
  /** What observe() makes of a cell, when a worker sent only that (the mistake matrix's mutant cells). */
  private readonly observations = new WeakMap<ScenarioT, WeakMap<Design, Map<string, Observation>>>();
  /** The report's traces of cells (trace.ts runTraced). */
  private readonly traces = new WeakMap<ScenarioT, WeakMap<Design, Map<string, Trace>>>();
  private hitCount = 0;
  private missCount = 0;

  private slot(s: ScenarioT, d: DesignRef): Map<string, CellRuns> {
    return slotIn(this.entries, s, d);
  }

  /** The cell (with its sweep runs), run here on a miss. */
  get(s: ScenarioT, d: DesignRef, p: CellParams): CellRuns {
    const slot = this.slot(s, d);
    const key = paramsKey(p);
    const hit = slot.get(key);
    if (hit) {
      this.hitCount += 1;
      return hit;
    }
    this.missCount += 1;
    const got = runCellWithRuns(s, d, p);
    slot.set(key, got);
    return got;
  }

  has(s: ScenarioT, d: DesignRef, p: CellParams): boolean {
    return this.slot(s, d).has(paramsKey(p)) || this.observations.get(s)?.get(resolveRef(d))?.has(paramsKey(p)) === true;
  }

  /** Stores a cell computed elsewhere (a worker) for this scenario, design and params. */
  put(s: ScenarioT, d: DesignRef, p: CellParams, value: CellRuns): void {
    this.slot(s, d).set(paramsKey(p), value);
  }

  /** The observation of this cell a worker sent, if any (observe() uses it instead of the cell). */
  observation(s: ScenarioT, d: DesignRef, p: CellParams): Observation | undefined {
    const hit = this.observations.get(s)?.get(resolveRef(d))?.get(paramsKey(p));
    if (hit) this.hitCount += 1;
    return hit;
  }

  putObservation(s: ScenarioT, d: DesignRef, p: CellParams, o: Observation): void {
    slotIn(this.observations, s, d).set(paramsKey(p), o);
  }

  /** The trace of this cell kept by runTraced (here or from a worker), if any. */
  trace(s: ScenarioT, d: DesignRef, p: CellParams): Trace | undefined {
    return this.traces.get(s)?.get(resolveRef(d))?.get(paramsKey(p));
  }

  putTrace(s: ScenarioT, d: DesignRef, p: CellParams, t: Trace): void {
    slotIn(this.traces, s, d).set(paramsKey(p), t);
  }

  /** Lookups answered from the cache and cells run here (exact counters for bench). */
  stats(): { readonly hits: number; readonly misses: number } {
    return { hits: this.hitCount, misses: this.missCount };
  }
}

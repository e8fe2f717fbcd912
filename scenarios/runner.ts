// The runner: one fresh Machine per (design, scenario) cell; build the setup, execute
// the steps in order resolving their symbols, record what each step did, audit at
// teardown, classify. A TypeScript exception from a design or the core ends that cell
// as harness-error; the next cell runs as usual (tinybench's `errored` task).
import { Machine, newCostCounters, type AuditFinding, type CostCounters, type Design, type DriverMistake } from '../core/index.ts';
import { DESIGN_NAMES, getDesign, type DesignName } from '../designs/registry.ts';
import { describeThrow } from './error-site.ts';
import { classify, type Evidence, type RunRecord, type SideCosts, type StepResult } from './classify.ts';
import { STEP_BUDGET } from './budget.ts';
import { loadAllScenarios, loadScenarioById } from './load.ts';
import { compareOutcomes, type OutcomeT } from './outcome.ts';
import { StepExecutor } from './runner-steps.ts';
import type { ScenarioT } from './schema.ts';
import type { CellCache } from './cell-cache.ts';

export interface RunOptions {
  readonly seed: number;
  /**
   * Run once, failing this fail-nth point counted from the end of setup (0: none),
   * instead of the sweep a sweepFailNth scenario gets. For explaining one sweep run.
   */
  readonly failNth?: number;
  /** Called with the machine after the last step, before teardown (explain's trace). */
  readonly onStepsDone?: (m: Machine) => void;
  /**
   * A driver mistake in force from the start of the run, as if the bus driver had been
   * written that way (issue 9's mutants). A scenario's own driver-mistake step for the
   * same driver replaces it.
   */
  readonly mistake?: DriverMistake;
  /**
   * For a sweepFailNth scenario: called with the full cell of every run of the sweep
   * (nth 0 is the run without injection), the same cell runCell(..., { failNth: nth })
   * would give. Lets a caller read every run without running the sweep twice.
   */
  readonly onSweepRun?: (nth: number, cell: CellResult) => void;
}

/**
 * A design to run: a registered name, or a Design object (tests build weakened or
 * trivial variants this way; the cell is labelled with `design.name`).
 */
export type DesignRef = DesignName | Design;

function resolveDesign(d: DesignRef): Design {
  return typeof d === 'string' ? getDesign(d) : d;
}

function designLabel(d: DesignRef): string {
  return typeof d === 'string' ? d : d.name;
}

export interface SweepRun {
  readonly nth: number;
  readonly point: string;
  readonly outcome: OutcomeT;
  readonly summary: string;
}

export interface CellResult {
  readonly scenario: string;
  /** The design's name (a registered DesignName for the real designs). */
  readonly design: string;
  readonly outcome: OutcomeT;
  readonly evidence: Evidence;
  readonly costs: SideCosts;
  /** Exact cost counters of the run without fault injection. */
  readonly cost: CostCounters;
  /** "driver:obligation" of every obligation step that ran. */
  readonly obligationsRun: readonly string[];
  readonly steps: readonly StepResult[];
  readonly audit: readonly AuditFinding[] | null;
  /** For sweepFailNth scenarios: one entry per fail point tried. */
  readonly sweep?: {
    readonly points: number;
    readonly truncated: boolean;
    /** The fail-nth point of the run that decided the outcome; 0 for the run without injection. */
    readonly decidingNth: number;
    readonly runs: readonly SweepRun[];
  };
}

/** Steps (inner ones included) one run may execute before it is a harness error (the loader refuses longer files). */
export { STEP_BUDGET };
/** Fail points a sweep tries at most. */
export const SWEEP_LIMIT = 400;

type FaultPoint = ReturnType<Machine['k']['faults']['log']>[number];

interface Once {
  readonly record: RunRecord;
  readonly cost: CostCounters;
  readonly obligationsRun: readonly string[];
  /** fail-nth points reached by the end of setup and by the end of the steps. */
  readonly pointsAfterSetup: number;
  readonly pointsAtEnd: number;
  readonly failed?: FaultPoint;
}

function runOnce(s: ScenarioT, ref: DesignRef, opts: RunOptions, failAfterSetup: number, sweeping: boolean): Once {
  let m: Machine | null = null;
  let ex: StepExecutor | null = null;
  try {
    const design = resolveDesign(ref);
    m = new Machine({ design, seed: opts.seed, ...(s.setup.dmaEntryLimit !== undefined ? { dmaEntryLimit: s.setup.dmaEntryLimit } : {}) });
    if (opts.mistake) m.k.driverMistakes.set(opts.mistake.driver, opts.mistake);
    ex = new StepExecutor(m, { budget: STEP_BUDGET, sweeping });
    ex.setup(s);
    const pointsAfterSetup = m.k.faults.reached();
    if (failAfterSetup > 0 && ex.stopped() === null) m.k.faults.failNth = pointsAfterSetup + failAfterSetup;
    ex.steps(s);
    const pointsAtEnd = m.k.faults.reached();
    if (ex.stopped() === null || ex.stopped() === 'crashed') opts.onStepsDone?.(m);
    ex.teardown(s);
    const failed = m.k.faults.log().find((p) => p.failed);
    return {
      record: ex.record(), cost: { ...m.k.cost }, obligationsRun: [...m.k.obligationsRun],
      pointsAfterSetup, pointsAtEnd, ...(failed ? { failed } : {}),
    };
  } catch (e) {
    // Only what the executor did not already catch: construction of the machine or design.
    const message = describeThrow(e);
    const record: RunRecord = ex ? ex.record() : { steps: [], audit: null };
    return {
      record: { ...record, harnessError: { message } },
      cost: m ? { ...m.k.cost } : newCostCounters(), obligationsRun: m ? [...m.k.obligationsRun] : [],
      pointsAfterSetup: 0, pointsAtEnd: 0,
    };
  }
}

function cellOf(s: ScenarioT, ref: DesignRef, once: Once, extra: Partial<Pick<CellResult, 'sweep'>> = {}): CellResult {
  const c = classify(once.record, { conformance: s.category === 'conformance' });
  return {
    scenario: s.id, design: designLabel(ref), outcome: c.outcome, evidence: c.evidence, costs: c.costs, cost: once.cost,
    obligationsRun: once.obligationsRun, steps: once.record.steps, audit: once.record.audit, ...extra,
  };
}

/**
 * Runs one scenario on one design. For a sweepFailNth scenario: one run counts the
 * fail-nth points the steps reach (after setup), then one run per point fails exactly
 * that point; the cell is the worst of all runs, its evidence naming the fail point.
 */
export function runCell(s: ScenarioT, design: DesignRef, opts: RunOptions): CellResult {
  if (opts.failNth !== undefined) return cellOf(s, design, runOnce(s, design, opts, opts.failNth, s.sweepFailNth));
  if (!s.sweepFailNth) return cellOf(s, design, runOnce(s, design, opts, 0, false));
  const base = runOnce(s, design, opts, 0, true);
  const points = Math.max(0, base.pointsAtEnd - base.pointsAfterSetup);
  const n = Math.min(points, SWEEP_LIMIT);
  let worstCell = cellOf(s, design, base);
  opts.onSweepRun?.(0, worstCell);
  let worstPoint = '';
  let decidingNth = 0;
  const runs: SweepRun[] = [];
  for (let nth = 1; nth <= n; nth++) {
    const once = runOnce(s, design, { seed: opts.seed, ...(opts.mistake ? { mistake: opts.mistake } : {}) }, nth, true);
    const cell = cellOf(s, design, once);
    opts.onSweepRun?.(nth, cell);
    const point = once.failed ? `fail-nth ${nth}: ${once.failed.site} in ${once.failed.fn}` : `fail-nth ${nth}: not reached`;
    runs.push({ nth, point, outcome: cell.outcome, summary: cell.evidence.summary });
    if (compareOutcomes(cell.outcome, worstCell.outcome) > 0) {
      worstCell = cell;
      worstPoint = point;
      decidingNth = nth;
    }
  }
  const evidence: Evidence = worstPoint
    ? { ...worstCell.evidence, summary: `${worstPoint}: ${worstCell.evidence.summary}`, failPoint: worstPoint }
    : worstCell.evidence;
  // Counters come from the uninjected run: they describe the design's normal path.
  return {
    ...worstCell, evidence, cost: base.cost, obligationsRun: base.obligationsRun,
    sweep: { points, truncated: points > n, decidingNth, runs },
  };
}

export interface RunScenariosOptions {
  /** Scenario ids to load; all scenarios when neither ids nor scenarios is given. */
  readonly ids?: readonly string[];
  /** Scenarios already loaded (e.g. from files the user named). */
  readonly scenarios?: readonly ScenarioT[];
  /** Designs to run (names or Design objects); all of DESIGN_NAMES when absent. */
  readonly designs?: readonly DesignRef[];
  readonly seed?: number;
  /** A driver mistake in force in every cell (see RunOptions.mistake). */
  readonly mistake?: DriverMistake;
  /** Cells already run (or to keep) for other parts of the same command. */
  readonly cache?: CellCache;
}

/** Every (scenario, design) cell, in scenario id order then DESIGN_NAMES order. */
export function runScenarios(o: RunScenariosOptions = {}): CellResult[] {
  const loaded = o.scenarios ?? (o.ids ? o.ids.map((id) => loadScenarioById(id)) : loadAllScenarios());
  const byId = new Map(loaded.map((s) => [s.id, s]));
  const scenarios = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Registered names run in registry order (stable reports whatever order the user
  // typed); a list holding Design objects runs as given.
  const asked = o.designs;
  const designs: readonly DesignRef[] = asked === undefined ? DESIGN_NAMES
    : asked.every((d) => typeof d === 'string') ? DESIGN_NAMES.filter((n) => asked.includes(n)) : asked;
  const seed = o.seed ?? 1;
  const opts: RunOptions = { seed, ...(o.mistake ? { mistake: o.mistake } : {}) };
  const cache = o.cache;
  return scenarios.flatMap((s) => designs.map((d) => (cache ? cache.get(s, d, opts).cell : runCell(s, d, opts))));
}

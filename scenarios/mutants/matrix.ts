// runMistakeMatrix: every generated mistaken driver against the whole scenario suite,
// scenario by scenario against the correct driver in the same scenario.
//
// driver-misuse scenarios set a mistake themselves (a `driver-mistake` step), which
// would replace the mutant's for that driver and make the comparison measure the
// scenario's mistake. Both runs therefore use every scenario with its driver-mistake
// steps removed: the scenario's obscure path then runs with the correct driver on one
// side and the mutant on the other. Where a scenario states exactly the mutant's
// mistake and its own cell shows the same outcome, `arena run` of it is the reproducer.
import type { MistakeKind } from '../../core/index.ts';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { loadAllScenarios } from '../load.ts';
import { CellCache } from '../cell-cache.ts';
import type { DesignRef } from '../runner.ts';
import type { ScenarioT, StepT } from '../schema.ts';
import { classifyMutant, diffCell, type CellDiff, type MutantVerdict } from './classify.ts';
import { generateMutants, inexpressibleMistakes, obligatedDrivers, resolveDesign, type Mutant, type MutantFilter } from './generate.ts';
import { observe, type Observation } from './observe.ts';
import { mistakesReproCommand, mutantRow, naRow, runReproCommand, scoreOf } from './rows.ts';
import { MISTAKES_VERSION, MistakeMatrixJson, type MistakeCellJsonT, type MistakeMatrixJsonT, type MistakeRowJsonT } from './schema.ts';

export interface MistakeMatrixOptions {
  readonly seed: number;
  /** Registered names or Design objects; all registered designs when absent. */
  readonly designs?: readonly DesignRef[];
  readonly driver?: string;
  readonly obligation?: string;
  readonly kind?: MistakeKind;
  /** The suite to run (default: every scenario file). A class is only as good as its suite. */
  readonly scenarios?: readonly ScenarioT[];
  /** Keep each (mutant, scenario) comparison in `cells` (arena mistakes --scenario). */
  readonly cells?: boolean;
  /** Cells shared with the rest of the command (the report's matrix, workers' results). */
  readonly cache?: CellCache;
}

const stripped = new WeakMap<ScenarioT, ScenarioT>();

/**
 * The scenario with its driver-mistake steps (top level and inside `during`) removed;
 * the same object for the same scenario, so its cells can be cached (cell-cache.ts).
 */
export function withoutDriverMistakes(s: ScenarioT): ScenarioT {
  const keep = (st: { kind: string }): boolean => st.kind !== 'driver-mistake';
  if (!s.steps.some((st) => !keep(st) || (st.kind === 'map-dma' && st.during?.some((i) => !keep(i))))) return s;
  const known = stripped.get(s);
  if (known) return known;
  const steps = s.steps.filter(keep).map((st): StepT => (st.kind === 'map-dma' && st.during ? { ...st, during: st.during.filter(keep) } : st));
  const out = { ...s, steps };
  stripped.set(s, out);
  return out;
}

/** Does the scenario state this mutant's mistake, and no other? */
function statesOnly(s: ScenarioT | undefined, m: Mutant): boolean {
  const named = s?.steps.filter((st) => st.kind === 'driver-mistake') ?? [];
  return m.mistakeName !== null && named.length > 0
    && named.every((st) => st.kind === 'driver-mistake' && st.driver === m.mistake.driver && st.mistake === m.mistakeName);
}

function reproduceFor(m: Mutant, v: MutantVerdict, originals: ReadonlyMap<string, ScenarioT>, seed: number, cache: CellCache): string {
  const d = v.deciding;
  if (!d) return mistakesReproCommand(m, seed);
  const s = originals.get(d.scenario);
  if (s && statesOnly(s, m) && cache.get(s, m.design, { seed }).cell.outcome === d.after.outcome) return runReproCommand(s.id, m.designName, seed);
  return mistakesReproCommand(m, seed, d.scenario);
}

/**
 * Until the driver reaches the mistaken step the run is the correct one, step for step
 * (same seed, same code), so a scenario whose correct runs never reach it (every
 * fail-nth run included) needs no second run: its observation is the same.
 */
function obligationKey(m: Mutant): string {
  return `${m.mistake.driver}:${m.mistake.obligation}`;
}

/** What runMistakeMatrix(opts) runs: the suite, and the designs' mutants. */
export interface MistakeMatrixWork {
  /** The scenarios as loaded, by id; `suite` is them without their driver-mistake steps. */
  readonly originals: readonly ScenarioT[];
  readonly suite: readonly ScenarioT[];
  readonly designs: readonly DesignRef[];
  readonly filter: MutantFilter;
  readonly mutants: (ref: DesignRef) => readonly Mutant[];
}

export function mistakeMatrixWork(opts: Pick<MistakeMatrixOptions, 'designs' | 'driver' | 'obligation' | 'kind' | 'scenarios'>): MistakeMatrixWork {
  const filter = {
    ...(opts.driver !== undefined ? { driver: opts.driver } : {}),
    ...(opts.obligation !== undefined ? { obligation: opts.obligation } : {}),
    ...(opts.kind !== undefined ? { kind: opts.kind } : {}),
  };
  const originals = [...(opts.scenarios ?? loadAllScenarios())].sort(byId);
  return {
    originals, suite: originals.map(withoutDriverMistakes), designs: opts.designs ?? DESIGN_NAMES, filter,
    mutants: (ref) => generateMutants([ref], filter),
  };
}

/**
 * The mutant cells runMistakeMatrix will run, given the correct-driver cells (in
 * `cache`): one per (mutant, scenario) whose correct runs reach the mistaken step.
 */
export function mutantCellsNeeded(work: MistakeMatrixWork, seed: number, cache: CellCache): Array<{ s: ScenarioT; ref: DesignRef; mistake: Mutant['mistake'] }> {
  const out: Array<{ s: ScenarioT; ref: DesignRef; mistake: Mutant['mistake'] }> = [];
  for (const ref of work.designs) {
    const mutants = work.mutants(ref);
    if (mutants.length === 0) continue;
    const reached = work.suite.map((s) => observe(s, ref, { seed }, cache).obligationsRun);
    for (const m of mutants) work.suite.forEach((s, i) => {
      if (reached[i]!.has(obligationKey(m))) out.push({ s, ref, mistake: m.mistake });
    });
  }
  return out;
}

function cellJson(m: Mutant, d: CellDiff): MistakeCellJsonT {
  return {
    design: m.designName, driver: m.mistake.driver, obligation: m.mistake.obligation, kind: m.kind, scenario: d.scenario,
    before: { outcome: d.before.outcome, summary: d.before.summary }, after: { outcome: d.after.outcome, summary: d.after.summary },
    newVisible: d.newVisible.map((s) => s.text), newHarm: d.newHarm.map((s) => s.text), obligationReached: d.reached,
  };
}

function byId(a: ScenarioT, b: ScenarioT): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The mistake matrix: one row per (design, driver, obligation, kind) the designs
 * declare, classified from the simulation, plus the n/a rows (named mistakes a design
 * cannot express; left out when an obligation or kind filter is given). Checked
 * against MistakeMatrixJson on the way out.
 */
export function runMistakeMatrix(opts: MistakeMatrixOptions): MistakeMatrixJsonT {
  const { seed } = opts;
  const work = mistakeMatrixWork(opts);
  const { designs, suite, filter } = work;
  const byScenario = new Map(work.originals.map((s) => [s.id, s]));
  const naRows = opts.obligation === undefined && opts.kind === undefined;
  const rows: MistakeRowJsonT[] = [];
  const cells: MistakeCellJsonT[] = [];
  const cache = opts.cache ?? new CellCache();
  for (const ref of designs) {
    const mutants = work.mutants(ref);
    let correct: Observation[] | null = null;
    for (const m of mutants) {
      correct ??= suite.map((s) => observe(s, ref, { seed }, cache));
      const base = correct;
      const key = obligationKey(m);
      const diffs = suite.map((s, i) => {
        const b = base[i]!;
        return diffCell(s, b, b.obligationsRun.has(key) ? observe(s, ref, { seed, mistake: m.mistake }, cache) : b, key);
      });
      const verdict = classifyMutant(diffs, (d) => statesOnly(byScenario.get(d.scenario), m));
      rows.push(mutantRow(m, verdict, diffs, reproduceFor(m, verdict, byScenario, seed, cache)));
      if (opts.cells) cells.push(...diffs.map((d) => cellJson(m, d)));
    }
    if (naRows) rows.push(...inexpressibleMistakes([ref], filter).map(naRow));
  }
  const names = designs.map((d) => resolveDesign(d).name);
  return MistakeMatrixJson.parse({
    version: MISTAKES_VERSION, seed, scenarios: suite.map((s) => s.id), designs: names,
    drivers: obligatedDrivers(designs).filter((d) => opts.driver === undefined || d === opts.driver), rows,
    scores: names.map((n) => scoreOf(n, rows)), ...(opts.cells ? { cells } : {}),
  });
}

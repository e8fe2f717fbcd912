// The misuse gate: compare each cell with the committed baseline by the one severity
// order (scenarios/outcome.ts). Worse fails; better is reported and passes; a cell the
// baseline does not know (or knows and no longer exists) is reported and passes unless
// strict. Counters of the lookup path may not grow beyond the tolerance.
import { SEVERITY, type CellResult, type OutcomeT } from '../scenarios/index.ts';
import type { BaselineT } from './baseline.ts';
import { reproduceCommand } from './comparison.ts';

export interface CellChange {
  readonly scenario: string;
  readonly design: string;
  readonly before: OutcomeT;
  readonly after: OutcomeT;
  /** The evidence line of the new outcome. */
  readonly evidence: string;
  readonly reproduce: string;
}

export interface CounterIncrease {
  readonly design: string;
  readonly counter: string;
  readonly before: number;
  readonly after: number;
}

export interface ExtraRegression {
  /** What the line is about, e.g. "mistake driver-op/vfio-pci/add-bar-start/omit". */
  readonly what: string;
  readonly before: string;
  readonly after: string;
  readonly reproduce?: string;
}

export interface GateResult {
  readonly regressions: readonly CellChange[];
  readonly improvements: readonly CellChange[];
  /** Same severity, another word (ok <-> rejected), or a change to or from n/a. */
  readonly changed: readonly CellChange[];
  /** Cells the baseline does not have. */
  readonly added: ReadonlyArray<{ readonly scenario: string; readonly design: string; readonly outcome: OutcomeT }>;
  /** Cells the baseline has that this run did not produce. */
  readonly missing: ReadonlyArray<{ readonly scenario: string; readonly design: string; readonly outcome: OutcomeT }>;
  readonly counterIncreases: readonly CounterIncrease[];
  readonly counterDecreases: readonly CounterIncrease[];
  /** Regressions other analyses report (mistake classes). */
  readonly extra: readonly ExtraRegression[];
  /** Rows of other analyses the baseline does not have (mistake rows of a new design). */
  readonly extraAdded: readonly string[];
  readonly cellsCompared: number;
  readonly strict: boolean;
}

export interface GateInputs {
  readonly cells: readonly CellResult[];
  /** Lookup-path counters per design, when the caller measured them. */
  readonly counters?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly extra?: readonly ExtraRegression[];
  readonly extraAdded?: readonly string[];
  readonly strict?: boolean;
}

function change(c: CellResult, before: OutcomeT): CellChange {
  return { scenario: c.scenario, design: c.design, before, after: c.outcome, evidence: c.evidence.summary, reproduce: reproduceCommand(c.scenario, c.design) };
}

function compareCounters(base: BaselineT, now: GateInputs['counters']): { up: CounterIncrease[]; down: CounterIncrease[] } {
  const up: CounterIncrease[] = [];
  const down: CounterIncrease[] = [];
  if (!base.counters || !now) return { up, down };
  const tol = base.counterTolerance ?? 0;
  for (const design of Object.keys(now).sort()) {
    const b = base.counters[design];
    const n = now[design];
    if (!b || !n) continue;
    for (const counter of Object.keys(n).sort()) {
      const before = b[counter];
      const after = n[counter];
      if (before === undefined || after === undefined) continue;
      if (after > before + tol) up.push({ design, counter, before, after });
      else if (after < before) down.push({ design, counter, before, after });
    }
  }
  return { up, down };
}

export function compareWithBaseline(base: BaselineT, inp: GateInputs): GateResult {
  const regressions: CellChange[] = [];
  const improvements: CellChange[] = [];
  const changed: CellChange[] = [];
  const added: Array<{ scenario: string; design: string; outcome: OutcomeT }> = [];
  const seen = new Set<string>();
  let cellsCompared = 0;
  for (const c of inp.cells) {
    seen.add(`${c.scenario}\0${c.design}`);
    const before = base.cells[c.scenario]?.[c.design];
    if (before === undefined) {
      added.push({ scenario: c.scenario, design: c.design, outcome: c.outcome });
      continue;
    }
    cellsCompared += 1;
    if (before === c.outcome) continue;
    const rb = SEVERITY[before];
    const ra = SEVERITY[c.outcome];
    if (rb === null || ra === null || rb === ra) changed.push(change(c, before));
    else if (ra > rb) regressions.push(change(c, before));
    else improvements.push(change(c, before));
  }
  // A run restricted to some designs does not miss the others; a scenario the baseline
  // has and the run did not (deleted or renamed) is missing for every design that ran.
  const ranDesigns = new Set(inp.cells.map((c) => c.design));
  const missing: Array<{ scenario: string; design: string; outcome: OutcomeT }> = [];
  for (const scenario of Object.keys(base.cells).sort()) {
    for (const design of Object.keys(base.cells[scenario] ?? {}).sort()) {
      const outcome = base.cells[scenario]?.[design];
      if (outcome !== undefined && ranDesigns.has(design) && !seen.has(`${scenario}\0${design}`)) missing.push({ scenario, design, outcome });
    }
  }
  const { up, down } = compareCounters(base, inp.counters);
  return {
    regressions, improvements, changed, added, missing, counterIncreases: up, counterDecreases: down,
    extra: inp.extra ?? [], extraAdded: inp.extraAdded ?? [], cellsCompared, strict: inp.strict === true,
  };
}

/** Whether the gate fails. */
export function gateFails(r: GateResult): boolean {
  if (r.regressions.length > 0 || r.counterIncreases.length > 0 || r.extra.length > 0) return true;
  return r.strict && (r.added.length > 0 || r.missing.length > 0 || r.changed.length > 0 || r.extraAdded.length > 0);
}

function changeLine(c: CellChange): string[] {
  return [`  ${c.scenario} / ${c.design}: ${c.before} -> ${c.after}`, `      ${c.evidence}`, `      reproduce: ${c.reproduce}`];
}

/**
 * Appends a heading and the lines of every item. A loop, not `out.push(...items)`: a
 * spread passes every element as an argument, and a baseline of 160k cells overflows
 * the call stack.
 */
function section<T>(out: string[], heading: string, items: readonly T[], lines: (x: T) => readonly string[]): void {
  if (items.length === 0) return;
  out.push(heading);
  for (const x of items) for (const l of lines(x)) out.push(l);
}

const counterLine = (c: CounterIncrease): string[] => [`  ${c.design} ${c.counter}: ${c.before} -> ${c.after}`];

/** The gate's text report. */
export function formatGate(r: GateResult): string {
  const out: string[] = [];
  const fail = gateFails(r);
  const strict = r.strict ? ', fails with --strict' : '';
  section(out, `REGRESSED (${r.regressions.length}):`, r.regressions, changeLine);
  section(out, `COUNTERS UP (${r.counterIncreases.length}):`, r.counterIncreases, counterLine);
  section(out, `REGRESSED (${r.extra.length}, other analyses):`, r.extra,
    (e) => [`  ${e.what}: ${e.before} -> ${e.after}`, ...(e.reproduce ? [`      reproduce: ${e.reproduce}`] : [])]);
  section(out, `improved (${r.improvements.length}):`, r.improvements, changeLine);
  section(out, `changed at the same severity or to/from n/a (${r.changed.length})${strict}:`, r.changed, changeLine);
  section(out, `counters down (${r.counterDecreases.length}; run --update to lock them in):`, r.counterDecreases, counterLine);
  section(out, `not in the baseline (${r.added.length})${strict}:`, r.added, (a) => [`  ${a.scenario} / ${a.design}: ${a.outcome}`]);
  section(out, `other rows not in the baseline (${r.extraAdded.length})${strict}:`, r.extraAdded, (a) => [`  ${a}`]);
  section(out, `in the baseline but not run (${r.missing.length})${strict}:`, r.missing, (a) => [`  ${a.scenario} / ${a.design}: was ${a.outcome}`]);
  out.push(`gate: ${fail ? 'FAIL' : 'pass'}: ${r.cellsCompared} cells compared, ${r.regressions.length} worse, ${r.improvements.length} better, ` +
    `${r.counterIncreases.length} counter increases${r.extra.length > 0 ? `, ${r.extra.length} other regressions` : ''}`);
  return `${out.join('\n')}\n`;
}

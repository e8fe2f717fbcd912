// The harness: a suite is rows (one per design, or per point of a scaling run); each row
// prepares its machine untimed, then tinybench times its operation. The rows of a suite
// are interleaved round by round (the order flips every round, so drift hits all rows
// alike), each round with fixed warm-up and iteration counts, and every result is
// consumed so the JIT cannot drop the work. A row whose operation throws is recorded as
// errored and the suite goes on (tinybench's `errored` task).
import { Bench } from 'tinybench';
import type { Counters } from './counters.ts';
import { BASELINE_DESIGN } from './suites/rows.ts';
import { summarize, type Summary } from './stats.ts';

export type Mode = 'full' | 'quick';

/** A row's prepared state. */
export interface Prepared {
  /** The timed operation. */
  run(): unknown;
  /** Untimed, before every timed run (undo what the last run left behind). */
  reset?(): void;
  /** Exact cost counters of one run (untimed; resets first as a timed run would). */
  count(): Counters;
}

export interface Row {
  readonly id: string;
  /** First column of the table: the design, or the point of a scaling run. */
  readonly label: string;
  readonly design?: string;
  /** The scaling parameter (vmas, bytes). */
  readonly x?: number;
  /** The line of the chart this row is a point of (the design, or a pattern). */
  readonly series?: string;
  /** Id of the row this one's median is divided by (status-quo in the same suite). */
  readonly ratioTo?: string;
  /** Operations one run performs; times are reported per operation. Default 1. */
  readonly ops?: number;
  prepare(): Prepared;
}

export interface Suite {
  readonly id: string;
  readonly title: string;
  /** What one timed run is, for the reader. */
  readonly note: string;
  readonly rows: readonly Row[];
  /** Heading of the label column; 'design' when absent. */
  readonly labelTitle?: string;
  /** What the ratio column divides by; 'status-quo' when absent. */
  readonly ratioTitle?: string;
  /** Timed runs per row per round. */
  readonly iterations: Readonly<Record<Mode, number>>;
  /** Untimed warm-up runs per row in the first round (a quarter of it in later ones); the iteration count when absent. */
  readonly warmup?: Readonly<Record<Mode, number>>;
  /** A rate column: `unit` per second, `perOp` units per operation. */
  readonly rate?: { readonly unit: string; readonly perOp: number };
  /** A scaling run: chart median against x, one line per design. */
  readonly chart?: { readonly xTitle: string; readonly xLabel: (x: number) => string };
}

export interface RowResult extends Partial<Summary> {
  readonly id: string;
  readonly label: string;
  readonly design?: string;
  readonly x?: number;
  readonly series?: string;
  readonly error?: string;
  readonly ratioTo?: string;
  /** median / median of ratioTo; undefined when either is missing. */
  readonly ratio?: number;
  readonly counters?: Counters;
}

export interface SuiteResult {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly labelTitle: string;
  readonly ratioTitle: string;
  readonly rate?: Suite['rate'];
  readonly chart?: { readonly xTitle: string; readonly labels: Readonly<Record<string, string>> };
  readonly rows: readonly RowResult[];
}

/** Rounds each suite's rows are interleaved over. */
export const ROUNDS: Readonly<Record<Mode, number>> = { full: 12, quick: 4 };

let sink = 0;
/** Keeps a result alive: folds it into module state the JIT cannot prove dead. */
function consume(v: unknown): void {
  sink = (sink + (typeof v === 'number' ? v : v === undefined ? 0 : 1)) | 0;
}

interface Live {
  readonly row: Row;
  readonly p: Prepared | null;
  error?: string;
  readonly samples: number[];
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function prepareRow(row: Row): Live {
  try {
    return { row, p: row.prepare(), samples: [] };
  } catch (e) {
    return { row, p: null, error: `setup: ${errorText(e)}`, samples: [] };
  }
}

function runRound(suite: Suite, live: readonly Live[], mode: Mode, round: number): void {
  const n = suite.iterations[mode];
  const warmup = suite.warmup?.[mode] ?? n;
  const bench = new Bench({
    iterations: n, time: 0, warmupIterations: round === 0 ? warmup : Math.ceil(warmup / 4), warmupTime: 0,
    retainSamples: true, throws: false,
  });
  const order = round % 2 === 1 ? [...live].reverse() : live;
  for (const l of order) {
    const p = l.p;
    if (!p || l.error !== undefined) continue;
    // async: false, or tinybench calls the function once (unreset) to see if it returns a promise.
    bench.add(l.row.id, () => consume(p.run()), p.reset ? { async: false, beforeEach: () => p.reset!() } : { async: false });
  }
  bench.runSync();
  for (const l of live) {
    const r = bench.getTask(l.row.id)?.result;
    if (!r) continue;
    if (r.state === 'errored') l.error = errorText(r.error);
    else if (r.state === 'completed') {
      const ops = l.row.ops ?? 1;
      for (const ms of r.latency.samples ?? []) l.samples.push(ms / ops);
    }
  }
}

function finish(l: Live): RowResult {
  const { row } = l;
  const base = {
    id: row.id, label: row.label,
    ...(row.design !== undefined ? { design: row.design } : {}), ...(row.x !== undefined ? { x: row.x } : {}),
    ...(row.series !== undefined ? { series: row.series } : {}),
    ...(row.ratioTo !== undefined ? { ratioTo: row.ratioTo } : {}),
  };
  if (l.error !== undefined || !l.p || l.samples.length === 0) return { ...base, error: l.error ?? 'no samples' };
  let counters: Counters | undefined;
  try {
    counters = l.p.count();
  } catch (e) {
    return { ...base, error: `count: ${errorText(e)}` };
  }
  return { ...base, ...summarize(l.samples), counters };
}

function withRatios(rows: readonly RowResult[]): RowResult[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => {
    const to = r.ratioTo === undefined ? undefined : byId.get(r.ratioTo);
    if (!to || to.medianMs === undefined || r.medianMs === undefined || to.medianMs <= 0) return r;
    return { ...r, ratio: r.medianMs / to.medianMs };
  });
}

/** Runs one suite: prepare every row, interleave ROUNDS[mode] rounds, summarise, count. */
export function runSuite(suite: Suite, mode: Mode): SuiteResult {
  const live = suite.rows.map(prepareRow);
  for (let round = 0; round < ROUNDS[mode]; round++) runRound(suite, live, mode, round);
  const rows = withRatios(live.map(finish));
  const chart = suite.chart;
  return {
    id: suite.id, title: suite.title, note: suite.note, labelTitle: suite.labelTitle ?? 'design',
    ratioTitle: suite.ratioTitle ?? BASELINE_DESIGN, ...(suite.rate ? { rate: suite.rate } : {}),
    ...(chart ? {
      chart: {
        xTitle: chart.xTitle,
        labels: Object.fromEntries(rows.filter((r) => r.x !== undefined).map((r) => [String(r.x), chart.xLabel(r.x!)])),
      },
    } : {}),
    rows,
  };
}

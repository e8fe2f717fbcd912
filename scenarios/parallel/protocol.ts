// What goes to a worker and what comes back, per kind of job. Only data crosses: a
// scenario is plain data, a design travels as its name or module file (designs.ts; a
// Design object holds functions) and is looked up again in the worker.
import type { DriverMistake } from '../../core/index.ts';
import type { Observation } from '../mutants/observe.ts';
import type { FuzzMode } from '../fuzzer/targets.ts';
import type { CellResult } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';
import type { Trace } from '../trace.ts';
import type { DesignWire } from './designs.ts';

/**
 * What a command reads of a cell, so a worker sends back no more than that:
 * `runs`: the cell and every run of its sweep (what a CellCache holds);
 * `observed`: the cell and what observe() makes of it (the mistake matrix's correct cells);
 * `traced`: that and its trace (the report's matrix, trace.ts runTraced);
 * `observation`: only what observe() makes of it (the mistake matrix's mutant cells).
 */
export type CellWant = 'runs' | 'observed' | 'traced' | 'observation';

export interface CellJob {
  readonly scenario: ScenarioT;
  readonly design: DesignWire;
  readonly seed: number;
  readonly mistake?: DriverMistake;
  readonly want: CellWant;
}

/** What came back, as `want` asked (a trace without its scenario, which the caller has). */
export interface CellReply {
  readonly cell?: CellResult;
  readonly runs?: ReadonlyMap<number, CellResult>;
  readonly observation?: Observation;
  readonly trace?: Omit<Trace, 'scenario'>;
}

export interface FuzzJob {
  readonly seed: number;
  readonly index: number;
  readonly maxSteps: number;
  readonly mode: FuzzMode;
  readonly designs: readonly DesignWire[];
}

/** One fuzzed sequence: the keys of the failures it shows (in the campaign's order) and ms spent per design. */
export interface FuzzReply {
  readonly keys: readonly string[];
  readonly spent: readonly number[];
  /** Steps of the sequence; 0: empty, skipped (as in one thread). */
  readonly steps: number;
}

export interface JobRequest {
  readonly cell: CellJob;
  readonly fuzz: FuzzJob;
}

export interface JobReply {
  readonly cell: CellReply;
  readonly fuzz: FuzzReply;
}

export type JobKind = keyof JobRequest;

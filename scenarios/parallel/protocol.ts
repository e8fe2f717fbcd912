// What goes to a worker and what comes back, per kind of job. Only data crosses: a
// scenario is plain data, a design travels as its name or module file (designs.ts; a
// Design object holds functions) and is looked up again in the worker.
import type { DriverMistake } from '../../core/index.ts';
import type { CellRuns } from '../cell-cache.ts';
import type { Observation } from '../mutants/observe.ts';
import type { FuzzMode } from '../fuzzer/targets.ts';
import type { CellResult } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';
import type { DesignWire } from './designs.ts';

export interface CellJob {
  readonly scenario: ScenarioT;
  readonly design: DesignWire;
  readonly seed: number;
  readonly mistake?: DriverMistake;
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

/** A cell as the report reads it (its sweep runs left out) with what observe() makes of it. */
export interface ObservedCell {
  readonly cell: CellResult;
  readonly observation: Observation;
}

export interface JobRequest {
  readonly cell: CellJob;
  /** A cell and its observation, without the sweep runs (the report's matrix: what it and the mistake matrix read). */
  readonly observed: CellJob;
  /** A cell of which only its observation is wanted (the mistake matrix's mutants: much less to send back). */
  readonly observe: CellJob;
  readonly fuzz: FuzzJob;
}

export interface JobReply {
  readonly cell: CellRuns;
  readonly observed: ObservedCell;
  readonly observe: Observation;
  readonly fuzz: FuzzReply;
}

export type JobKind = keyof JobRequest;

// One `arena bench` run: the comparison's CPU time first (while the process is cold),
// the lookup-path counters, then every suite in order; the targets from all of it.
import { DESIGN_NAMES } from '../designs/registry.ts';
import type { DesignRef } from '../scenarios/index.ts';
import { LOOKUP_PATH_WORKLOAD, lookupPathCounters, type Counters } from './counters.ts';
import { measureComparisonCpu, type ComparisonWork, type CpuMeasure } from './cpu.ts';
import { ROUNDS, runSuite, type Mode, type SuiteResult } from './harness.ts';
import { machineInfo, type MachineInfo } from './machine.ts';
import { allSuites } from './suites/index.ts';
import { CPU_ID, SPEED_ID } from './ids.ts';
import { designName } from './suites/rows.ts';
import { defaultJobs } from '../scenarios/parallel/index.ts';
import { measureSpeed, type SpeedMeasure, type SpeedOptions } from './speed.ts';
import { speedTargets } from './speed-targets.ts';
import { computeTargets, type Target } from './targets.ts';

/** Bumped when the shape of bench.json changes. */
export const BENCH_VERSION = 1;

export interface BenchReport {
  readonly version: typeof BENCH_VERSION;
  readonly mode: Mode;
  readonly rounds: number;
  readonly machine: MachineInfo;
  readonly designs: readonly string[];
  readonly targets: readonly Target[];
  readonly cpu: CpuMeasure | null;
  /** Issue 16's start-up, throughput, jobs and memory figures (child processes of the bin). */
  readonly speed: SpeedMeasure | null;
  readonly lookupPath: { readonly workload: readonly string[]; readonly counters: Readonly<Record<string, Counters>> };
  readonly suites: readonly SuiteResult[];
}

export interface BenchOptions {
  readonly mode: Mode;
  /** Suite ids to run (and 'cpu' for the comparison's CPU time); everything when absent. */
  readonly only?: readonly string[];
  readonly designs?: readonly DesignRef[];
  /** What to time as the full comparison (runScenarios by default). */
  readonly comparison?: ComparisonWork;
  /** Called as each suite finishes (progress output). */
  readonly onSuite?: (r: SuiteResult) => void;
  /** --jobs for the figures that compare job counts (the timed suites run in one thread). */
  readonly jobs?: number;
}



export function runBench(o: BenchOptions): BenchReport {
  const designs = o.designs ?? DESIGN_NAMES;
  const wanted = (id: string): boolean => o.only === undefined || o.only.includes(id);
  const cpu = wanted(CPU_ID) ? measureComparisonCpu(o.comparison) : null;
  const speedOpts: SpeedOptions = { quick: o.mode === 'quick', jobs: o.jobs ?? defaultJobs() };
  const speed = wanted(SPEED_ID) ? measureSpeed(speedOpts) : null;
  const names = designs.map(designName);
  const counters = Object.fromEntries(designs.map((d, i) => [names[i]!, lookupPathCounters(d)]));
  const suites: SuiteResult[] = [];
  for (const suite of allSuites(designs).filter((s) => wanted(s.id))) {
    const r = runSuite(suite, o.mode);
    suites.push(r);
    o.onSuite?.(r);
  }
  return {
    version: BENCH_VERSION, mode: o.mode, rounds: ROUNDS[o.mode], machine: machineInfo(), designs: names,
    targets: [...(speed ? speedTargets(speed) : []), ...computeTargets(suites, cpu, names)], cpu, speed,
    lookupPath: { workload: LOOKUP_PATH_WORKLOAD.map((l) => `MAP_DMA + UNMAP_DMA of ${l.what}`), counters },
    suites,
  };
}

export { CPU_ID, SPEED_ID } from './ids.ts';

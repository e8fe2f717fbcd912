// bench: tinybench suites over the designs, the exact lookup-path counters the gate
// holds, and the bench report. What cli/ and reports/ may import.
export {
  LOOKUP_PATH_WORKLOAD, asCounters, countOnce, counterDelta, formatDelta, lookupPathCounters, type Counters,
} from './counters.ts';
export { ROUNDS, runSuite, type Mode, type Prepared, type Row, type RowResult, type Suite, type SuiteResult } from './harness.ts';
export { benchMarkdown, scalingChart } from './markdown.ts';
export { RUN_SCENARIOS, measureComparisonCpu, type ComparisonWork, type CpuMeasure } from './cpu.ts';
export { BENCH_VERSION, CPU_ID, SPEED_ID, runBench, type BenchOptions, type BenchReport } from './run.ts';
export { SUITE_IDS, allSuites } from './suites/index.ts';
export { MISS_CAUSES, speedTargets } from './speed-targets.ts';
export { BIN, matrixThroughput, measureSpeed, type SpeedMeasure, type SpeedOptions } from './speed.ts';
export { computeTargets, targetLine, withinMargin, type Target, type TargetStatus } from './targets.ts';
export { suiteText, targetsText } from './text.ts';
export { writeBenchReports } from './write.ts';

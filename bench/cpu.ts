// The CPU time of the full comparison (every scenario on every design, seed 1), as the
// first call in the process (scenario files loaded and parsed inside it), measured with
// process.cpuUsage (user + system) so a busy machine does not inflate it. The CLI
// measures reports' buildComparison(); bench alone measures runScenarios.
import { runScenarios } from '../scenarios/index.ts';

/** The work timed as "the full comparison". */
export interface ComparisonWork {
  readonly what: string;
  readonly run: () => unknown;
}

export const RUN_SCENARIOS: ComparisonWork = { what: 'runScenarios({ seed: 1 })', run: () => runScenarios({ seed: 1 }) };

export interface CpuMeasure {
  readonly what: string;
  /** CPU seconds of the first full comparison in this process. */
  readonly firstSeconds: number;
  /** CPU seconds of a second one (modules and JIT warm). */
  readonly warmSeconds: number;
}

function cpuSeconds(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

export function measureComparisonCpu(work: ComparisonWork = RUN_SCENARIOS): CpuMeasure {
  const firstSeconds = cpuSeconds(work.run);
  return { what: work.what, firstSeconds, warmSeconds: cpuSeconds(work.run) };
}

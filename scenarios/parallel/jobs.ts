// --jobs default, apart from the pool so the CLI can name it without loading workers.
import { availableParallelism } from 'node:os';

/**
 * --jobs default: one per core but one. A single busy isolate already keeps V8's GC and
 * compiler threads on a second core (1.5 s wall for 2.4 s CPU on `npm start`), so on a
 * 2-core machine a second worker made `report` slower (1.7 s -> 2.0 s wall) while costing
 * another module load and JIT warm-up; docs/decisions.md "Speed (issue 16)".
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

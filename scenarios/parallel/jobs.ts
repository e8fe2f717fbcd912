// --jobs default, apart from the pool so the CLI can name it without loading workers.
import { availableParallelism } from 'node:os';

/** --jobs default: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

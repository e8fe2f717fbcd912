// What a job of each kind does, the same in a worker and in the calling thread (which
// takes its share of the items too, see pool.ts).
import { isDesignName, type DesignName } from '../../designs/registry.ts';
import { runCellWithRuns } from '../cell-cache.ts';
import { sequenceTargets } from '../fuzzer/campaign.ts';
import type { JobKind, JobReply, JobRequest } from './protocol.ts';

function registered(n: string): DesignName {
  if (!isDesignName(n)) throw new Error(`unknown design "${n}" sent to a worker`);
  return n;
}

export const HANDLERS: { readonly [K in JobKind]: (job: JobRequest[K]) => JobReply[K] } = {
  cell: (j) => runCellWithRuns(j.scenario, registered(j.design), { seed: j.seed, ...(j.mistake ? { mistake: j.mistake } : {}) }),
  fuzz: (j) => {
    const r = sequenceTargets(j.seed, j.index, j.maxSteps, j.designs.map(registered), j.mode, () => performance.now());
    return { keys: r.targets.map((t) => t.key), spent: r.spent, steps: r.steps };
  },
};

export function handle<K extends JobKind>(kind: K, items: ReadonlyArray<JobRequest[K]>): Array<JobReply[K]> {
  const h = HANDLERS[kind] as (job: JobRequest[K]) => JobReply[K];
  return items.map(h);
}

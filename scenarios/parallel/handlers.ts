// What a job of each kind does, the same in a worker and in the calling thread (which
// takes its share of the items too, see pool.ts).
import { CellCache, runCellWithRuns } from '../cell-cache.ts';
import { sequenceTargets } from '../fuzzer/campaign.ts';
import { observe } from '../mutants/observe.ts';
import { unwireDesign } from './designs.ts';
import type { JobKind, JobReply, JobRequest } from './protocol.ts';

export const HANDLERS: { readonly [K in JobKind]: (job: JobRequest[K]) => Promise<JobReply[K]> } = {
  cell: async (j) => runCellWithRuns(j.scenario, await unwireDesign(j.design), { seed: j.seed, ...(j.mistake ? { mistake: j.mistake } : {}) }),
  observed: async (j) => {
    const design = await unwireDesign(j.design);
    const params = { seed: j.seed, ...(j.mistake ? { mistake: j.mistake } : {}) };
    const one = new CellCache();
    const { cell } = one.get(j.scenario, design, params);
    return { cell, observation: observe(j.scenario, design, params, one) };
  },
  observe: async (j) => observe(j.scenario, await unwireDesign(j.design), { seed: j.seed, ...(j.mistake ? { mistake: j.mistake } : {}) }),
  fuzz: async (j) => {
    const designs = await Promise.all(j.designs.map(unwireDesign));
    const r = sequenceTargets(j.seed, j.index, j.maxSteps, designs, j.mode, () => performance.now());
    return { keys: r.targets.map((t) => t.key), spent: r.spent, steps: r.steps };
  },
};

export async function handle<K extends JobKind>(kind: K, items: ReadonlyArray<JobRequest[K]>): Promise<Array<JobReply[K]>> {
  const h = HANDLERS[kind] as (job: JobRequest[K]) => Promise<JobReply[K]>;
  const out: Array<JobReply[K]> = [];
  for (const item of items) out.push(await h(item));
  return out;
}

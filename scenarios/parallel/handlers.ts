// What a job of each kind does, the same in a worker and in the calling thread (which
// takes its share of the items too, see pool.ts).
import { CellCache, runCellWithRuns } from '../cell-cache.ts';
import { sequenceTargets } from '../fuzzer/campaign.ts';
import { observe } from '../mutants/observe.ts';
import { runTraced } from '../trace.ts';
import { unwireDesign } from './designs.ts';
import type { CellJob, CellReply, JobKind, JobReply, JobRequest } from './protocol.ts';

async function cell(j: CellJob): Promise<CellReply> {
  const design = await unwireDesign(j.design);
  const params = { seed: j.seed, ...(j.mistake ? { mistake: j.mistake } : {}) };
  if (j.want === 'runs') return runCellWithRuns(j.scenario, design, params);
  // observe() reads the sweep runs from this one-cell cache; they stay here.
  const one = new CellCache();
  if (j.want === 'observation') return { observation: observe(j.scenario, design, params, one) };
  if (j.want === 'observed') return { cell: one.get(j.scenario, design, params).cell, observation: observe(j.scenario, design, params, one) };
  const { cell: c, trace: { scenario: _scenario, ...trace } } = runTraced(j.scenario, design, j.seed, one);
  return { cell: c, trace, observation: observe(j.scenario, design, params, one) };
}

export const HANDLERS: { readonly [K in JobKind]: (job: JobRequest[K]) => Promise<JobReply[K]> } = {
  cell,
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

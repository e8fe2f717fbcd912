// A fuzz campaign over worker threads: the workers generate and run the sequences, this
// thread folds their failure keys in index order exactly as fuzz() does and shrinks the
// first sequence of each new key here (it re-runs that one sequence for its Targets,
// which hold predicates). Findings and counts are those of fuzz(); only the throughput
// differs, each design's seconds being its share of the wall time.
import { DEFAULT_MAX_STEPS, foldCampaign, fuzz, sequenceTargets, type FuzzOptions, type FuzzResult } from '../fuzzer/campaign.ts';
import { NO_SHARD, shardIndices } from '../fuzzer/shard.ts';
import { wireDesigns } from './designs.ts';
import { withPool } from './pool.ts';

/** Sequences per message: large enough that posting costs little, small enough to balance. */
const CHUNK = 250;

export async function fuzzInWorkers(o: FuzzOptions, jobs: number): Promise<FuzzResult> {
  const designs = wireDesigns(o.designs);
  if (jobs <= 1 || designs === null) return fuzz(o);
  const maxSteps = o.maxSteps ?? DEFAULT_MAX_STEPS;
  const mode = o.mode ?? 'single';
  const indices = shardIndices(o.runs, o.shard ?? NO_SHARD);
  const t0 = o.clock?.() ?? 0;
  const items = indices.map((index) => ({ seed: o.seed, index, maxSteps, mode, designs }));
  const replies = await withPool(jobs, (pool) => pool.run('fuzz', items, CHUNK));
  const wall = (o.clock?.() ?? 0) - t0;
  return foldCampaign(o, (done, index) => {
    const r = replies[done]!;
    return { ...r, targets: () => sequenceTargets(o.seed, index, maxSteps, o.designs, mode).targets };
  }, (ms, total) => (total > 0 ? (wall * ms) / total / 1000 : 0));
}

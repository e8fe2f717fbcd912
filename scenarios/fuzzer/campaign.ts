// A fuzzing campaign: for each sequence index of this shard, generate the sequence
// (fast-check, seeded by the index alone), run it on a fresh kernel per design, check
// the invariants, and shrink the first sequence of every new failure key into a
// reproducer. Deterministic: no clock or Math.random decides anything; the optional
// clock only measures throughput.
import fc from 'fast-check';
import type { Design } from '../../core/index.ts';
import type { OutcomeT } from '../outcome.ts';
import type { DesignRef } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';
import { interpret, sequenceArb, sequenceScenario } from './arbitrary.ts';
import { runSequence } from './execute.ts';
import type { FindingJsonT, FindingsJsonT } from './findings.ts';
import { NO_SHARD, sequenceSeed, shardIndices, type Shard } from './shard.ts';
import { shrinkSequence } from './shrink.ts';
import { diffTarget, singleTargets, type FuzzMode, type Target } from './targets.ts';
import type { Action } from './ops.ts';
import { DEFAULT_MAX_FINDINGS, DEFAULT_MAX_STEPS } from './defaults.ts';

export { DEFAULT_MAX_FINDINGS, DEFAULT_MAX_STEPS } from './defaults.ts';

export interface FuzzOptions {
  readonly designs: readonly DesignRef[];
  readonly runs: number;
  readonly seed: number;
  readonly maxSteps?: number;
  readonly shard?: Shard;
  readonly mode?: FuzzMode;
  readonly maxFindings?: number;
  /** Called every `progressEvery` sequences (and at the end). */
  readonly onProgress?: (p: Progress) => void;
  readonly progressEvery?: number;
  /** A monotonic clock in ms (performance.now) to measure throughput; none: no throughput. */
  readonly clock?: () => number;
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly failing: number;
  readonly findings: number;
}

export interface Finding extends FindingJsonT {
  readonly scenario: ScenarioT;
}

export interface Throughput {
  readonly design: string;
  readonly sequences: number;
  /** Seconds spent generating and running this design's sequences (shrinking excluded). */
  readonly seconds: number;
  readonly perSecond: number;
}

export interface FuzzResult {
  readonly doc: Omit<FindingsJsonT, 'findings'>;
  readonly findings: readonly Finding[];
  /** Sequences that broke an invariant, by failure key (shrunk or not), in first-seen order. */
  readonly counts: ReadonlyMap<string, number>;
  readonly throughput: readonly Throughput[] | null;
}

const label = (d: DesignRef): string => (typeof d === 'string' ? d : (d as Design).name);

// fast-check arbitraries are immutable descriptions of how to generate, so one per
// maxSteps serves every sequence; building it anew cost about a third of generateActions.
const arbs = new Map<number, fc.Arbitrary<readonly Action[]>>();

/** The actions sequence `index` of campaign `seed` is made of (the same value fc.check shrinks from). */
export function generateActions(seed: number, index: number, maxSteps: number): readonly Action[] {
  let arb = arbs.get(maxSteps);
  if (arb === undefined) {
    arb = sequenceArb(maxSteps);
    arbs.set(maxSteps, arb);
  }
  // fc.sample draws exactly what fc.check with this seed would run first, without the runner.
  return fc.sample(arb, { seed: sequenceSeed(seed, index), numRuns: 1 })[0] ?? [];
}

/** A scenario id: lower-case words joined by '-'. */
function slug(...parts: readonly (string | number)[]): string {
  return parts.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function describe(t: Target, seed: number, index: number, from: number, steps: number, summary: string): Pick<ScenarioT, 'id' | 'title' | 'description'> {
  const id = t.mode === 'single' ? slug('fuzz', seed, index, t.designs[0] ?? '', t.kind) : slug('fuzz', seed, index, 'diff', ...t.designs.join(' vs ').split(' '));
  const title = t.mode === 'single'
    ? `fuzz: ${t.kind} at ${t.at} on ${t.designs[0] ?? ''}`
    : `fuzz: ${t.designs[0] ?? ''} ${t.kind} at ${t.at} where ${t.designs[1] ?? ''} is safe`;
  const description = `Found by arena fuzz --seed ${seed} (sequence ${index}${t.mode === 'diff' ? ', --diff' : ''}), shrunk from ${from} to ${steps} step(s). ${summary}`;
  return { id, title, description };
}

function shrinkTarget(o: Required<Pick<FuzzOptions, 'seed' | 'maxSteps'>>, designs: readonly DesignRef[], t: Target, index: number, from: number): Finding | null {
  const shrunk = shrinkSequence(sequenceSeed(o.seed, index), o.maxSteps, t.shows);
  if (!shrunk) return null;
  const runs = designs.map((d) => runSequence(shrunk.scenario, d));
  const outcomes: Record<string, OutcomeT> = {};
  for (const r of runs) outcomes[r.design] = r.outcome;
  const about = runs.find((r) => r.design === t.designs[0]);
  const summary = about?.violation?.summary ?? about?.cell.evidence.summary ?? '';
  const meta = describe(t, o.seed, index, from, shrunk.scenario.steps.length, summary);
  const scenario: ScenarioT = {
    ...shrunk.scenario, ...meta, origin: `fuzz, seed ${o.seed}, path ${index}:${shrunk.path}`,
    category: shrunk.scenario.steps.some((s) => s.kind === 'fail-nth') ? 'fault-injection' : 'lifecycle',
  };
  return {
    id: scenario.id, mode: t.mode, key: t.key, group: t.group, kind: t.kind, at: t.at, designs: [...t.designs], outcomes, summary,
    seed: o.seed, index, path: `${index}:${shrunk.path}`, steps: scenario.steps.length, shrunkFrom: from, count: 1, replay: '', scenario,
  };
}

/** What one sequence of a campaign shows: its failures, and the ms spent per design (generation shared out). */
export interface SequenceOutcome {
  readonly targets: readonly Target[];
  readonly spent: readonly number[];
  /** Steps of the sequence; 0: empty, not run. */
  readonly steps: number;
}

/** Generates sequence `index` of campaign `seed`, runs it on every design and names its failures. */
export function sequenceTargets(
  seed: number, index: number, maxSteps: number, designs: readonly DesignRef[], mode: FuzzMode, clock?: () => number,
): SequenceOutcome {
  const spent = designs.map(() => 0);
  const t0 = clock?.() ?? 0;
  const steps = interpret(generateActions(seed, index, maxSteps), maxSteps);
  const share = ((clock?.() ?? 0) - t0) / designs.length;
  if (steps.length === 0) return { targets: [], spent, steps: 0 };
  const s = sequenceScenario(steps);
  const ran = designs.map((ref, i) => {
    const t1 = clock?.() ?? 0;
    const run = runSequence(s, ref);
    spent[i] = share + (clock?.() ?? 0) - t1;
    return { ref, run };
  });
  const targets = mode === 'diff' ? [diffTarget(ran)].filter((t) => t !== null) : singleTargets(ran);
  return { targets, spent, steps: steps.length };
}

/** One sequence as the fold sees it: its failure keys, and its Targets only when a new key needs shrinking. */
export interface SequenceKeys {
  readonly keys: readonly string[];
  readonly spent: readonly number[];
  readonly steps: number;
  readonly targets: () => readonly Target[];
}

/**
 * Folds the sequences of a campaign, in index order, into its result: counts per key,
 * the first failure, and a shrunk reproducer for the first sequence of each new key (up
 * to maxFindings). `seconds` turns the ms spent per design into the throughput's
 * seconds (workers: their share of the wall time).
 */
export function foldCampaign(
  o: FuzzOptions, at: (done: number, index: number) => SequenceKeys, seconds: (spentMs: number, totalMs: number) => number = (ms) => ms / 1000,
): FuzzResult {
  const maxSteps = o.maxSteps ?? DEFAULT_MAX_STEPS;
  const shard = o.shard ?? NO_SHARD;
  const mode = o.mode ?? 'single';
  const maxFindings = o.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const names = o.designs.map(label);
  const indices = shardIndices(o.runs, shard);
  const spent = names.map(() => 0);
  const counts = new Map<string, number>();
  const byKey = new Map<string, Finding>();
  let firstFailure: FindingsJsonT['firstFailure'] = null;
  let failing = 0;
  const every = o.progressEvery ?? 100;

  for (const [done, index] of indices.entries()) {
    if (done % every === 0) o.onProgress?.({ done, total: indices.length, failing, findings: byKey.size });
    const seq = at(done, index);
    if (seq.steps === 0) continue;
    seq.spent.forEach((ms, i) => {
      spent[i] = (spent[i] ?? 0) + ms;
    });
    if (seq.keys.length > 0) failing += 1;
    let targets: readonly Target[] | null = null;
    for (const [ti, key] of seq.keys.entries()) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      firstFailure ??= { index, key };
      const known = byKey.get(key);
      if (known) byKey.set(key, { ...known, count: known.count + 1 });
      else if (byKey.size < maxFindings) {
        targets ??= seq.targets();
        const t = targets[ti];
        if (!t || t.key !== key) throw new Error(`fuzz: sequence ${index} shows ${t?.key ?? 'nothing'} where ${key} was reported`);
        const f = shrinkTarget({ seed: o.seed, maxSteps }, o.designs, t, index, seq.steps);
        if (f) byKey.set(key, f);
      }
    }
  }
  o.onProgress?.({ done: indices.length, total: indices.length, failing, findings: byKey.size });
  const total = spent.reduce((a, b) => a + b, 0);
  const throughput = o.clock === undefined ? null : names.map((design, i) => {
    const secs = seconds(spent[i] ?? 0, total);
    return { design, sequences: indices.length, seconds: secs, perSecond: secs > 0 ? indices.length / secs : 0 };
  });
  return {
    doc: { version: 1, seed: o.seed, runs: o.runs, maxSteps, shard, mode, designs: names, sequences: indices.length, firstFailure },
    findings: [...byKey.values()], counts, throughput,
  };
}

/** The campaign in this thread. */
export function fuzz(o: FuzzOptions): FuzzResult {
  const maxSteps = o.maxSteps ?? DEFAULT_MAX_STEPS;
  const mode = o.mode ?? 'single';
  return foldCampaign(o, (_done, index) => {
    const r = sequenceTargets(o.seed, index, maxSteps, o.designs, mode, o.clock);
    return { keys: r.targets.map((t) => t.key), spent: r.spent, steps: r.steps, targets: () => r.targets };
  });
}

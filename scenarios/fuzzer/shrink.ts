// Shrinking a failing sequence to a minimal one. fast-check shrinks the actions
// (replaying sequence `seed` and keeping only candidates that still show the same
// failure, `shows`), then two deterministic passes finish the job at the step level:
// drop single steps (and `during` lists) the failure does not need, then drop the
// devices no step names. Every candidate must still load as a scenario file, so the
// result is always a replayable reproducer. Same seed and path, same result.
import fc from 'fast-check';
import { parseScenario } from '../load.ts';
import type { ScenarioT, StepT } from '../schema.ts';
import { interpret, sequenceArb, sequenceScenario } from './arbitrary.ts';
import { scenarioYaml } from './yaml.ts';

/** Property runs one shrink may spend; past it every candidate passes and shrinking stops. */
export const SHRINK_BUDGET = 2000;

export type Shows = (s: ScenarioT) => boolean;

export interface Shrunk {
  readonly scenario: ScenarioT;
  /** fast-check's counterexamplePath of the shrunk actions. */
  readonly path: string;
}

/** Loads as a scenario file would (symbols bound before use, by a task holding them). */
export function loads(s: ScenarioT): boolean {
  try {
    parseScenario(scenarioYaml(s, []), `${s.id}.yaml`);
    return true;
  } catch {
    return false;
  }
}

/** The shrunk sequence `seqSeed` generates, or null when it does not show the failure. */
export function shrinkSequence(seqSeed: number, maxSteps: number, shows: Shows, path?: string): Shrunk | null {
  let calls = 0;
  const prop = fc.property(sequenceArb(maxSteps), (actions) => {
    calls += 1;
    if (calls > SHRINK_BUDGET) return true;
    const steps = interpret(actions, maxSteps);
    return steps.length === 0 || !shows(sequenceScenario(steps));
  });
  const out = fc.check(prop, { seed: seqSeed, numRuns: 1, ...(path !== undefined ? { path } : {}) });
  if (!out.failed || out.counterexample === null) return null;
  const steps = interpret(out.counterexample[0], maxSteps);
  return { scenario: minimize(sequenceScenario(steps), shows), path: out.counterexamplePath ?? '0' };
}

function keeps(s: ScenarioT, shows: Shows): boolean {
  return s.steps.length > 0 && loads(s) && shows(s);
}

/** Step-level passes after fast-check: single steps, `during` lists, unused devices. */
export function minimize(start: ScenarioT, shows: Shows): ScenarioT {
  let s = start;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = s.steps.length - 1; i >= 0; i--) {
      const cut = { ...s, steps: s.steps.filter((_, j) => j !== i) };
      const st = s.steps[i];
      const calm = st?.kind === 'map-dma' && st.during ? { ...s, steps: s.steps.map((x, j) => (j === i ? withoutDuring(st) : x)) } : null;
      if (keeps(cut, shows)) s = cut;
      else if (calm && keeps(calm, shows)) s = calm;
      else continue;
      changed = true;
    }
  }
  const named = new Set(s.steps.flatMap(devicesNamed));
  const pruned = { ...s, setup: { ...s.setup, devices: s.setup.devices.filter((d) => named.has(d.name)) } };
  return pruned.setup.devices.length < s.setup.devices.length && keeps(pruned, shows) ? pruned : s;
}

function withoutDuring(st: Extract<StepT, { kind: 'map-dma' }>): StepT {
  const { during: _during, ...rest } = st;
  return rest;
}

function devicesNamed(st: StepT): string[] {
  const own = 'device' in st ? [st.device] : [];
  return st.kind === 'map-dma' ? [...own, ...(st.during ?? []).flatMap(devicesNamed)] : own;
}

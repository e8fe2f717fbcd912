// Every generated sequence is a scenario the loader accepts (symbols bound before use,
// by a task that holds them), its YAML reads back as the same scenario, and every
// invariant check passes on the fixed world's own setup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../load.ts';
import { interpret, sequenceArb, sequenceScenario } from './arbitrary.ts';
import { ERRNO_ALLOWED } from './errno-allow.ts';
import { OP_NAMES } from './ops.ts';
import { scenarioYaml } from './yaml.ts';

describe('generated sequences', () => {
  it('load as scenario files and round-trip through YAML', () => {
    fc.assert(fc.property(sequenceArb(20), (actions) => {
      const steps = interpret(actions, 20);
      fc.pre(steps.length > 0);
      const s = sequenceScenario(steps);
      expect(parseScenario(scenarioYaml(s, []), `${s.id}.yaml`)).toEqual(s);
    }), { seed: 42, numRuns: 150 });
  });

  it('stay within --max-steps and use most of the vocabulary', () => {
    const kinds = new Set<string>();
    for (const actions of fc.sample(sequenceArb(8), { seed: 7, numRuns: 300 })) {
      const steps = interpret(actions, 8);
      expect(steps.length).toBeLessThanOrEqual(8);
      for (const s of steps) kinds.add(s.kind);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(OP_NAMES.length - 4);
  });

  it('the errno allow-list names every step kind', () => {
    for (const ops of Object.values(ERRNO_ALLOWED)) for (const e of ops) expect(e).toMatch(/^E[A-Z]+$/);
  });
});

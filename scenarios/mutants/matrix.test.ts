// The whole matrix over the registered designs: one row per generated mutant plus the
// n/a rows, each with what decided it; properties only, no per-design expectations.
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { loadAllScenarios, loadScenarioById } from '../load.ts';
import { runCell } from '../runner.ts';
import { generateMutants, inexpressibleMistakes } from './generate.ts';
import { runMistakeMatrix, withoutDriverMistakes } from './matrix.ts';
import { MistakeMatrixJson } from './schema.ts';

const matrix = runMistakeMatrix({ seed: 1 });
const mutantRows = matrix.rows.filter((r) => r.class !== 'n/a');

describe('runMistakeMatrix over every design', () => {
  it('has one row per generated mutant and one per inexpressible named mistake, and fits the schema', () => {
    expect(mutantRows.length).toBe(generateMutants(DESIGN_NAMES).length);
    expect(matrix.rows.length - mutantRows.length).toBe(inexpressibleMistakes(DESIGN_NAMES).length);
    expect(MistakeMatrixJson.safeParse(matrix).success).toBe(true);
    expect(matrix.scenarios.length).toBe(loadAllScenarios().length);
  });

  it('every mutant names its deciding scenario (a witness for no-effect), outcome change and reproduce command', () => {
    for (const r of mutantRows) {
      expect(r.reproduce, `${r.design} ${r.obligation}`).toMatch(/^npx arena (run|mistakes) /);
      if (r.reachedIn === 0) continue;
      expect(r.decidingScenario).not.toBeNull();
      expect(r.decidingOutcome).not.toBeNull();
      expect(r.decidingSign === null).toBe(r.class === 'no-effect');
    }
  });

  it('caught-in-normal-use is decided by a correctness scenario, corner-only never is', () => {
    for (const r of mutantRows) {
      if (r.class === 'caught-in-normal-use') expect(r.decidingCategory).toBe('correctness');
      if (r.class === 'caught-only-in-corner') expect(r.decidingCategory).not.toBe('correctness');
      if (r.class === 'silent') expect(r.visibleIn).toEqual([]);
    }
  });

  it('an `arena run` reproducer states the mutant\'s mistake and shows the deciding outcome', () => {
    for (const r of mutantRows.filter((x) => x.reproduce?.startsWith('npx arena run '))) {
      const s = loadScenarioById(r.decidingScenario ?? '');
      expect(s.steps.some((st) => st.kind === 'driver-mistake' && st.driver === r.driver && st.mistake === r.mistakeName)).toBe(true);
      const design = DESIGN_NAMES.find((d) => d === r.design);
      if (!design) throw new Error(`not a registered design: ${r.design}`);
      expect(runCell(s, design, { seed: 1 }).outcome).toBe(r.decidingOutcome?.after);
    }
  });

  it('scores add up', () => {
    for (const s of matrix.scores) {
      expect(s.caughtInNormalUse + s.caughtOnlyInCorner + s.silent + s.noEffect).toBe(s.mistakes);
      expect(s.mistakes).toBe(mutantRows.filter((r) => r.design === s.design).length);
    }
  });
});

describe('withoutDriverMistakes', () => {
  it('removes exactly the driver-mistake steps', () => {
    for (const s of loadAllScenarios()) {
      const t = withoutDriverMistakes(s);
      expect(t.steps.some((st) => st.kind === 'driver-mistake')).toBe(false);
      expect(t.steps.length).toBe(s.steps.filter((st) => st.kind !== 'driver-mistake').length);
    }
  });
});

describe('the matrix skips runs that cannot differ', () => {
  it('a scenario whose correct run never reaches an obligation runs identically with that obligation mistaken', async () => {
    const { observe } = await import('./observe.ts');
    const suite = loadAllScenarios().map(withoutDriverMistakes);
    // A correct run is deterministic: observe it once per (scenario, design), not per mutant.
    const bases = new Map<string, ReturnType<typeof observe>>();
    const baseOf = (s: (typeof suite)[number], design: (typeof DESIGN_NAMES)[number]): ReturnType<typeof observe> => {
      const key = `${s.id}/${design}`;
      const hit = bases.get(key);
      if (hit) return hit;
      const b = observe(s, design, { seed: 1 });
      bases.set(key, b);
      return b;
    };
    let checked = 0;
    for (const design of DESIGN_NAMES) {
      let here = 0;
      for (const m of generateMutants([design])) {
        if (here >= 10) break;
        const key = `${m.mistake.driver}:${m.mistake.obligation}`;
        for (const s of suite) {
          if (s.sweepFailNth) continue;
          const base = baseOf(s, design);
          if (base.obligationsRun.has(key)) continue;
          const mutated = observe(s, design, { seed: 1, mistake: m.mistake });
          expect(mutated, `${design} ${key} ${s.id}`).toEqual(base);
          checked += 1;
          here += 1;
          if (here >= 10) break;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

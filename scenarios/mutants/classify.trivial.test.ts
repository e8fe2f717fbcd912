// The classification of a hand-built trivial design: v5.12 type1 plus ONE obligation of
// its own on vfio-pci ("do-the-thing", omit only), placed in a different spot of the
// driver in each variant. (It also declares the base obligation every bus driver
// carries, which the core's mdev-ram driver runs; the run is narrowed to do-the-thing.)
// Which class each variant gets follows from where its step sits and from the scenario
// data, both checked here; together the variants cover all four classes.
import { describe, expect, it } from 'vitest';
import {
  BASE_DRIVER_OBLIGATIONS, NULL, V5_12_DESIGN, WARN, defineSlabType, errno, v5_12_type1_patch,
  type Design, type DriverSide,
} from '../../core/index.ts';
import { loadAllScenarios } from '../load.ts';
import { runMistakeMatrix } from './matrix.ts';
import type { MistakeRowJsonT } from './schema.ts';

const STEP = 'do-the-thing';
const TRIVIAL_T = defineSlabType<{ x: number }>('trivial_obj', ['x']);

function trivial(name: string, side: DriverSide): Design {
  return {
    ...V5_12_DESIGN, name, title: `trivial: ${name}`,
    obligations: [...BASE_DRIVER_OBLIGATIONS, { id: STEP, driver: 'vfio-pci', what: 'the one thing', kinds: ['omit'] }],
    install: () => ({ ...v5_12_type1_patch(), sides: { 'vfio-pci': side } }),
  };
}

/** Did the step run (false when omitted)? */
function done(ob: { step(id: string, correct: () => void): void }): boolean {
  let ran = false;
  ob.step(STEP, () => {
    ran = true;
  });
  return ran;
}

const VARIANTS = {
  // Every mmap of a BAR refuses with EINVAL when the step is omitted.
  'errno-on-mmap': trivial('errno-on-mmap', { mmap: (d) => (done(d.ob) ? 0 : -errno.EINVAL) }),
  // Only a device reset runs the step, and WARNs when it was omitted.
  'warn-on-reset': trivial('warn-on-reset', {
    invalidate(d, reason) {
      if (reason === 'reset' && !done(d.ob)) WARN(d.k, 'trivial_reset', 'drivers/vfio/trivial.c', 'trivial: the thing was not done');
    },
  }),
  // mmap allocates an object; the step frees it. Omitted: a leak nobody reports.
  'leak-on-mmap': trivial('leak-on-mmap', {
    mmap(d) {
      const p = d.k.slab.kmalloc(TRIVIAL_T, { x: 0 }, 'trivial_mmap');
      if (p === NULL) return -errno.ENOMEM;
      d.ob.step(STEP, () => d.k.slab.kfree(p, 'trivial_mmap'));
      return 0;
    },
  }),
  // The step does nothing either way.
  'nothing-on-mmap': trivial('nothing-on-mmap', { mmap: (d) => (done(d.ob), 0) }),
  // The step sits in the vma_to_pfn op, which v5.12 type1 never calls.
  'never-reached': trivial('never-reached', { vma_to_pfn: (d) => (done(d.ob), -errno.EINVAL) }),
} as const;

const matrix = runMistakeMatrix({ seed: 1, designs: Object.values(VARIANTS), obligation: STEP });
const row = (name: keyof typeof VARIANTS): MistakeRowJsonT => {
  const r = matrix.rows.find((x) => x.design === name);
  if (!r) throw new Error(`no row for ${name}`);
  return r;
};

describe('classification of a trivial one-obligation design', () => {
  it('generates exactly one mutant per variant (one obligation, one kind)', () => {
    expect(matrix.rows.map((r) => `${r.design}/${r.obligation}/${r.kind}`)).toEqual(Object.keys(VARIANTS).map((n) => `${n}/${STEP}/omit`));
  });

  it('covers all four classes', () => {
    expect(new Set(matrix.rows.map((r) => r.class))).toEqual(new Set(['caught-in-normal-use', 'caught-only-in-corner', 'silent', 'no-effect']));
  });

  it('an errno in every mmap is caught in normal use, decided by a correctness scenario', () => {
    const r = row('errno-on-mmap');
    expect(r.class).toBe('caught-in-normal-use');
    expect(r.decidingCategory).toBe('correctness');
    expect(r.decidingSign).toMatch(/EINVAL/);
    expect(r.rusty.level).toBe(5);
  });

  it('a WARN only on reset is caught only in a corner, since no correctness scenario resets', () => {
    const correctnessResets = loadAllScenarios().filter((s) => s.category === 'correctness' && s.steps.some((st) => st.kind === 'reset'));
    expect(correctnessResets).toEqual([]);
    const r = row('warn-on-reset');
    expect(r.class).toBe('caught-only-in-corner');
    expect(r.decidingCategory).not.toBe('correctness');
    expect(r.decidingSign).toMatch(/WARNING/);
    expect(r.note).toMatch(/every correctness scenario passes/);
  });

  it('a leak nobody reports is silent, even though it happens in normal use', () => {
    const r = row('leak-on-mmap');
    expect(r.class).toBe('silent');
    expect(r.visibleIn).toEqual([]);
    expect(r.decidingCategory).toBe('correctness');
    expect(r.decidingSign).toMatch(/teardown audit: slab-object: unreferenced object trivial_obj/);
  });

  it('a step that does nothing is no-effect, and the note says it ran and nothing changed', () => {
    const r = row('nothing-on-mmap');
    expect(r.class).toBe('no-effect');
    expect(r.decidingSign).toBeNull();
    expect(r.decidingOutcome?.before).toBe(r.decidingOutcome?.after);
    expect(r.reachedIn).toBeGreaterThan(0);
    expect(r.changedIn).toEqual([]);
    expect(r.note).toMatch(/nothing changed/);
    expect(r.rusty.level).toBeNull();
  });

  it('a step no scenario reaches is no-effect, and the note says the suite cannot exercise it', () => {
    const r = row('never-reached');
    expect(r.class).toBe('no-effect');
    expect(r.reachedIn).toBe(0);
    expect(r.decidingScenario).toBeNull();
    expect(r.note).toMatch(/no scenario reaches this step/);
  });

  it('every row with a deciding scenario keeps its outcome change and a reproduce command for that scenario', () => {
    for (const r of matrix.rows.filter((x) => x.decidingScenario !== null)) {
      expect(r.decidingScenario).not.toBeNull();
      expect(r.decidingOutcome).not.toBeNull();
      expect(r.reproduce).toContain(`--scenario ${r.decidingScenario ?? ''}`);
    }
  });
});

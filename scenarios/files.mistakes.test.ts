// The driver-mistake vocabulary and the designs agree: every name a design maps an
// obligation to is in the vocabulary, and every name in it is expressible by some
// design (otherwise every cell of that scenario would be n/a).
import { describe, expect, it } from 'vitest';
import { BASE_DRIVER_OBLIGATIONS } from '../core/index.ts';
import { DESIGN_NAMES, getDesign } from '../designs/registry.ts';
import { loadAllScenarios } from './load.ts';
import { MISTAKE_NAMES, MISTAKES, isMistakeName } from './mistakes.ts';

const declared = new Set(
  [...BASE_DRIVER_OBLIGATIONS, ...DESIGN_NAMES.flatMap((d) => getDesign(d).obligations)]
    .flatMap((o) => Object.values(o.mistakeNames ?? {})),
);

describe('driver-mistake vocabulary', () => {
  it('has a one-line description for each name', () => {
    for (const name of MISTAKE_NAMES) {
      expect(MISTAKES[name].length).toBeGreaterThan(10);
      expect(MISTAKES[name]).not.toContain('\n');
    }
    expect(isMistakeName('omits-magic')).toBe(true);
    expect(isMistakeName('toString')).toBe(false);
  });

  it('every mistake name a design declares is in the vocabulary', () => {
    for (const name of declared) expect(isMistakeName(name), name).toBe(true);
  });

  it('every name in the vocabulary is expressible by at least one design', () => {
    for (const name of MISTAKE_NAMES) expect(declared.has(name), name).toBe(true);
  });

  it('every name in the vocabulary has a driver-misuse scenario', () => {
    const used = new Set(loadAllScenarios().flatMap((s) => s.steps.flatMap((st) => (st.kind === 'driver-mistake' ? [st.mistake] : []))));
    for (const name of MISTAKE_NAMES) expect(used.has(name), name).toBe(true);
  });
});

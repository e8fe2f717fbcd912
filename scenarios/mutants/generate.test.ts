// The generator builds mistaken drivers from the obligation data only: exactly one per
// (obligation, declared kind), and the named mistakes left over are the n/a rows.
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES, getDesign } from '../../designs/registry.ts';
import { MISTAKE_NAMES } from '../mistakes.ts';
import { generateMutants, inexpressibleMistakes, mutantKey, obligatedDrivers } from './generate.ts';

describe('generateMutants', () => {
  for (const name of DESIGN_NAMES) {
    it(`${name}: exactly one mistaken driver per (obligation, kind) the design declares`, () => {
      const design = getDesign(name);
      const mutants = generateMutants([name]);
      const declared = design.obligations.flatMap((o) => o.kinds.map((k) => `${o.driver}/${o.id}/${k}`));
      expect(mutants.map((m) => `${m.mistake.driver}/${m.mistake.obligation}/${m.mistake.kind}`).sort()).toEqual([...declared].sort());
      expect(new Set(mutants.map((m) => mutantKey({ design: m.designName, ...m.mistake }))).size).toBe(mutants.length);
      for (const m of mutants) {
        expect(m.mistake).toEqual({ driver: m.obligation.driver, obligation: m.obligation.id, kind: m.kind });
        expect(m.mistakeName).toBe(m.obligation.mistakeNames?.[m.kind] ?? null);
      }
    });
  }

  it('narrows by driver, obligation and kind', () => {
    const all = generateMutants(DESIGN_NAMES);
    const some = generateMutants(DESIGN_NAMES, { driver: 'vfio-pci', kind: 'omit' });
    expect(some).toEqual(all.filter((m) => m.mistake.driver === 'vfio-pci' && m.kind === 'omit'));
    const first = all[0];
    if (!first) throw new Error('no mutants at all');
    expect(generateMutants(DESIGN_NAMES, { obligation: first.obligation.id }).every((m) => m.obligation.id === first.obligation.id)).toBe(true);
  });
});

describe('inexpressibleMistakes', () => {
  it('every named mistake of every obligated driver is either a mutant or an n/a row of each design, never both', () => {
    for (const name of DESIGN_NAMES) {
      const named = new Set(generateMutants([name]).flatMap((m) => (m.mistakeName ? [`${m.mistake.driver}/${m.mistakeName}`] : [])));
      const na = new Set(inexpressibleMistakes([name]).map((n) => `${n.driver}/${n.mistakeName}`));
      for (const driver of obligatedDrivers()) {
        for (const mistake of MISTAKE_NAMES) {
          const k = `${driver}/${mistake}`;
          expect(named.has(k) !== na.has(k), `${name} ${k}`).toBe(true);
        }
      }
    }
  });
});

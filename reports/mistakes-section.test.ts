// The report section is plain, stable markdown; the gate comparison fails only on a
// class that got worse (no-effect never counts as worse).
import { describe, expect, it } from 'vitest';
import { RUSTY, runMistakeMatrix, type MistakeClassT, type MistakeMatrixJsonT, type MistakeRowJsonT } from '../scenarios/mutants/index.ts';
import { compareMistakes, mistakeClasses, mistakeMatrixCells, renderMistakesSection } from './mistakes-section.ts';

function row(design: string, obligation: string, cls: MistakeClassT, mistakeName: string | null = null): MistakeRowJsonT {
  const na = cls === 'n/a';
  return {
    design, driver: 'vfio-pci', obligation: na ? null : obligation, kind: na ? null : 'omit', what: `the ${obligation}`, mistakeName,
    class: cls, rusty: RUSTY[cls], decidingScenario: null, decidingCategory: null, decidingOutcome: null, decidingSign: null,
    reproduce: na ? null : `npx arena mistakes --design ${design}`, visibleIn: [], harmIn: [], changedIn: [], reachedIn: 1, note: 'n',
  };
}

function matrixOf(rows: readonly MistakeRowJsonT[]): MistakeMatrixJsonT {
  const designs = [...new Set(rows.map((r) => r.design))];
  return { version: 1, seed: 1, scenarios: ['s'], designs, drivers: ['vfio-pci'], rows: [...rows], scores: [] };
}

describe('renderMistakesSection', () => {
  const m = runMistakeMatrix({ seed: 1, designs: ['driver-op', 'dmabuf-revoke'], driver: 'mdev-ram' });

  it('is plain markdown with the matrix, the scores and the Rusty reading, the same every time', () => {
    const md = renderMistakesSection(m);
    expect(md).toBe(renderMistakesSection(m));
    expect(md).not.toMatch(/\u001b\[/);
    for (const h of ['### Matrix', '### Score per design', '### Reading on Rusty Russell\'s scale', '### Every mistake with an effect']) expect(md).toContain(h);
    expect(md).toContain('| mistake | driver-op | dmabuf-revoke |');
  });

  it('puts every mutant row of the matrix on a line', () => {
    const { rows } = mistakeMatrixCells(m);
    for (const r of m.rows.filter((x) => x.class !== 'n/a')) {
      const label = `${r.driver}: ${r.mistakeName ?? `${r.obligation ?? ''} (${r.kind ?? ''})`}`;
      expect(rows.some((line) => line[0] === label), label).toBe(true);
    }
  });
});

describe('compareMistakes', () => {
  const base = matrixOf([row('d', 'a', 'caught-in-normal-use'), row('d', 'b', 'caught-only-in-corner'), row('d', 'c', 'silent'), row('d', 'e', 'no-effect')]);

  it('reports only the classes that got worse', () => {
    const now = matrixOf([row('d', 'a', 'caught-only-in-corner'), row('d', 'b', 'caught-in-normal-use'), row('d', 'c', 'silent'), row('d', 'e', 'silent')]);
    expect(compareMistakes(base, now).map((r) => [r.key, r.before, r.after])).toEqual([
      ['d/vfio-pci/a/omit', 'caught-in-normal-use', 'caught-only-in-corner'],
      ['d/vfio-pci/e/omit', 'no-effect', 'silent'],
    ]);
  });

  it('never counts becoming no-effect as worse', () => {
    const now = matrixOf(['a', 'b', 'c', 'e'].map((o) => row('d', o, 'no-effect')));
    expect(compareMistakes(base, now)).toEqual([]);
  });

  it('counts a mistake the baseline does not know as worse unless it is caught in normal use or has no effect', () => {
    const now = matrixOf([row('d', 'x', 'silent'), row('d', 'y', 'caught-in-normal-use'), row('d', 'z', 'no-effect'), row('d', 'q', 'n/a', 'omits-magic')]);
    expect(compareMistakes(base, now).map((r) => [r.key, r.before])).toEqual([['d/vfio-pci/x/omit', 'absent']]);
  });

  it('takes the baseline as the record the gate stores', () => {
    const rec = mistakeClasses(base);
    expect(Object.keys(rec)).toEqual(['d/vfio-pci/a/omit', 'd/vfio-pci/b/omit', 'd/vfio-pci/c/omit', 'd/vfio-pci/e/omit']);
    const now = matrixOf([row('d', 'c', 'silent'), row('d', 'a', 'silent')]);
    expect(compareMistakes(rec, now).map((r) => r.what)).toEqual(['mistake d/vfio-pci/a/omit']);
  });
});

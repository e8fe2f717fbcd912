// compareWithBaseline by the severity order: worse fails, better passes and is listed,
// cells unknown to the baseline pass unless strict, n/a moves are "changed".
import { describe, expect, it } from 'vitest';
import { loadScenarioById, runCell, type CellResult, type OutcomeT } from '../scenarios/index.ts';
import { makeBaseline } from './baseline.ts';
import { compareWithBaseline, formatGate, gateFails } from './gate.ts';

const real = runCell(loadScenarioById('bar-map-dma'), 'status-quo', { seed: 1 });
const cell = (scenario: string, design: string, outcome: OutcomeT): CellResult => ({ ...real, scenario, design, outcome });

describe('compareWithBaseline', () => {
  const base = makeBaseline({
    seed: 1,
    cells: [cell('a', 'x', 'rejected'), cell('b', 'x', 'stale-dma'), cell('c', 'x', 'ok'), cell('d', 'x', 'n/a'), cell('gone', 'x', 'ok')],
  });

  it('fails on a cell that got worse and lists the better ones', () => {
    const r = compareWithBaseline(base, {
      cells: [cell('a', 'x', 'stale-dma'), cell('b', 'x', 'rejected'), cell('c', 'x', 'rejected'), cell('d', 'x', 'ok'), cell('gone', 'x', 'ok')],
    });
    expect(r.regressions.map((c) => `${c.scenario}:${c.before}->${c.after}`)).toEqual(['a:rejected->stale-dma']);
    expect(r.improvements.map((c) => c.scenario)).toEqual(['b']);
    expect(r.changed.map((c) => c.scenario)).toEqual(['c', 'd']);
    expect(gateFails(r)).toBe(true);
    expect(formatGate(r)).toContain('a / x: rejected -> stale-dma');
  });

  it('reports new and vanished cells, failing on them only when strict', () => {
    const cells = [cell('a', 'x', 'rejected'), cell('b', 'x', 'stale-dma'), cell('c', 'x', 'ok'), cell('d', 'x', 'n/a'), cell('new', 'x', 'ok')];
    const loose = compareWithBaseline(base, { cells });
    expect(loose.added.map((a) => a.scenario)).toEqual(['new']);
    expect(loose.missing.map((a) => a.scenario)).toEqual(['gone']);
    expect(gateFails(loose)).toBe(false);
    expect(gateFails(compareWithBaseline(base, { cells, strict: true }))).toBe(true);
  });

  it('does not call the cells of designs that did not run missing', () => {
    const r = compareWithBaseline(base, { cells: [cell('a', 'y', 'ok')] });
    expect(r.missing).toEqual([]);
    expect(r.added.map((a) => `${a.scenario}/${a.design}`)).toEqual(['a/y']);
  });

  it('fails on a counter increase beyond the tolerance and not within it', () => {
    const withCounters = makeBaseline({ seed: 1, cells: [], counters: { x: { ptWalks: 3 } }, counterTolerance: 1 });
    expect(gateFails(compareWithBaseline(withCounters, { cells: [], counters: { x: { ptWalks: 4 } } }))).toBe(false);
    const r = compareWithBaseline(withCounters, { cells: [], counters: { x: { ptWalks: 5 } } });
    expect(r.counterIncreases).toEqual([{ design: 'x', counter: 'ptWalks', before: 3, after: 5 }]);
    expect(gateFails(r)).toBe(true);
  });
});

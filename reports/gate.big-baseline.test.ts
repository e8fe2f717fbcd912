// A baseline of a few MB (160k cells) is compared and reported without "Maximum call
// stack size exceeded": the gate's text, JUnit and step summary build their lines with
// loops, never with `push(...array)`.
import { describe, expect, it } from 'vitest';
import { loadScenarioById, runCell, type CellResult } from '../scenarios/index.ts';
import { BaselineJson, type BaselineT } from './baseline.ts';
import { compareWithBaseline, formatGate, gateFails } from './gate.ts';
import { gateSummaryMd } from './gate-summary.ts';
import { gateJunit } from './junit.ts';

const CELLS = 160_000;
const real = runCell(loadScenarioById('bar-map-dma'), 'status-quo', { seed: 1 });

describe('the gate on a 160k-cell baseline', () => {
  // 32k scenarios x 5 designs, every one missing from a run of one cell.
  const cells: Record<string, Record<string, 'ok'>> = {};
  for (let i = 0; i < CELLS / 5; i++) cells[`s${i}`] = { a: 'ok', b: 'ok', c: 'ok', d: 'ok', x: 'ok' };
  const base: BaselineT = BaselineJson.parse({ version: 1, seed: 1, cells });
  const run: CellResult[] = [{ ...real, scenario: 's0', design: 'x', outcome: 'ok' }];

  it('lists every missing cell in the text, the JUnit and the summary, and fails with --strict', () => {
    const r = compareWithBaseline(base, { cells: run, strict: true });
    expect(r.missing).toHaveLength(CELLS / 5 - 1);
    expect(gateFails(r)).toBe(true);
    const text = formatGate(r);
    expect(text).toContain(`in the baseline but not run (${CELLS / 5 - 1}), fails with --strict:`);
    expect(text.split('\n')).toHaveLength(CELLS / 5 + 2);
    expect(gateJunit(run, r).match(/<failure /g)).toHaveLength(CELLS / 5 - 1);
    expect(gateSummaryMd(r)).toContain('s31999 | x | ok');
  });
});

// The markdown cell shows a blocked removal next to the outcome (issue 14 section 4),
// through outcomeCell, in the matrix and in the scenario table alike.
import { describe, expect, it } from 'vitest';
import { loadScenarioById } from '../scenarios/index.ts';
import { buildComparison } from './comparison.ts';
import { outcomeCell, renderComparisonMd } from './markdown.ts';

describe('outcomeCell: the blocked-removal mark in the report', () => {
  it('adds the mark only to cells whose hot-unplug waited', () => {
    const base = { design: 'd', outcome: 'ok' as const, level: null, summary: 's', evidence: [], reproduce: 'r', trace: [] };
    expect(outcomeCell(base)).toBe('✅ ok');
    expect(outcomeCell({ ...base, blockedRemovals: 1 })).toBe('✅ ok · removal blocked');
  });

  it('a generated report marks the cells of a waiting removal in the matrix and in the scenario section', () => {
    const { json } = buildComparison({ scenarios: [loadScenarioById('hot-unplug-request-repeats')], designs: ['status-quo'] });
    const cell = json.scenarios[0]!.cells[0]!;
    expect(cell.blockedRemovals).toBe(1);
    expect(cell.evidence.some((l) => l.includes('removal waited 40 s'))).toBe(true);
    const md = renderComparisonMd(json);
    expect(md.split('\n').filter((l) => l.includes('ok · removal blocked')).length).toBe(2);
  });
});

// The claims section judges each claim from the cells it is given: the same claim reads
// "agrees" or "contradicts" depending only on the outcomes, never on design names.
import { describe, expect, it } from 'vitest';
import { runScenarios, type CellResult } from '../scenarios/index.ts';
import { OUTCOME_CLAIMS, renderClaims } from './claims.ts';

describe('seed claims section', () => {
  const magic = OUTCOME_CLAIMS.find((c) => c.scenarios.includes('driver-omits-magic'));
  const cells = runScenarios({ ids: ['driver-omits-magic', 'bar-map-dma'] });
  const designs = [...new Set(cells.map((c) => c.design))];

  it('has a claim for the seed\'s "very easy mistake" and tests it on the real cells', () => {
    expect(magic?.predicts).toBe('crash');
    const md = renderClaims(cells, designs);
    const expressible = cells.filter((c) => c.scenario === 'driver-omits-magic' && c.outcome !== 'n/a');
    expect(expressible.length).toBeGreaterThan(0);
    const crashed = expressible.every((c) => c.outcome === 'oops');
    expect(md).toContain(crashed ? '**The simulation agrees**' : '**The simulation contradicts the claim**');
  });

  it('turns from contradicts to agrees when the same cells crash', () => {
    const asOops = cells.map((c): CellResult => (c.scenario === 'driver-omits-magic' && c.outcome !== 'n/a' ? { ...c, outcome: 'oops' } : c));
    const asLeak = cells.map((c): CellResult => (c.scenario === 'driver-omits-magic' && c.outcome !== 'n/a' ? { ...c, outcome: 'leak' } : c));
    const section = (cs: readonly CellResult[]): string => renderClaims(cs, designs).split('**Jason Gunthorpe**')[1] ?? '';
    expect(section(asOops)).toContain('**The simulation agrees**');
    expect(section(asLeak)).toContain('**The simulation contradicts the claim**');
  });

  it('prints counter deltas against the first design', () => {
    const md = renderClaims(cells, designs);
    expect(md).toMatch(/\| indirectCalls \| \d+ \| \d+ \([+-]\d+\) \|/);
  });
});

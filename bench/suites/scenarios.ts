// The whole scenario suite on one design per row: scenarios per second.
import { COST_KEYS, newCostCounters } from '../../core/index.ts';
import type { DesignRef } from '../../scenarios/index.ts';
import { loadAllScenarios, runScenarios, type CellResult, type ScenarioT } from '../../scenarios/index.ts';
import { asCounters } from '../counters.ts';
import type { Prepared, Suite } from '../harness.ts';
import { designRows } from './rows.ts';

function sumCost(cells: readonly CellResult[]): ReturnType<typeof asCounters> {
  const total = newCostCounters();
  for (const c of cells) for (const k of COST_KEYS) total[k] += c.cost[k];
  return asCounters(total);
}

export function scenarioSuite(designs: readonly DesignRef[]): Suite {
  let loaded: readonly ScenarioT[] | null = null;
  const scenarios = (): readonly ScenarioT[] => (loaded ??= loadAllScenarios());
  const prepare = (d: DesignRef): Prepared => {
    const all = scenarios();
    const run = (): CellResult[] => runScenarios({ scenarios: all, designs: [d], seed: 1 });
    return { run, count: () => sumCost(run()) };
  };
  return {
    id: 'scenarios', title: 'The whole scenario suite',
    note: `every scenario (${scenarios().length}) on one design, seed 1, loading excluded; counters summed over the cells`,
    rows: designRows(designs, prepare), iterations: { full: 4, quick: 2 }, warmup: { full: 2, quick: 1 },
    rate: { unit: 'scenarios', perOp: scenarios().length },
  };
}

// Every suite `arena bench` runs, in report order.
import type { DesignRef } from '../../scenarios/index.ts';
import type { Suite } from '../harness.ts';
import { fuzzThroughputSuite } from '../fuzz-throughput.ts';
import { designOpSuites } from './design-ops.ts';
import { scalingSuites } from './scaling.ts';
import { scenarioSuite } from './scenarios.ts';

export function allSuites(designs: readonly DesignRef[]): Suite[] {
  return [...designOpSuites(designs), scenarioSuite(designs), fuzzThroughputSuite(designs), ...scalingSuites(designs)];
}

export { BASELINE_DESIGN } from './rows.ts';
export { LIVE_DMAS, LOOKUPS_PER_RUN, MAP_SIZES, VMA_COUNTS, sizeLabel } from './scaling.ts';

export { SUITE_IDS } from '../ids.ts';

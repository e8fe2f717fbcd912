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

/** The ids of allSuites(), in order (known without building the suites; a test keeps them in step). */
export const SUITE_IDS = [
  'map-unmap-1p', 'map-unmap-512p', 'map-unmap-bar', 'lookup', 'fault', 'scenarios', 'fuzz', 'find-vma', 'map-size', 'live-dmas',
] as const;

// Row builders shared by the suites: one row per design, ratio against status-quo.
import type { DesignName } from '../../designs/registry.ts';
import type { Prepared, Row } from '../harness.ts';

/** The design every ratio column divides by. */
export const BASELINE_DESIGN: DesignName = 'status-quo';

/** One row per design (id `<design>` or `<design>@<x>`), each divided by status-quo's row at the same x. */
export function designRows(designs: readonly DesignName[], prepare: (d: DesignName) => Prepared, at?: { x: number; ops?: number }): Row[] {
  const key = (d: string): string => (at ? `${d}@${at.x}` : d);
  return designs.map((d) => ({
    id: key(d), label: d, design: d,
    ...(at ? { x: at.x, series: d } : {}), ...(at?.ops !== undefined ? { ops: at.ops } : {}),
    ...(designs.includes(BASELINE_DESIGN) ? { ratioTo: key(BASELINE_DESIGN) } : {}),
    prepare: () => prepare(d),
  }));
}

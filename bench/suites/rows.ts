// Row builders shared by the suites: one row per design, ratio against status-quo.
import type { DesignRef } from '../../scenarios/index.ts';
import type { Prepared, Row } from '../harness.ts';

/** A design's name, for row ids and labels. */
export function designName(d: DesignRef): string {
  return typeof d === 'string' ? d : d.name;
}

/** The design every ratio column divides by. */
export const BASELINE_DESIGN = 'status-quo';

/** One row per design (id `<design>` or `<design>@<x>`), each divided by status-quo's row at the same x. */
export function designRows(designs: readonly DesignRef[], prepare: (d: DesignRef) => Prepared, at?: { x: number; ops?: number }): Row[] {
  const key = (d: string): string => (at ? `${d}@${at.x}` : d);
  const names = designs.map(designName);
  return designs.map((d, i) => ({
    id: key(names[i]!), label: names[i]!, design: names[i]!,
    ...(at ? { x: at.x, series: names[i]! } : {}), ...(at?.ops !== undefined ? { ops: at.ops } : {}),
    ...(names.includes(BASELINE_DESIGN) ? { ratioTo: key(BASELINE_DESIGN) } : {}),
    prepare: () => prepare(d),
  }));
}

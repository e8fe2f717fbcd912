// Bar charts as table cells, where mermaid cannot label values, draw a legend or show a
// zero: a run of blocks proportional to the value (from zero), then the value itself.
// A zero is an explicit "0" with no bar.

export const BAR_WIDTH = 10;

/** "█████ 15": `value` against `max`, at most `width` blocks; at least one block for any value above zero. */
export function barCell(value: number, max: number, label = String(value), width = BAR_WIDTH): string {
  if (value <= 0 || max <= 0) return label === String(value) ? '0' : label;
  const n = Math.max(1, Math.round((value / max) * width));
  return `${'█'.repeat(n)} ${label}`;
}

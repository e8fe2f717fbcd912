// The suites as data: their ids are SUITE_IDS, every ratio points at a row of the same
// suite, and the counters of a row are the same on a second, fresh preparation (the
// report's counter columns are exact even though its timings are not).
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../designs/registry.ts';
import { SUITE_IDS, allSuites } from './suites/index.ts';

const suites = allSuites(DESIGN_NAMES);

describe('suites', () => {
  it('are SUITE_IDS, in order', () => {
    expect(suites.map((s) => s.id)).toEqual([...SUITE_IDS]);
  });

  it.each(suites.map((s) => [s.id, s] as const))('%s: row ids unique, ratios point inside the suite', (_id, s) => {
    const ids = s.rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of s.rows) if (r.ratioTo !== undefined) expect(ids).toContain(r.ratioTo);
  });

  const cheap = suites.filter((s) => ['map-unmap-1p', 'map-unmap-bar', 'lookup', 'fault', 'map-size'].includes(s.id));
  it.each(cheap.flatMap((s) => s.rows.map((r) => [`${s.id}/${r.id}`, r] as const)))('%s: counters repeat exactly', (_id, row) => {
    const a = row.prepare();
    const b = row.prepare();
    const first = a.count();
    expect(a.count()).toEqual(first);
    expect(b.count()).toEqual(first);
    expect(Object.values(first).some((v) => v > 0)).toBe(true);
  });
});

// The lookup-path counters are exact: two runs agree, and a design whose lookup does
// one more page-table walk is caught by the gate's comparison with the default tolerance.
import { describe, expect, it } from 'vitest';
import { COST_KEYS, follow_pte, type Design } from '../core/index.ts';
import { DESIGNS, DESIGN_NAMES } from '../designs/registry.ts';
import { makeBaseline } from '../reports/baseline.ts';
import { compareWithBaseline } from '../reports/gate.ts';
import { counterDelta, formatDelta, lookupPathCounters, type Counters } from './counters.ts';

/** What the gate finds comparing `current` with a baseline holding `baseline` (tolerance 0). */
function increases(baseline: Counters, current: Counters): ReturnType<typeof compareWithBaseline>['counterIncreases'] {
  const base = makeBaseline({ seed: 1, cells: [], counters: { d: baseline }, counterTolerance: 0 });
  return compareWithBaseline(base, { cells: [], counters: { d: current } }).counterIncreases;
}

/** driver-op with one extra follow_pte on every PFNMAP lookup (a test-only variant). */
const extraWalk: Design = {
  ...DESIGNS['driver-op'],
  name: 'driver-op+extra-walk',
  install(k) {
    const p = DESIGNS['driver-op'].install(k);
    return {
      ...p,
      pfnmap_lookup(args) {
        follow_pte(args.k, args.vma, args.vaddr);
        return p.pfnmap_lookup(args);
      },
    };
  },
};

describe('lookupPathCounters', () => {
  it.each(DESIGN_NAMES)('%s: identical across two runs, every counter present', (name) => {
    const a = lookupPathCounters(name);
    const b = lookupPathCounters(name);
    expect(b).toEqual(a);
    expect(Object.keys(a)).toEqual([...COST_KEYS]);
    expect(a.pfnLookups).toBeGreaterThan(0);
  });

  it('accepts a Design object and labels nothing by name', () => {
    expect(lookupPathCounters(DESIGNS['private-data'])).toEqual(lookupPathCounters('private-data'));
  });

  it('a variant with an extra walk has strictly more ptWalks, and the comparison reports only that', () => {
    const base = lookupPathCounters('driver-op');
    const worse = lookupPathCounters(extraWalk);
    expect(worse.ptWalks).toBeGreaterThan(base.ptWalks!);
    const inc = increases(base, worse);
    expect(inc.map((i) => i.counter).sort()).toEqual(['extentsTouched', 'ptWalks']);
    expect(inc.find((i) => i.counter === 'ptWalks')).toEqual({ design: 'd', counter: 'ptWalks', before: base.ptWalks, after: (base.ptWalks ?? 0) + (base.pfnLookups ?? 0) });
  });

  it('the same design compared with itself has no increase', () => {
    expect(increases(lookupPathCounters('status-quo'), lookupPathCounters('status-quo'))).toEqual([]);
  });
});

describe('counter deltas', () => {
  it('a counter missing from one side counts as 0', () => {
    expect(counterDelta({ allocations: 3 }, {})).toEqual({ allocations: -3 });
  });

  it('formats a delta with signs, "=" when nothing changed', () => {
    expect(formatDelta({ vmaLookups: 1, ptWalks: 0, refcountOps: -2 })).toBe('+1 vmaLookups, -2 refcountOps');
    expect(formatDelta({ vmaLookups: 0 })).toBe('=');
  });
});

// The lookup-path counters are exact: two runs agree, and a design whose lookup does
// one more page-table walk is caught by compareCounters with the default tolerance.
import { describe, expect, it } from 'vitest';
import { COST_KEYS, follow_pte, type Design } from '../core/index.ts';
import { DESIGNS, DESIGN_NAMES } from '../designs/registry.ts';
import { compareCounters, counterDelta, formatDelta, lookupPathCounters } from './counters.ts';

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
    const inc = compareCounters(base, worse);
    expect(inc.map((i) => i.counter)).toEqual(['ptWalks', 'extentsTouched']);
    expect(inc[0]).toEqual({ counter: 'ptWalks', baseline: base.ptWalks, current: worse.ptWalks, delta: base.pfnLookups });
  });

  it('the same design compared with itself has no increase', () => {
    expect(compareCounters(lookupPathCounters('status-quo'), lookupPathCounters('status-quo'))).toEqual([]);
  });
});

describe('compareCounters', () => {
  it('reports increases beyond the tolerance only, never decreases', () => {
    const base = { vmaLookups: 4, ptWalks: 2, refcountOps: 8 };
    const cur = { vmaLookups: 5, ptWalks: 4, refcountOps: 1 };
    expect(compareCounters(base, cur)).toEqual([
      { counter: 'vmaLookups', baseline: 4, current: 5, delta: 1 },
      { counter: 'ptWalks', baseline: 2, current: 4, delta: 2 },
    ]);
    expect(compareCounters(base, cur, 1)).toEqual([{ counter: 'ptWalks', baseline: 2, current: 4, delta: 2 }]);
    expect(compareCounters(base, cur, 2)).toEqual([]);
  });

  it('a counter missing from one side counts as 0', () => {
    expect(compareCounters({}, { allocations: 1 })).toEqual([{ counter: 'allocations', baseline: 0, current: 1, delta: 1 }]);
    expect(counterDelta({ allocations: 3 }, {})).toEqual({ allocations: -3 });
  });

  it('formats a delta with signs, "=" when nothing changed', () => {
    expect(formatDelta({ vmaLookups: 1, ptWalks: 0, refcountOps: -2 })).toBe('+1 vmaLookups, -2 refcountOps');
    expect(formatDelta({ vmaLookups: 0 })).toBe('=');
  });
});

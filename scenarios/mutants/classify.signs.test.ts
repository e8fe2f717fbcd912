// The comparison rules on hand-made observations: signs, not outcomes, decide; only
// what is new in the mistaken run counts; a refusal that vanished is silent harm.
import { describe, expect, it } from 'vitest';
import { classifyMutant, diffCell, type CellDiff } from './classify.ts';
import type { Observation, Sign } from './observe.ts';

function obs(outcome: Observation['outcome'], signs: readonly Sign[], more: Partial<Observation> = {}): Observation {
  return {
    outcome, summary: outcome, signs: new Map(signs.map((s) => [s.key, s])),
    refusedMisuse: new Set(), ranClean: new Set(), obligationsRun: new Set(['vfio-pci:x']), ...more,
  };
}

const WARNING: Sign = { key: 'teardown: WARNING: at vfio_vma_close', kind: 'warn', text: 'teardown: WARNING: at vfio_vma_close' };
const LEAK: Sign = { key: 'teardown audit: slab-object', kind: 'leak', text: 'teardown audit: slab-object' };
const EINVAL: Sign = { key: 'step 3 map-dma: refused', kind: 'refused', text: 'step 3 map-dma: EINVAL' };
const EFAULT: Sign = { key: 'step 3 map-dma: refused', kind: 'refused', text: 'step 3 map-dma: EFAULT' };

const correctness = { id: 'c', category: 'correctness' } as const;
const lifecycle = { id: 'l', category: 'lifecycle' } as const;

describe('diffCell', () => {
  it('sees a WARNING the leak outcome hides', () => {
    const d = diffCell(correctness, obs('ok', []), obs('leak', [LEAK, WARNING]), 'vfio-pci:x');
    expect(d.newVisible.map((s) => s.kind)).toEqual(['warn']);
    expect(d.newHarm.map((s) => s.kind)).toEqual(['leak']);
    expect(d.changed).toBe(true);
  });

  it('does not count a refusal with another errno at the same step as new', () => {
    const d = diffCell(lifecycle, obs('rejected', [EINVAL]), obs('rejected', [EFAULT]), 'vfio-pci:x');
    expect(d.newVisible).toEqual([]);
    expect(d.changed).toBe(false);
  });

  it('counts a misuse the correct run refused and the mistaken run let through as silent harm', () => {
    const before = obs('rejected', [EINVAL], { refusedMisuse: new Set(['step 3 map-dma']) });
    const after = obs('ok', [], { ranClean: new Set(['step 3 map-dma']) });
    const d = diffCell(lifecycle, before, after, 'vfio-pci:x');
    expect(d.newHarm.map((s) => s.kind)).toEqual(['lost-refusal']);
    expect(d.newVisible).toEqual([]);
  });

  it('a sign that only went away is a change, but nothing new', () => {
    const d = diffCell(lifecycle, obs('false-reject', [EINVAL]), obs('ok', []), 'vfio-pci:x');
    expect(d.changed).toBe(true);
    expect([...d.newVisible, ...d.newHarm]).toEqual([]);
  });
});

describe('classifyMutant', () => {
  const diff = (s: { id: string; category: CellDiff['category'] }, before: Observation, after: Observation): CellDiff =>
    diffCell(s, before, after, 'vfio-pci:x');

  it('visible in a corner beats silent harm in normal use, and the verdict keeps both', () => {
    const v = classifyMutant([diff(correctness, obs('ok', []), obs('leak', [LEAK])), diff(lifecycle, obs('ok', []), obs('warn', [WARNING]))]);
    expect(v.class).toBe('caught-only-in-corner');
    expect(v.deciding?.scenario).toBe('l');
    expect(v.harmIn).toEqual(['c']);
  });

  it('the worst new sign decides among scenarios', () => {
    const oops: Sign = { key: 'step 5 reset: oops', kind: 'oops', text: 'step 5 reset: oops' };
    const v = classifyMutant([
      diff({ id: 'a', category: 'lifecycle' }, obs('ok', []), obs('warn', [WARNING])),
      diff({ id: 'b', category: 'driver-misuse' }, obs('ok', []), obs('oops', [oops])),
    ]);
    expect(v.deciding?.scenario).toBe('b');
    expect(v.sign?.kind).toBe('oops');
  });

  it('nothing new anywhere is no-effect, whatever went away', () => {
    const v = classifyMutant([diff(lifecycle, obs('false-reject', [EINVAL]), obs('ok', []))]);
    expect(v.class).toBe('no-effect');
    expect(v.changedIn).toEqual(['l']);
    expect(v.reachedIn).toBe(1);
  });
});

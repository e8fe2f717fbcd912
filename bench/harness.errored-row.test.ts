// The harness on synthetic suites: rows are summarised and divided by their base row,
// a row that throws is recorded as errored without stopping the others, and resets run
// before every timed call. No timing is asserted.
import { describe, expect, it } from 'vitest';
import { ROUNDS, runSuite, type Prepared, type Suite } from './harness.ts';

const tiny = { full: 3, quick: 3 } as const;

function counting(counters: Record<string, number>): Prepared & { calls: { run: number; reset: number } } {
  const calls = { run: 0, reset: 0 };
  return {
    calls,
    run: () => (calls.run += 1),
    reset: () => {
      calls.reset += 1;
    },
    count: () => counters,
  };
}

describe('runSuite', () => {
  it('summarises every row, computes ratios against the base row, keeps the counters', () => {
    const a = counting({ vmaLookups: 1 });
    const b = counting({ vmaLookups: 2 });
    const suite: Suite = {
      id: 'syn', title: 'synthetic', note: 'n', iterations: tiny, warmup: { full: 1, quick: 1 },
      rows: [
        { id: 'status-quo', label: 'status-quo', design: 'status-quo', ratioTo: 'status-quo', prepare: () => a },
        { id: 'other', label: 'other', design: 'other', ratioTo: 'status-quo', ops: 4, prepare: () => b },
      ],
    };
    const r = runSuite(suite, 'quick');
    expect(r.rows.map((x) => x.id)).toEqual(['status-quo', 'other']);
    for (const row of r.rows) {
      expect(row.error).toBeUndefined();
      expect(row.samples).toBe(3 * ROUNDS.quick);
      expect(row.medianMs).toBeGreaterThanOrEqual(0);
    }
    expect(r.rows[0]!.counters).toEqual({ vmaLookups: 1 });
    expect(r.rows[1]!.counters).toEqual({ vmaLookups: 2 });
    expect(r.rows[0]!.ratio === undefined || r.rows[0]!.ratio === 1).toBe(true);
    expect(r.ratioTitle).toBe('status-quo');
    // Every round: 1 warm-up + 3 timed runs, a reset before each.
    expect(a.calls.run).toBe(4 * ROUNDS.quick);
    expect(a.calls.reset).toBe(4 * ROUNDS.quick);
  });

  it('records a throwing row as errored and runs the rest', () => {
    const ok = counting({});
    const suite: Suite = {
      id: 'syn', title: 'synthetic', note: 'n', iterations: tiny,
      rows: [
        { id: 'bad', label: 'bad', prepare: () => ({ run: () => { throw new Error('boom'); }, count: () => ({}) }) },
        { id: 'nosetup', label: 'nosetup', prepare: () => { throw new Error('no machine'); } },
        { id: 'good', label: 'good', prepare: () => ok },
      ],
    };
    const r = runSuite(suite, 'quick');
    expect(r.rows[0]!.error).toContain('boom');
    expect(r.rows[0]!.medianMs).toBeUndefined();
    expect(r.rows[1]!.error).toBe('setup: no machine');
    expect(r.rows[2]!.error).toBeUndefined();
    expect(r.rows[2]!.samples).toBe(3 * ROUNDS.quick);
  });
});

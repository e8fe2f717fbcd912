import { describe, expect, it } from 'vitest';
import { quantile, summarize } from './stats.ts';

describe('summarize', () => {
  it('median, mean and the notch margin of the median', () => {
    const s = summarize([4, 1, 3, 2, 5]);
    expect(s.medianMs).toBe(3);
    expect(s.meanMs).toBe(3);
    expect(s.samples).toBe(5);
    // IQR = 4 - 2 = 2; margin = 1.57 * 2 / sqrt(5); relative to the median 3.
    expect(s.rme).toBeCloseTo((100 * 1.57 * 2) / Math.sqrt(5) / 3, 10);
  });

  it('one outlier moves the mean, not the median or its margin', () => {
    const calm = summarize([10, 10, 11, 11, 12, 12, 13, 13]);
    const gc = summarize([10, 10, 11, 11, 12, 12, 13, 1000]);
    expect(gc.medianMs).toBe(calm.medianMs);
    expect(gc.rme).toBeCloseTo(calm.rme, 10);
    expect(gc.meanMs).toBeGreaterThan(calm.meanMs);
  });

  it('a single sample has no margin', () => {
    expect(summarize([7])).toEqual({ medianMs: 7, meanMs: 7, rme: 0, samples: 1 });
  });
});

describe('quantile', () => {
  it('interpolates between neighbours', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

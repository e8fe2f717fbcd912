// Summary statistics of a row's samples (milliseconds per operation), pooled over the
// interleaved rounds. The figure is the median, so the ± is a margin for the median
// too: the half-width of the 95% interval of a boxplot notch (McGill, Tukey & Larsen
// 1978: 1.57 · IQR / √n), relative to the median. Unlike the margin of the mean it is
// not blown up by the odd garbage-collection pause.
export interface Summary {
  readonly medianMs: number;
  readonly meanMs: number;
  /** Relative margin of the median (95%), in percent. */
  readonly rme: number;
  readonly samples: number;
}

/** The q-quantile of sorted samples, interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = quantile(s, 0.5);
  const iqr = quantile(s, 0.75) - quantile(s, 0.25);
  const margin = n > 1 ? (1.57 * iqr) / Math.sqrt(n) : 0;
  return {
    medianMs: median, meanMs: s.reduce((a, b) => a + b, 0) / n, rme: median > 0 ? (100 * margin) / median : 0, samples: n,
  };
}

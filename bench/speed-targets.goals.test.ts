// Issue 16's target lines on a synthetic measurement: each states its figure against
// its goal, met or missed by the numbers given, and a missed one names its cause.
import { describe, expect, it } from 'vitest';
import { MISS_CAUSES, speedTargets } from './speed-targets.ts';
import type { SpeedMeasure } from './speed.ts';
import { targetLine } from './targets.ts';

const fast: SpeedMeasure = {
  repeats: 3, jobs: 2, nodeE0: 0.05, help: 0.08, list: 0.09, runBarMapDma: 0.2, npmStart: 0.9,
  report: { jobs1: 1.2, jobsN: 0.7, identical: true, rssMiB: 150 },
  cells: { count: 528, firstPerSecond: 2000, warmPerSecond: 6000 },
  fuzz: { runs: 20000, jobs1PerSecond: 12000, jobsNPerSecond: 23000, rssMiB: 120 },
};

describe('speedTargets', () => {
  it('meets every goal the figures meet', () => {
    const t = speedTargets(fast);
    expect(t.map((x) => x.id)).toEqual([
      'startup-help', 'startup-list', 'run-bar-map-dma', 'npm-start', 'matrix-throughput', 'both-cores', 'fuzz-one-job', 'fuzz-jobs', 'rss-npm-start', 'rss-fuzz',
    ]);
    expect(t.every((x) => x.status === 'met')).toBe(true);
    expect(t.find((x) => x.id === 'startup-help')).toMatchObject({ figure: '1.60×', goal: '≤ 2×' });
  });

  it('misses by the numbers and names the cause; different files are never met', () => {
    const slow: SpeedMeasure = { ...fast, help: 0.2, report: { ...fast.report, identical: false }, fuzz: { ...fast.fuzz, jobsNPerSecond: 15000, rssMiB: 250 } };
    const byId = Object.fromEntries(speedTargets(slow).map((x) => [x.id, x]));
    expect(byId['startup-help']).toMatchObject({ status: 'missed', figure: '4.00×' });
    expect(byId['startup-help']!.detail).toContain(`cause: ${MISS_CAUSES.startup}`);
    expect(byId['both-cores']).toMatchObject({ status: 'missed' });
    expect(byId['both-cores']!.figure).toContain('DIFFERENT');
    expect(byId['fuzz-jobs']).toMatchObject({ status: 'missed', figure: '1.25×' });
    expect(targetLine(byId['rss-fuzz']!)).toMatch(/^target peak RSS of arena fuzz --runs 20000, --jobs 1 or 2: 250 MiB, goal < 200 MiB: missed \(cause: /);
  });
});

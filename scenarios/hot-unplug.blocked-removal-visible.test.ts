// Section 4 of issue 14: a hot-unplug that had to wait for user space is visible in the
// cell (its text mark, its JSON evidence), from the same number as the summary's
// "blocked removals" column; a scenario asserts it with `blocks:` on the step, and a
// mismatch is a failed expectation. Outcomes here hold for every design.
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../designs/registry.ts';
import { loadScenarioById } from './load.ts';
import { describeRemoval, withMarks } from './removal-mark.ts';
import { ResultsJson, toResultsJson } from './result-schema.ts';
import { runCell } from './runner.ts';
import { Scenario, type ScenarioT } from './schema.ts';

const MiB = 1 << 20;

function scenario(id: string, steps: unknown[]): ScenarioT {
  return Scenario.parse({
    id, title: id, category: 'lifecycle', origin: 'test', description: 'test',
    setup: { devices: [{ type: 'pci', name: 'gpu', bars: [{ size: MiB, kind: 'mem32' }] }], tasks: ['qemu'] },
    steps,
  });
}

const OPEN = { kind: 'open-device', task: 'qemu', device: 'gpu', as: 'gpufd', expect: 'ok' };
const CLOSE = { kind: 'close', task: 'qemu', fd: 'gpufd', expect: 'ok' };

describe('a blocked removal is visible in its cell', () => {
  const repeats = loadScenarioById('hot-unplug-request-repeats');

  it.each(DESIGN_NAMES)('%s: the 40 s wait is in the evidence: 5 requests, the signal, the completion', (design) => {
    const c = runCell(repeats, design, { seed: 1 });
    expect(c.costs.blockedRemovals).toBe(1);
    expect(c.evidence.removals).toEqual([{
      step: { index: 5, kind: 'hot-unplug' }, device: 'gpu', requests: 5,
      waitedUs: expect.any(Number) as number, signalled: true, completed: true,
    }]);
    const r = c.evidence.removals![0]!;
    expect(r.waitedUs).toBeGreaterThanOrEqual(40_000_000);
    expect(describeRemoval(r)).toMatch(/^step 5 hot-unplug gpu: removal waited 40 s .*5 request\(s\).*signal.*completed/);
    const warn = c.steps.find((s) => s.kind === 'signal-removal')!.dmesg.map((l) => l.text);
    expect(warn).toEqual([expect.stringMatching(/Device is currently in use, task "admin" \(\d+\) blocked until device is released/)]);
    const json = ResultsJson.parse(toResultsJson([c], 1));
    expect(json.results[0]!.evidence.removals?.[0]?.requests).toBe(5);
  });

  it('the mark comes from the same count as the summary column', () => {
    expect(withMarks('ok', 0)).toBe('ok');
    expect(withMarks('ok', 1)).toBe('ok · removal blocked');
    expect(withMarks('✅ warn', 2)).toBe('✅ warn · removal blocked ×2');
  });

  it.each(DESIGN_NAMES)('%s: blocks: false on a removal that waits is a failed expectation (false-reject)', (design) => {
    const s = scenario('held', [OPEN, { kind: 'hot-unplug', device: 'gpu', blocks: false }, CLOSE]);
    const c = runCell(s, design, { seed: 1 });
    expect(c.outcome).toBe('false-reject');
    expect(c.evidence.summary).toMatch(/step 1 hot-unplug: the removal had to wait .*blocks: false/);
  });

  it.each(DESIGN_NAMES)('%s: blocks: true on a removal that completes at once is reported in the evidence', (design) => {
    const s = scenario('unheld', [OPEN, CLOSE, { kind: 'hot-unplug', device: 'gpu', blocks: true }]);
    const c = runCell(s, design, { seed: 1 });
    expect(c.outcome).toBe('ok');
    expect(c.costs.blockedRemovals).toBe(0);
    expect(c.evidence.summary).toMatch(/step 2 hot-unplug completed at once where a correct kernel waits/);
  });

  it.each(DESIGN_NAMES)('%s: signal-removal with no waiting removal is -ESRCH', (design) => {
    const s = scenario('nobody', [OPEN, { kind: 'signal-removal', device: 'gpu', expect: 'ESRCH' }]);
    const c = runCell(s, design, { seed: 1 });
    expect(c.steps.find((r) => r.kind === 'signal-removal')?.error).toBe('ESRCH');
  });
});

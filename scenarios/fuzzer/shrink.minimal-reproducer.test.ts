// Shrinking ends at the known minimal sequence of a test-only broken design, and the
// reproducer file replays it through the ordinary loader and runner.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../load.ts';
import { runCell } from '../runner.ts';
import { fuzz } from './campaign.ts';
import { campaignFiles } from './files.ts';
import { LEAKY, WRONG_ERRNO } from './testing.ts';

const MINIMAL = ['open-device', 'mmap', 'map-dma'];

describe('shrinking on a broken design', () => {
  it('a design that never releases shrinks to open-device, mmap, map-dma with one device: a leak at teardown', () => {
    const r = fuzz({ designs: [LEAKY], runs: 10, seed: 3 });
    const [f] = r.findings;
    expect(f?.key).toBe('leaky: leak at teardown');
    expect(f?.scenario.steps.map((s) => s.kind)).toEqual(MINIMAL);
    expect(f?.scenario.setup.devices).toHaveLength(1);
    expect(f?.shrunkFrom).toBeGreaterThanOrEqual(f?.steps ?? 0);
    expect(f?.scenario.origin).toMatch(/^fuzz, seed 3, path \d+:[\d:]+$/);
  });

  it('an errno outside the allow-list is a finding of its own, also minimal', () => {
    const [f] = fuzz({ designs: [WRONG_ERRNO], runs: 10, seed: 3 }).findings;
    expect(f?.kind).toBe('errno');
    expect(f?.summary).toMatch(/map-dma returned EAGAIN, not one of map-dma's errnos/);
    expect(f?.scenario.steps.map((s) => s.kind)).toEqual(MINIMAL);
  });

  it('the written reproducer loads as a scenario file and replays the same outcome', () => {
    const r = fuzz({ designs: [LEAKY], runs: 10, seed: 3 });
    const { files, doc } = campaignFiles(r, '/tmp/reports/fuzz');
    const [file] = files;
    expect(file).toBeDefined();
    const s = parseScenario(file!.text, `${file!.id}.yaml`);
    expect(s).toEqual(r.findings[0]?.scenario);
    expect(runCell(s, LEAKY, { seed: 1 }).outcome).toBe('leak');
    expect(file!.text).toMatch(/^# yaml-language-server: \$schema=\S*scenarios\/scenario\.schema\.json\n/);
    expect(file!.text).toContain(`# Replay: ${doc.findings[0]?.replay ?? '?'}\n`);
  });
});

// The conformance category: an errno the kernel's test expects is the kernel's answer
// (ok, not rejected), another errno is not, and an information step whose answer
// differs from the kernel's test is a departure of our core (harness-error).
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../designs/registry.ts';
import { runCell } from './runner.ts';
import { Scenario, type ScenarioT } from './schema.ts';

function scenario(category: string, steps: unknown[]): ScenarioT {
  return Scenario.parse({
    id: 'conf-test', title: 't', category, origin: 'test', description: 'test',
    setup: { devices: [{ type: 'pci', name: 'gpu', bars: [{ size: 1 << 20, kind: 'mem32' }] }], tasks: ['qemu'] },
    steps,
  });
}

const OPEN = { kind: 'open-device', task: 'qemu', device: 'gpu', as: 'fd', expect: 'ok' };
const OPEN_THEN = (steps: unknown[]): unknown[] => [OPEN, ...steps];
const RAM = { kind: 'mmap', task: 'qemu', length: 0x2000, shared: false, as: 'ram', expect: 'ok' };
const ZERO = { kind: 'map-dma', task: 'qemu', addr: 'ram', iova: 0x1_0000_0000, size: 0, expect: 'EINVAL' };

describe('conformance scenarios', () => {
  it.each(DESIGN_NAMES)('%s: the errno the kernel expects is ok in conformance, rejected in user-error', (d) => {
    expect(runCell(scenario('conformance', OPEN_THEN([RAM, ZERO])), d, { seed: 1 }).outcome).toBe('ok');
    expect(runCell(scenario('user-error', OPEN_THEN([RAM, ZERO])), d, { seed: 1 }).outcome).toBe('rejected');
  });

  it('another errno than the kernel test expects is not ok', () => {
    const wrong = { ...ZERO, expect: 'EFAULT' };
    const c = runCell(scenario('conformance', OPEN_THEN([RAM, wrong])), 'status-quo', { seed: 1 });
    expect(c.outcome).toBe('rejected');
    expect(c.evidence.summary).toMatch(/refused with EINVAL \(a correct kernel: EFAULT\)/);
  });

  it('region-info that differs from the kernel test is a harness error naming the field', () => {
    const c = runCell(scenario('conformance', [OPEN,
      { kind: 'region-info', task: 'qemu', fd: 'fd', region: 0, want: { size: 0x2000 }, expect: 'ok' }]), 'status-quo', { seed: 1 });
    expect(c.outcome).toBe('harness-error');
    expect(c.evidence.summary).toMatch(/region-info: region 0 size is 0x100000, the kernel's test expects 0x2000/);
  });

  it('config-read compares after the mask; config-write is read-modify-write', () => {
    const c = runCell(scenario('conformance', [OPEN,
      { kind: 'config-write', task: 'qemu', fd: 'fd', offset: 4, set: 4, expect: 'ok' },
      { kind: 'config-read', task: 'qemu', fd: 'fd', offset: 4, mask: 6, want: 6, expect: 'ok' }]), 'status-quo', { seed: 1 });
    expect(c.outcome).toBe('ok');
  });
});

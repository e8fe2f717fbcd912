// The classifier's rules on hand-made run records: first match wins, in the documented
// order, and only the record decides (a record names no design).
import { describe, expect, it } from 'vitest';
import type { AuditFinding, DmaRecord, DmesgLine } from '../core/index.ts';
import { classify, type RunRecord, type StepResult } from './classify.ts';
import { Step } from './schema.ts';

let seq = 0;
const line = (text: string): DmesgLine => ({ seq: seq++, tick: 1, level: 'info', text });

function dma(over: Partial<DmaRecord>): DmaRecord {
  return { seq: 0, tick: 1, device: '0000:02:00.0', iova: 0x1000, write: true, value: 0, result: 'ok', hit: { kind: 'none', pfn: 5 }, stale: false, ...over };
}

function step(index: number, over: Partial<StepResult> = {}): StepResult {
  return { index, kind: 'munmap', ret: 0, injected: false, dmesg: [], dma: [], cpu: [], ...over };
}

const mapDma = Step.parse({ kind: 'map-dma', task: 'qemu', addr: 'bar0', iova: 0x1000, size: 0x2000 });
const dmaWrite = Step.parse({ kind: 'dma-write', device: 'nic', iova: 0x1000, value: 1 });
const leakFinding: AuditFinding = { what: 'device-ref', detail: 'vfio_device gpu: 1 reference(s) beyond the registration' };
const KASAN = 'BUG: KASAN: slab-use-after-free in vfio_pin_map_dma+0x0/0x0';
const WARNING = 'WARNING: CPU: 0 PID: 100 at lib/refcount.c refcount_warn_saturate+0x0/0x0';
const crashed = { kind: 'null-deref', fn: 'vfio_pin_map_dma', address: 8, message: 'BUG: kernel NULL pointer dereference, address: 0000000000000008', tick: 3 } as const;

function run(steps: StepResult[], extra: Partial<RunRecord> = {}): RunRecord {
  return { steps, audit: [], ...extra };
}

describe('classify: first match wins', () => {
  it('a harness error beats everything, even a crash', () => {
    const c = classify(run([step(0, { ret: 'OOPS', crashed })], { harnessError: { message: 'TypeError: x is undefined', at: { index: 0, kind: 'munmap' } } }));
    expect(c.outcome).toBe('harness-error');
    expect(c.evidence.summary).toContain('TypeError: x is undefined');
  });

  it('n/a names the step that asked for the mistake', () => {
    const c = classify(run([], { notApplicable: { reason: 'no such obligation', at: { index: 0, kind: 'driver-mistake' } } }));
    expect([c.outcome, c.evidence.step?.index]).toEqual(['n/a', 0]);
  });

  it('an oops beats a KASAN splat and a stale DMA', () => {
    const s = [step(0, { dmesg: [line(KASAN)], dma: [dma({ stale: true, staleReason: 'device-removed' })] }), step(1, { ret: 'OOPS', crashed, dmesg: [line(crashed.message)] })];
    const c = classify(run(s));
    expect(c.outcome).toBe('oops');
    expect(c.evidence.step?.index).toBe(1);
    expect(c.evidence.dmesg?.[0]).toBe(crashed.message);
  });

  it('a KASAN report is uaf, before a stale DMA and a leak', () => {
    const s = [step(0, { dma: [dma({ stale: true, staleReason: 'device-removed' })] }), step(1, { dmesg: [line(KASAN), line('Read of size 8')] })];
    const c = classify(run(s, { audit: [leakFinding] }));
    expect(c.outcome).toBe('uaf');
    expect(c.evidence.dmesg).toEqual([KASAN, 'Read of size 8']);
  });

  it('a stale DMA record is stale-dma, with the record as evidence', () => {
    const d = dma({ stale: true, staleReason: 'bar-reallocated', pfn: 0x8000000, intended: { desc: 'mmio 0000:01:00.0 BAR0', mapTick: 1 } });
    const c = classify(run([step(0), step(1, { kind: 'dma-write', dma: [d] })], { audit: [leakFinding] }));
    expect(c.outcome).toBe('stale-dma');
    expect(c.evidence.dma).toMatchObject({ staleReason: 'bar-reallocated', intended: 'mmio 0000:01:00.0 BAR0', pfn: '0x8000000' });
  });

  it('a stale CPU access is stale-dma too', () => {
    const c = classify(run([step(0, { cpu: [{ ret: 0, stale: true, staleReason: 'freed RAM page' }] })]));
    expect(c.outcome).toBe('stale-dma');
  });

  it('audit findings are a leak, before a WARN', () => {
    const c = classify(run([step(0, { dmesg: [line('refcount_t: underflow; use-after-free.'), line(WARNING)] })], { audit: [leakFinding] }));
    expect(c.outcome).toBe('leak');
    expect(c.evidence.audit?.[0]).toContain('device-ref');
  });

  it('a WARNING is warn, with the message line before it', () => {
    const c = classify(run([step(0, { dmesg: [line('------------[ cut here ]------------'), line('refcount_t: underflow; use-after-free.'), line(WARNING)] })]));
    expect(c.outcome).toBe('warn');
    expect(c.evidence.dmesg).toEqual(['refcount_t: underflow; use-after-free.', WARNING]);
  });

  it('an errno on a step expected ok is a false-reject, before a plain rejection', () => {
    const s = [step(0, { ret: 'EINVAL', error: 'EINVAL' }), step(1, { kind: 'map-dma', ret: 'EFAULT', error: 'EFAULT', expect: 'ok' })];
    const c = classify(run(s));
    expect([c.outcome, c.evidence.errno, c.evidence.step?.index]).toEqual(['false-reject', 'EFAULT', 1]);
  });

  it('an injected failure is not a false reject', () => {
    const c = classify(run([step(0, { kind: 'map-dma', ret: 'ENOMEM', error: 'ENOMEM', expect: 'ok', injected: true })]));
    expect([c.outcome, c.evidence.errno]).toEqual(['rejected', 'ENOMEM']);
  });

  it('a DMA blocked by the IOMMU after a successful map is rejected (the safe outcome)', () => {
    const s = [step(0, { kind: 'map-dma', step: mapDma }), step(1, { kind: 'dma-write', step: dmaWrite, ret: 'IOMMU_FAULT', error: 'IOMMU_FAULT', dma: [dma({ result: 'iommu-fault', iova: 0x1800 })] })];
    const c = classify(run(s));
    expect(c.outcome).toBe('rejected');
    expect(c.costs.iommuFaults).toBe(1);
  });

  it('a DMA fault where nothing was ever mapped decides nothing', () => {
    const s = [step(0, { kind: 'dma-write', step: dmaWrite, ret: 'IOMMU_FAULT', error: 'IOMMU_FAULT', dma: [dma({ result: 'iommu-fault' })] })];
    expect(classify(run(s)).outcome).toBe('ok');
  });

  it('ok when nothing failed; a blocked removal is a cost, not an outcome', () => {
    const c = classify(run([step(0), step(1, { kind: 'hot-unplug', ret: 0 }), step(2, { kind: 'hot-unplug', ret: 1 })]));
    expect(c.outcome).toBe('ok');
    expect(c.costs).toEqual({ blockedRemovals: 1, iommuFaults: 0 });
  });

  it('skipped steps are neither refusals nor false rejects', () => {
    expect(classify(run([step(0, { ret: 'SKIPPED', skipped: 'fd x does not exist', expect: 'ok' })])).outcome).toBe('ok');
  });
});

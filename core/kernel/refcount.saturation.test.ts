import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KernelBase } from './base.ts';
import { REFCOUNT_SATURATED, refcount_dec_and_test, refcount_inc, refcount_t } from './refcount.ts';

describe('refcount_t saturation (lib/refcount.c)', () => {
  it('an increment from zero WARNs "addition on 0" and saturates', () => {
    const k = new KernelBase(1);
    const r = new refcount_t(0);
    refcount_inc(k, r);
    expect(r.refs).toBe(REFCOUNT_SATURATED);
    expect(k.dmesg.format()).toContain('refcount_t: addition on 0; use-after-free.');
    expect(k.dmesg.format()).toMatch(/WARNING: CPU: 0 PID: 0 at lib\/refcount.c:28 refcount_warn_saturate/);
  });

  it('an underflow WARNs and never reports "free me" twice', () => {
    const k = new KernelBase(1);
    const r = new refcount_t(1);
    expect(refcount_dec_and_test(k, r)).toBe(true);
    expect(refcount_dec_and_test(k, r)).toBe(false);
    expect(k.dmesg.format()).toContain('refcount_t: underflow; use-after-free.');
    expect(refcount_dec_and_test(k, r)).toBe(false);
  });

  it('property: any sequence of inc/dec frees at most once and warns exactly when it goes wrong', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 40 }), (ops) => {
      const k = new KernelBase(1);
      const r = new refcount_t(1);
      let model = 1;
      let frees = 0;
      let broken = false;
      for (const inc of ops) {
        if (inc) {
          if (model === 0) broken = true;
          refcount_inc(k, r);
          model = broken ? model : model + 1;
        } else {
          if (model <= 0) broken = true;
          if (refcount_dec_and_test(k, r)) frees += 1;
          model = broken ? model : model - 1;
        }
      }
      expect(frees).toBeLessThanOrEqual(1);
      expect(k.dmesg.format().includes('refcount_t:')).toBe(broken);
      if (!broken) expect(r.refs).toBe(model);
    }), { numRuns: 300 });
  });
});

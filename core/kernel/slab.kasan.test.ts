import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KernelBase } from './base.ts';
import { KernelOops } from './bug.ts';
import { NULL, defineSlabType } from './slab.ts';

const FOO = defineSlabType<{ a: number; b: number; c: number }>('foo', ['a', 'b', 'c']);
const BAR = defineSlabType<{ x: number; ptr: number }>('bar', ['x', 'ptr']);

describe('slab + KASAN', () => {
  it('touching a freed object through a kept pointer reports slab-use-after-free with alloc and free ticks', () => {
    const k = new KernelBase(1);
    const p = k.slab.kmalloc(FOO, { a: 1, b: 2, c: 3 }, 'foo_alloc');
    k.advance(5);
    k.slab.kfree(p, 'foo_release');
    const stale = k.slab.deref(p, FOO, 'foo_user');
    const log = k.dmesg.format();
    expect(log).toContain('BUG: KASAN: slab-use-after-free in foo_user');
    expect(log).toContain('Allocated by task swapper/0/0 at tick 0: foo_alloc');
    expect(log).toContain('Freed by task swapper/0/0 at tick 5: foo_release');
    expect(stale.b).toBe(2);
  });

  it('a double free is reported, not performed twice', () => {
    const k = new KernelBase(1);
    const p = k.slab.kmalloc(FOO, { a: 1, b: 2, c: 3 }, 'x');
    k.slab.kfree(p, 'x');
    k.slab.kfree(p, 'y');
    expect(k.dmesg.format()).toContain('BUG: KASAN: double-free in y');
  });

  it('NULL and wild pointers Oops with the faulting function', () => {
    const k = new KernelBase(1);
    expect(() => k.slab.deref(NULL, FOO, 'null_user')).toThrow(KernelOops);
    expect(k.dmesg.format()).toContain('BUG: kernel NULL pointer dereference');
    expect(() => k.slab.deref(0x1234_5678_0000, FOO, 'wild_user')).toThrow(KernelOops);
    expect(k.dmesg.format()).toContain('RIP: 0010:wild_user');
  });

  it('reading an object as the wrong type gives the real words at those offsets, deterministically', () => {
    const k = new KernelBase(1);
    const p = k.slab.kmalloc(BAR, { x: 42, ptr: 0xdead000 }, 'bar_alloc');
    const view = k.slab.deref(p, FOO, 'confused');
    expect(view.a).toBe(42);
    expect(view.b).toBe(0xdead000);
    const again = new KernelBase(1);
    const p2 = again.slab.kmalloc(BAR, { x: 42, ptr: 0xdead000 }, 'bar_alloc');
    expect(again.slab.deref(p2, FOO, 'confused').c).toBe(view.c);
  });

  it('property: KASAN flags exactly the accesses made after the free', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('use', 'free'), { minLength: 1, maxLength: 20 }), (ops) => {
      const k = new KernelBase(1);
      const p = k.slab.kmalloc(FOO, { a: 0, b: 0, c: 0 }, 'alloc');
      let freed = false;
      let expectedReports = 0;
      for (const op of ops) {
        if (op === 'free') {
          if (freed) expectedReports += 1;
          k.slab.kfree(p, 'free');
          freed = true;
        } else {
          if (freed) expectedReports += 1;
          k.slab.deref(p, FOO, 'use');
        }
      }
      const reports = k.dmesg.all().filter((l) => l.text.startsWith('BUG: KASAN:')).length;
      expect(reports).toBe(expectedReports);
    }), { numRuns: 200 });
  });

  it('fail-nth fails exactly the N-th allocation point', () => {
    const k = new KernelBase(1);
    k.faults.failNth = 2;
    const a = k.slab.kmalloc(FOO, { a: 0, b: 0, c: 0 }, 'one');
    const b = k.slab.kmalloc(FOO, { a: 0, b: 0, c: 0 }, 'two');
    const c = k.slab.kmalloc(FOO, { a: 0, b: 0, c: 0 }, 'three');
    expect([a !== NULL, b === NULL, c !== NULL]).toEqual([true, true, true]);
    expect(k.dmesg.format()).toContain('FAULT_INJECTION: forcing a failure.');
    expect(k.faults.reached()).toBe(3);
  });
});

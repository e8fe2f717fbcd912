// add_timer / del_timer on the tick clock (kernel/time/timer.c): a timer fires when
// time reaches its expiry, in expiry order, with the clock at the expiry.
import { describe, expect, it } from 'vitest';
import { KernelBase } from './base.ts';

describe('add_timer: timers on the tick clock', () => {
  it('fires due timers in expiry order, each with the clock at its expiry, and not before', () => {
    const k = new KernelBase(1);
    const fired: [string, number][] = [];
    k.add_timer(30, () => fired.push(['b', k.tick()]));
    k.add_timer(10, () => fired.push(['a', k.tick()]));
    k.advance(9);
    expect(fired).toEqual([]);
    k.advance(100);
    expect(fired).toEqual([['a', 10], ['b', 30]]);
    expect(k.tick()).toBe(109);
  });

  it('a timer armed by a timer fires in the same advance when it is due', () => {
    const k = new KernelBase(1);
    const at: number[] = [];
    const rearm = (): void => {
      at.push(k.tick());
      if (at.length < 3) k.add_timer(10, rearm);
    };
    k.add_timer(10, rearm);
    k.advance(35);
    expect(at).toEqual([10, 20, 30]);
  });

  it('del_timer cancels a pending timer and says whether it was pending', () => {
    const k = new KernelBase(1);
    let ran = false;
    const t = k.add_timer(5, () => { ran = true; });
    expect(k.del_timer(t)).toBe(true);
    expect(k.del_timer(t)).toBe(false);
    k.advance(10);
    expect(ran).toBe(false);
  });
});

// KernelBase: the primitives every subsystem of one simulated machine shares: the tick
// counter, dmesg, the seeded PRNG, the slab, fail-nth injection, taint flags, the cost
// counters, and who is "current". The full machine (core/machine) builds on it.
import { type BugContext } from './bug.ts';
import { newCostCounters, type CostCounters } from './cost.ts';
import { Dmesg } from './dmesg.ts';
import { FaultInjector } from './fault_inject.ts';
import { Prng } from './prng.ts';
import { type RefcountCtx } from './refcount.ts';
import { Slab, type SlabCtx } from './slab.ts';
import { TimerList, type timer_list } from './timer.ts';

export interface Current {
  comm: string;
  pid: number;
}

export class KernelBase implements BugContext, RefcountCtx, SlabCtx {
  private ticks = 0;
  readonly dmesg: Dmesg;
  readonly prng: Prng;
  readonly slab: Slab;
  readonly faults = new FaultInjector();
  readonly cost: CostCounters = newCostCounters();
  readonly taints = new Set<string>();
  /** Armed kernel timers, fired by advance() when time reaches them. */
  readonly timers = new TimerList();
  current: Current = { comm: 'swapper/0', pid: 0 };
  /** Debug id counters of core/mm (next_id), per kernel. */
  readonly debugIds = { vma: 0, file: 0, mm: 0, mapping: 0 };

  constructor(readonly seed: number) {
    this.dmesg = new Dmesg(() => this.ticks);
    this.prng = new Prng(seed);
    this.slab = new Slab(this);
  }

  tick(): number {
    return this.ticks;
  }

  /**
   * Time passes: one tick per simulated operation (or more for a sleep), never the wall
   * clock. Timers due on the way fire in order, each with the clock at its expiry.
   */
  advance(n = 1): void {
    const until = this.ticks + n;
    for (let t = this.timers.takeDue(until); t !== null; t = this.timers.takeDue(until)) {
      this.ticks = Math.max(this.ticks, t.expires);
      t.fn();
    }
    this.ticks = Math.max(this.ticks, until);
  }

  /** add_timer() `after` ticks from now. */
  add_timer(after: number, fn: () => void): timer_list {
    return this.timers.add(this.ticks + after, fn);
  }

  /** del_timer(): true if it was still pending. */
  del_timer(t: timer_list): boolean {
    return this.timers.del(t);
  }

  currentTask(): Current {
    return this.current;
  }

  taint(flag: string): void {
    this.taints.add(flag);
  }

  countRefOp(): void {
    this.cost.refcountOps += 1;
  }

  countAlloc(): void {
    this.cost.allocations += 1;
  }

  /** should_fail(): numbers the point and logs as the kernel's fault injection does. */
  should_fail(site: string, fn: string): boolean {
    const fail = this.faults.hit(site, fn);
    if (fail) {
      this.dmesg.printk('err', 'FAULT_INJECTION: forcing a failure.');
      this.dmesg.printk('err', `name fail_nth (${site} in ${fn}), interval 1, probability 0, space 0, times 1`);
    }
    return fail;
  }

  printk(text: string): void {
    this.dmesg.printk('info', text);
  }
}

// Kernel timers on the tick clock (kernel/time/timer.c: add_timer, del_timer, run_timers).
// 1 tick = 1 µs. A timer fires when time reaches its expiry, in expiry order (ties in
// the order they were added), with the clock set to the expiry so dmesg timestamps are
// exact. Fired from KernelBase.advance, never from the wall clock.

/** USEC_PER_SEC: ticks per second of simulated time. */
export const USEC_PER_SEC = 1_000_000;
/** HZ in ticks: the model's jiffy is one tick, so HZ * 10 jiffies is 10 s of ticks. */
export const HZ = USEC_PER_SEC;

export interface timer_list {
  /** Tick at which the timer fires. */
  readonly expires: number;
  readonly fn: () => void;
  /** Order of arming, to break ties between equal expiries. */
  readonly seq: number;
}

export class TimerList {
  private pending: timer_list[] = [];
  private seq = 0;

  /** add_timer(): arms a one-shot timer; returns it for del_timer. */
  add(expires: number, fn: () => void): timer_list {
    const t: timer_list = { expires, fn, seq: this.seq++ };
    this.pending.push(t);
    return t;
  }

  /** del_timer(): true if the timer was pending. */
  del(t: timer_list): boolean {
    const i = this.pending.indexOf(t);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  /** The earliest timer due at or before `until`, taken off the list; null if none. */
  takeDue(until: number): timer_list | null {
    let best: timer_list | null = null;
    for (const t of this.pending) {
      if (t.expires > until) continue;
      if (best === null || t.expires < best.expires || (t.expires === best.expires && t.seq < best.seq)) best = t;
    }
    if (best !== null) this.del(best);
    return best;
  }

  get size(): number {
    return this.pending.length;
  }
}

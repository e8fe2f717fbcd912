// Systematic fault injection in the style of /proc/self/fail-nth (Documentation/
// fault-injection/fault-injection.rst): every allocation, pin or map point that can fail
// gets the next number as it is reached; setting failNth = N makes exactly the N-th
// point fail, once.
export interface FaultPoint {
  readonly nth: number;
  readonly site: string;
  readonly fn: string;
  readonly failed: boolean;
}

export class FaultInjector {
  /** 1-based number of the point to fail; 0 disables injection. */
  failNth = 0;
  private count = 0;
  private readonly points: FaultPoint[] = [];

  /** Numbers this point; true when it is the one to fail. */
  hit(site: string, fn: string): boolean {
    this.count += 1;
    const failed = this.failNth !== 0 && this.count === this.failNth;
    if (this.points.length < 100_000) this.points.push({ nth: this.count, site, fn, failed });
    return failed;
  }

  /** How many points were reached so far. */
  reached(): number {
    return this.count;
  }

  /** Whether the configured point was reached (so the sweep knows to go on). */
  injected(): boolean {
    return this.failNth !== 0 && this.count >= this.failNth;
  }

  log(): readonly FaultPoint[] {
    return this.points;
  }
}

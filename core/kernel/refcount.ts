// refcount_t (include/linux/refcount.h, lib/refcount.c). Saturating semantics: an
// increment from zero or a decrement below zero WARNs, the counter is set to
// REFCOUNT_SATURATED, and the object is leaked rather than freed twice.
import { WARN, type BugContext } from './bug.ts';

/** INT_MIN / 2, as in include/linux/refcount.h. */
export const REFCOUNT_SATURATED = -0x40000000;

export interface RefcountCtx extends BugContext {
  countRefOp(): void;
}

export class refcount_t {
  /** The raw value; REFCOUNT_SATURATED once saturated. */
  refs: number;

  constructor(initial = 1) {
    this.refs = initial;
  }

  get saturated(): boolean {
    return this.refs < 0;
  }
}

export function refcount_set(r: refcount_t, n: number): void {
  r.refs = n;
}

export function refcount_read(r: refcount_t): number {
  return r.refs;
}

/** refcount_warn_saturate(): the splat texts of lib/refcount.c. */
function warn_saturate(ctx: RefcountCtx, r: refcount_t, text: string): void {
  r.refs = REFCOUNT_SATURATED;
  WARN(ctx, 'refcount_warn_saturate', 'lib/refcount.c:28', text);
}

/** refcount_inc(): from 0 WARNs "addition on 0" and saturates. */
export function refcount_inc(ctx: RefcountCtx, r: refcount_t): void {
  ctx.countRefOp();
  const old = r.refs;
  if (old === 0) return warn_saturate(ctx, r, 'refcount_t: addition on 0; use-after-free.');
  if (old < 0) return warn_saturate(ctx, r, 'refcount_t: saturated; leaking memory.');
  r.refs = old + 1;
}

/** refcount_inc_not_zero(): false (and no change) when the count is 0. */
export function refcount_inc_not_zero(ctx: RefcountCtx, r: refcount_t): boolean {
  ctx.countRefOp();
  const old = r.refs;
  if (old === 0) return false;
  if (old < 0) {
    warn_saturate(ctx, r, 'refcount_t: saturated; leaking memory.');
    return true;
  }
  r.refs = old + 1;
  return true;
}

/**
 * refcount_dec_and_test(): true when this call dropped the last reference, so the
 * caller frees. Underflow WARNs and saturates, and never returns true (no double free).
 */
export function refcount_dec_and_test(ctx: RefcountCtx, r: refcount_t): boolean {
  ctx.countRefOp();
  const old = r.refs;
  if (old === 1) {
    r.refs = 0;
    return true;
  }
  if (old <= 0) {
    warn_saturate(ctx, r, 'refcount_t: underflow; use-after-free.');
    return false;
  }
  r.refs = old - 1;
  return false;
}

/** refcount_dec(): like dec_and_test, but reaching 0 here is itself a leak WARN. */
export function refcount_dec(ctx: RefcountCtx, r: refcount_t): void {
  ctx.countRefOp();
  const old = r.refs;
  if (old === 1) {
    warn_saturate(ctx, r, 'refcount_t: decrement hit 0; leaking memory.');
    return;
  }
  if (old <= 0) {
    warn_saturate(ctx, r, 'refcount_t: underflow; use-after-free.');
    return;
  }
  r.refs = old - 1;
}

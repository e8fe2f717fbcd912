// A hot-unplug that had to wait for user space is a cost the reader must see in the
// cell itself, not only in the summary's "blocked removals" column. The mark and the
// column come from the same number: SideCosts.blockedRemovals (hot-unplug steps that
// returned "waiting"), so they cannot disagree. Nothing here looks at the design.
import { USEC_PER_SEC } from '../core/index.ts';
import type { RemovalRecord } from './classify.ts';
import { stepName } from './classify.ts';

export const REMOVAL_BLOCKED = 'removal blocked';

/** The marks a cell carries next to its outcome word: today only the blocked removal. */
export function cellMarks(blockedRemovals: number): string[] {
  return blockedRemovals > 0 ? [blockedRemovals > 1 ? `${REMOVAL_BLOCKED} ×${blockedRemovals}` : REMOVAL_BLOCKED] : [];
}

/** "ok · removal blocked": an outcome word (or its symbol form) with the cell's marks. */
export function withMarks(word: string, blockedRemovals: number): string {
  return [word, ...cellMarks(blockedRemovals)].join(' · ');
}

/** A tick count (µs) as a person reads it: "5 µs", "100.0 ms", "25 s", "25.1 s". */
function duration(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < USEC_PER_SEC) return `${(us / 1000).toFixed(1)} ms`;
  return `${Number((us / USEC_PER_SEC).toFixed(1))} s`;
}

/** One line per waiting removal: where, how long, how many requests, how it ended. */
export function describeRemoval(r: RemovalRecord): string {
  return `${stepName(r.step)} ${r.device}: removal waited ${duration(r.waitedUs)} for its users, ` +
    `${r.requests} request(s) to the driver${r.signalled ? ', interrupted by a signal (now uninterruptible)' : ''}, ` +
    `${r.completed ? 'completed when the last user let go' : 'still waiting when the run ended'}`;
}

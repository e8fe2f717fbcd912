// Parsing of the flags several commands share; every failure is a UsageError (exit 2).
import { defaultJobs } from '../scenarios/parallel/pool.ts';
import { UsageError } from './exit.ts';

export function parseSeed(v: string | number | undefined): number {
  if (v === undefined) return 1;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || (typeof v === 'string' && !/^\d+$/.test(v))) {
    throw new UsageError(`--seed wants a non-negative integer, got "${v}"`, 'bad-seed');
  }
  return n;
}

/** --jobs: threads to split the work over; absent: one per core (1: this thread only). */
export function parseJobs(v: string | number | undefined): number {
  if (v === undefined) return defaultJobs();
  const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 256) throw new UsageError(`--jobs wants a whole number from 1 to 256, got "${v}"`, 'bad-jobs');
  return n;
}

export const JOBS_HELP = 'threads to split the work over (default: one per core; the output is the same for every n)';

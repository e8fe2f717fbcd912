// Parsing of the flags several commands share; every failure is a UsageError (exit 2).
// (--design is resolved by designs/resolve.ts through cli/subjects.ts.)
import { defaultJobs } from '../scenarios/parallel/jobs.ts';
import { UsageError } from './exit.ts';

/** The largest seed: the machine PRNG (mulberry32) and the fuzzer's sequence seeds are 32-bit, so a larger one would alias a smaller one. */
export const MAX_SEED = 0xffff_ffff;

export function parseSeed(v: string | number | undefined): number {
  if (v === undefined) return 1;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || (typeof v === 'string' && !/^\d+$/.test(v))) {
    throw new UsageError(`--seed wants a non-negative integer, got "${v}"`, 'bad-seed');
  }
  if (n > MAX_SEED) throw new UsageError(`--seed ${v} is beyond 2^32-1 (${MAX_SEED}): seeds are 32-bit, it would replay seed ${n % 2 ** 32}`, 'bad-seed');
  return n;
}

/** --jobs: threads to split the work over; absent: one per core but one (1: this thread only). */
export function parseJobs(v: string | number | undefined): number {
  if (v === undefined) return defaultJobs();
  const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 256) throw new UsageError(`--jobs wants a whole number from 1 to 256, got "${v}"`, 'bad-jobs');
  return n;
}

/** --design help of every command that runs designs. */
export const DESIGNS_HELP = "comma-separated designs: names (arena designs) or paths to .ts/.mts/.js/.mjs design modules (default: all, plus arena.config.json's)";
/** --scenarios help of every command that loads scenarios. */
export const SCENARIOS_HELP = 'also load the scenario .yaml files of this directory';
export const JOBS_HELP = 'threads to split the work over (default: cores - 1, at least 1; the output is the same for every n)';

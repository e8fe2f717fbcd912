// Parsing of the flags several commands share; every failure is a UsageError (exit 2).
import { DESIGN_NAMES, isDesignName, type DesignName } from '../designs/registry.ts';
import { defaultJobs } from '../scenarios/parallel/pool.ts';
import { UsageError } from './exit.ts';

/** "a,b" -> the designs, in DESIGN_NAMES order; all of them when absent. */
export function parseDesigns(list: string | undefined): DesignName[] {
  if (list === undefined) return [...DESIGN_NAMES];
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !isDesignName(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`unknown design ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; designs: ${DESIGN_NAMES.join(', ')}`, 'unknown-design');
  }
  return DESIGN_NAMES.filter((d) => names.includes(d));
}

export function parseDesign(name: string): DesignName {
  if (!isDesignName(name)) throw new UsageError(`unknown design "${name}"; designs: ${DESIGN_NAMES.join(', ')}`, 'unknown-design');
  return name;
}

export function parseSeed(v: string | number | undefined): number {
  if (v === undefined) return 1;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || (typeof v === 'string' && !/^\d+$/.test(v))) {
    throw new UsageError(`--seed wants a non-negative integer, got "${v}"`, 'bad-seed');
  }
  return n;
}

/** --jobs: worker threads to split the work over; absent: one per core (1: this thread only). */
export function parseJobs(v: string | number | undefined): number {
  if (v === undefined) return defaultJobs();
  const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 256) throw new UsageError(`--jobs wants a whole number from 1 to 256, got "${v}"`, 'bad-jobs');
  return n;
}

export const JOBS_HELP = 'worker threads to split the work over (default: one per core; output is the same for every n)';

// Parsing of the flags several commands share; every failure is a UsageError (exit 2).
import { UsageError } from './exit.ts';

export function parseSeed(v: string | number | undefined): number {
  if (v === undefined) return 1;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || (typeof v === 'string' && !/^\d+$/.test(v))) {
    throw new UsageError(`--seed wants a non-negative integer, got "${v}"`, 'bad-seed');
  }
  return n;
}

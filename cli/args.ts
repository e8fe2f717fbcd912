// Parsing of the flags several commands share; every failure is a UsageError (exit 2).
import { DESIGN_NAMES, isDesignName, type DesignName } from '../designs/registry.ts';
import { UsageError } from './exit.ts';

/** "a,b" -> the designs, in DESIGN_NAMES order; all of them when absent. Empty items and repeats are refused. */
export function parseDesigns(list: string | undefined): DesignName[] {
  if (list === undefined) return [...DESIGN_NAMES];
  const names = list.split(',').map((s) => s.trim());
  const known = `designs: ${DESIGN_NAMES.join(', ')}`;
  if (names.every((s) => s === '')) throw new UsageError(`--design: no design given; ${known}`, 'unknown-design');
  if (names.some((s) => s === '')) throw new UsageError(`--design "${list}": an empty name between commas; ${known}`, 'unknown-design');
  const unknown = names.filter((n) => !isDesignName(n));
  if (unknown.length > 0) throw new UsageError(`unknown design ${unknown.map((u) => `"${u}"`).join(', ')}; ${known}`, 'unknown-design');
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) throw new UsageError(`--design "${list}": ${[...new Set(twice)].map((u) => `"${u}"`).join(', ')} given twice`, 'duplicate-design');
  return DESIGN_NAMES.filter((d) => names.includes(d));
}

export function parseDesign(name: string): DesignName {
  if (!isDesignName(name)) throw new UsageError(`unknown design "${name}"; designs: ${DESIGN_NAMES.join(', ')}`, 'unknown-design');
  return name;
}

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

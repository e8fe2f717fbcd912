// tohex() is Number.prototype.toString(16), only faster for large numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tohex } from './hex.ts';

describe('tohex', () => {
  it('equals toString(16) for every safe integer, negative or not', () => {
    fc.assert(fc.property(fc.maxSafeInteger().chain((n) => fc.constantFrom(n, -n, Math.floor(n / 4096))), (n) => {
      expect(tohex(n)).toBe(n.toString(16));
    }), { numRuns: 2000 });
  });

  it('equals toString(16) at the edges', () => {
    for (const n of [0, 1, 0xfff, 2 ** 24 - 1, 2 ** 24, 2 ** 30, 2 ** 32, 2 ** 48 - 1, 2 ** 48, Number.MAX_SAFE_INTEGER]) {
      expect(tohex(n)).toBe(n.toString(16));
    }
  });
});

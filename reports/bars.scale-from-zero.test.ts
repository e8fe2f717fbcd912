// Bar cells: proportional to the value from zero on one scale, the value always
// written, a zero written as a zero with no bar, any non-zero value visible.
import { describe, expect, it } from 'vitest';
import { BAR_WIDTH, barCell } from './bars.ts';

describe('barCell', () => {
  it('draws the value against the maximum from zero, with the value beside it', () => {
    expect(barCell(10, 10)).toBe(`${'█'.repeat(BAR_WIDTH)} 10`);
    expect(barCell(5, 10)).toBe(`${'█'.repeat(BAR_WIDTH / 2)} 5`);
    expect(barCell(2.5, 5, '2.50 µs')).toBe(`${'█'.repeat(BAR_WIDTH / 2)} 2.50 µs`);
  });

  it('writes a zero as 0 with no bar, and gives a tiny value one block', () => {
    expect(barCell(0, 23)).toBe('0');
    expect(barCell(0, 23, '0 ns')).toBe('0 ns');
    expect(barCell(1, 1000)).toBe('█ 1');
  });
});

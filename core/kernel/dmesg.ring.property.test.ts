// The log ring keeps the newest `capacity` lines, counts the dropped ones, and since()
// returns exactly the kept lines at or after a mark, against a plain array model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dmesg } from './dmesg.ts';

describe('Dmesg ring (log_buf_len)', () => {
  it('matches a keep-the-newest model under any sequence of printk and marks', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.array(fc.oneof(fc.integer({ min: 1, max: 4 }).map((n) => ({ lines: n })), fc.constant({ mark: true as const })), { maxLength: 80 }),
      (capacity, ops) => {
        const d = new Dmesg(() => 0, capacity);
        const model: string[] = [];
        let n = 0;
        const marks: Array<{ mark: number; at: number }> = [];
        for (const op of ops) {
          if ('mark' in op) {
            marks.push({ mark: d.mark(), at: n });
            continue;
          }
          const parts = Array.from({ length: op.lines }, () => `line ${n++}`);
          d.printk('info', parts.join('\n'));
          model.push(...parts);
        }
        const kept = model.slice(Math.max(0, model.length - capacity));
        expect(d.all().map((l) => l.text)).toEqual(kept);
        expect(d.droppedCount()).toBe(model.length - kept.length);
        for (const m of marks) {
          expect(d.since(m.mark).map((l) => l.text)).toEqual(kept.filter((t) => Number(t.slice(5)) >= m.at));
        }
      },
    ), { numRuns: 300 });
  });
});

// Every bad input of cli/bad-input.cases.ts (more than 40) given to the real binary
// (node cli/arena.js), as a user or CI would: exit 2, one line naming what and where,
// no "    at " stack frame, nothing on stdout, no file written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_INPUT_COUNT, answerProblems, badInput, tree } from './bad-input.cases.ts';
import { arenaBinaryWith } from './testing.ts';

describe.concurrent('bad input, the real binary', () => {
  it('there are at least 40 cases', () => {
    expect(BAD_INPUT_COUNT).toBeGreaterThanOrEqual(40);
  });

  const indices = Array.from({ length: BAD_INPUT_COUNT }, (_, i) => i);
  // Each spawn pays for node + tsx start-up; several run side by side.
  it.each(indices)('case %i', async (i) => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-bad-bin-'));
    const c = badInput(dir, i);
    const before = tree(dir);
    const r = await arenaBinaryWith(c.env ?? {}, ...c.args);
    expect([c.name, answerProblems(c, r)]).toEqual([c.name, []]);
    expect(tree(dir)).toEqual(before);
  }, 120_000);
});

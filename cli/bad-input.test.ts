// Every bad input of cli/bad-input.cases.ts through main() in this process: exit 2, one
// line naming what and where, no stack frame, nothing on stdout, nothing written.
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_INPUT_COUNT, answerProblems, badInput, tree } from './bad-input.cases.ts';
import { ROOT, arenaInProcess } from './testing.ts';

describe('bad input, in process', () => {
  const indices = Array.from({ length: BAD_INPUT_COUNT }, (_, i) => i);
  it.each(indices)('case %i', async (i) => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-bad-'));
    const c = badInput(dir, i);
    const before = tree(dir);
    const saved = { ...process.env };
    Object.assign(process.env, c.env ?? {});
    let r;
    try {
      r = await arenaInProcess(...c.args);
    } finally {
      for (const k of Object.keys(c.env ?? {})) if (saved[k] === undefined) delete process.env[k];
    }
    expect([c.name, answerProblems(c, r)]).toEqual([c.name, []]);
    expect(tree(dir)).toEqual(before);
  });

  it('report --out "" writes nothing into the project root', async () => {
    expect((await arenaInProcess('report', '--out', '')).code).toBe(2);
    expect(existsSync(join(ROOT, 'comparison.md'))).toBe(false);
  });
});

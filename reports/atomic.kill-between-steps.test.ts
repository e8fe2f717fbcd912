// A set (comparison.md + .json + .txt) written by atomic.ts survives a kill -9 after any
// step of the writer, and two or more runs writing into one directory at once: a reader
// finds the complete old set or the complete new set, never files of two runs. The
// writers are real processes (reports/atomic.child.ts) killed by SIGKILL at an injected
// point, not by timing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SET_NAMES, setFiles } from './atomic.child.ts';
import { leftovers, readSet, recoverSet, writeFileSet } from './atomic.ts';

const exec = promisify(execFile);
const CHILD = join(import.meta.dirname, 'atomic.child.ts');

async function child(dir: string, run: string, dieAfter?: string): Promise<'done' | 'killed'> {
  try {
    await exec(process.execPath, ['--import', 'tsx', CHILD, dir, run, ...(dieAfter ? [dieAfter] : [])], { cwd: join(import.meta.dirname, '..') });
    return 'done';
  } catch (e) {
    if ((e as { signal?: string }).signal === 'SIGKILL') return 'killed';
    throw e;
  }
}

/** The run every file of the set on disk (or as readSet sees it) belongs to; throws on a mix. */
function runOf(files: ReadonlyMap<string, string | null>): string {
  const runs = new Set(SET_NAMES.map((n) => /of run (\S+)\n$/.exec(files.get(n) ?? '')?.[1] ?? 'missing'));
  if (runs.size !== 1) throw new Error(`a mix of runs: ${[...runs].join(', ')}`);
  return [...runs][0] ?? '';
}

const onDisk = (dir: string): Map<string, string | null> => new Map(SET_NAMES.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));

const STEPS = ['locked', 'staged', 'committed', ...SET_NAMES.map((n) => `moved ${n}`), 'removed'];

describe('a file set under kill -9 and concurrent writers', () => {
  it.concurrent.each(STEPS)('killed right after "%s": the old set or the new one, and the next run cleans up', async (step) => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-kill-'));
    writeFileSet(dir, setFiles('old'));
    expect(await child(dir, 'new', step)).toBe('killed');
    const seen = runOf(readSet(dir, SET_NAMES));
    // Before the commit rename the new set does not exist yet; from it on, it is the set.
    expect(seen).toBe(['locked', 'staged'].includes(step) ? 'old' : 'new');
    recoverSet(dir, { names: SET_NAMES });
    expect(runOf(onDisk(dir))).toBe(seen);
    expect(leftovers(dir)).toEqual([]);
  });

  it('four runs writing into one directory at once leave one complete set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-concurrent-'));
    writeFileSet(dir, setFiles('old'));
    const runs = ['r1', 'r2', 'r3', 'r4'];
    expect(await Promise.all(runs.map((r) => child(dir, r)))).toEqual(['done', 'done', 'done', 'done']);
    expect(runs).toContain(runOf(onDisk(dir)));
    expect(leftovers(dir)).toEqual([]);
  });

  it('a run killed after its commit, then another run: the other run\'s set, whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-kill-then-run-'));
    writeFileSet(dir, setFiles('old'));
    expect(await child(dir, 'killed', `moved ${SET_NAMES[0]}`)).toBe('killed');
    expect(await child(dir, 'next')).toBe('done');
    expect(runOf(onDisk(dir))).toBe('next');
    expect(leftovers(dir)).toEqual([]);
  });
});

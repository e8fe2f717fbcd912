// `arena report --check` reads the report's files as one set: a write killed after its
// commit is read through (the new set), and the directory is stale until a run finishes
// it, whatever the files hold.
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMIT_NAME } from './atomic-lock.ts';
import { recoverSet, writeFileSet } from './atomic.ts';
import { staleFiles } from './generate.ts';

const set = (run: string): Array<readonly [string, string]> => [['comparison.md', `md ${run}\n`], ['comparison.json', `json ${run}\n`]];

describe('report --check and an interrupted write', () => {
  it('a committed but unfinished set is stale, and current once finished', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-check-'));
    writeFileSet(dir, set('old'));
    // What a kill after the commit and the first move leaves: new md in place, new json still in the commit.
    expect(() => writeFileSet(dir, set('new'), { step: (s) => { if (s === 'moved comparison.md') throw new Error('killed'); } })).toThrow('killed');
    const stale = staleFiles(dir, { files: set('new') });
    expect(stale.map((s) => s.file)).toEqual([dir]);
    expect(stale[0]?.diff[0]).toContain('interrupted');
    recoverSet(dir);
    expect(staleFiles(dir, { files: set('new') })).toEqual([]);
  });

  it('a planted directory named like the commit, without a journal, is not read through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-check-'));
    writeFileSet(dir, set('old'));
    const fake = join(dir, 'fake');
    mkdirSync(fake);
    writeFileSync(join(fake, 'comparison.md'), 'md evil\n');
    renameSync(fake, join(dir, COMMIT_NAME));
    expect(staleFiles(dir, { files: set('old') }).map((s) => s.file)).toEqual([dir]);
    writeFileSet(dir, set('next'));
    expect(staleFiles(dir, { files: set('next') })).toEqual([]);
  });
});

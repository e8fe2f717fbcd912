// The file-set writer (atomic.ts): whole files, no temp left behind, failures named as
// OutputErrors, symlinks never followed, stale temp files of dead runs removed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_NAME, COMMIT_NAME } from './atomic-lock.ts';
import { leftovers, writeFileAtomic, writeFileSet } from './atomic.ts';
import { OutputError } from './output-error.ts';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'arena-atomic-'));
/** A pid above any pid_max: no such process, so what it "owns" is stale. */
const DEAD = 99_999_999;

describe('atomic report writes', () => {
  it('replaces the file whole and leaves no temp file', () => {
    const dir = fresh();
    const p = join(dir, 'sub', 'comparison.md');
    writeFileAtomic(p, 'one\n');
    writeFileAtomic(p, 'two\n');
    expect(readFileSync(p, 'utf8')).toBe('two\n');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['comparison.md']);
  });

  it('leaves the previous file intact and no temp file when the write fails before the commit', () => {
    const dir = fresh();
    const p = join(dir, 'comparison.md');
    writeFileSync(p, 'previous report\n');
    expect(() => writeFileAtomic(p, 'half a new rep', { step: (s) => { if (s === 'staged') throw new Error('interrupted'); } })).toThrow('interrupted');
    expect(readFileSync(p, 'utf8')).toBe('previous report\n');
    expect(readdirSync(dir)).toEqual(['comparison.md']);
  });

  it('a directory that is a regular file is an OutputError naming it, and nothing is written', () => {
    const dir = fresh();
    const file = join(dir, 'taken');
    writeFileSync(file, 'x');
    expect(() => writeFileSet(file, [['a.md', 'a']])).toThrow(OutputError);
    expect(() => writeFileSet(join(file, 'sub'), [['a.md', 'a']])).toThrow(/taken/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a full disk (ENOSPC while writing) removes the partial temp directory', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'comparison.md'), 'old\n');
    // The errno a full disk gives, injected after the files were staged.
    const enospc = Object.assign(new Error('write failed'), { code: 'ENOSPC' });
    expect(() => writeFileSet(dir, [['comparison.md', 'new\n']], { step: (s) => { if (s === 'staged') throw enospc; } }))
      .toThrow(/ENOSPC \(no space left on device\)/);
    expect(readFileSync(join(dir, 'comparison.md'), 'utf8')).toBe('old\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('never follows a symlink planted at a predictable name (old temp names, the lock, the commit)', () => {
    const dir = fresh();
    const victim = join(fresh(), 'victim');
    writeFileSync(victim, 'precious\n');
    const victimDir = fresh();
    for (const name of [`.comparison.md.tmp-${process.pid}`, `comparison.md.${process.pid}.tmp`, `.comparison.md.tmp-${DEAD}`, LOCK_NAME]) {
      symlinkSync(victim, join(dir, name));
    }
    symlinkSync(victimDir, join(dir, COMMIT_NAME));
    writeFileSet(dir, [['comparison.md', 'md\n'], ['comparison.json', '{}\n']]);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readdirSync(victimDir)).toEqual([]);
    expect(readFileSync(join(dir, 'comparison.md'), 'utf8')).toBe('md\n');
    // The lock and commit names were not ours: removed (unlinked, not followed).
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    expect(existsSync(join(dir, COMMIT_NAME))).toBe(false);
  });

  it('a symlink at the target itself is replaced, not written through', () => {
    const dir = fresh();
    const victim = join(fresh(), 'victim');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, 'comparison.md'));
    writeFileAtomic(join(dir, 'comparison.md'), 'report\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(join(dir, 'comparison.md'), 'utf8')).toBe('report\n');
  });

  it('removes temp files and directories of dead runs, keeps those of live ones and foreign files', () => {
    const dir = fresh();
    const deadStage = `.arena-tmp-${DEAD}-${'a'.repeat(32)}`;
    const liveStage = `.arena-tmp-${process.pid}-${'b'.repeat(32)}`;
    mkdirSync(join(dir, deadStage));
    writeFileSync(join(dir, deadStage, 'comparison.md'), 'partial');
    mkdirSync(join(dir, liveStage));
    writeFileSync(join(dir, `.comparison.md.tmp-${DEAD}`), 'old-style temp');
    writeFileSync(join(dir, `findings.json.${DEAD}.tmp`), 'old-style temp');
    writeFileSync(join(dir, `other.${DEAD}.tmp`), 'not one of ours');
    writeFileSet(dir, [['comparison.md', 'md\n'], ['findings.json', '{}\n']]);
    expect(readdirSync(dir).sort()).toEqual([liveStage, 'comparison.md', 'findings.json', `other.${DEAD}.tmp`].sort());
  });

  it('a lock held by a live writer is waited for, then reported', () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK_NAME), `${process.ppid}\n`);
    expect(() => writeFileSet(dir, [['a.md', 'a']], { waitMs: 0 })).toThrow(/another arena run \(pid \d+\) is writing there/);
    expect(existsSync(join(dir, 'a.md'))).toBe(false);
  });

  it('a set drops the files it is told the previous set had', () => {
    const dir = fresh();
    writeFileSet(dir, [['findings.json', '1'], ['fuzz-a.yaml', 'a'], ['fuzz-b.yaml', 'b']]);
    writeFileSet(dir, [['findings.json', '2'], ['fuzz-b.yaml', 'b2']], { remove: ['fuzz-a.yaml', 'fuzz-b.yaml'] });
    expect(readdirSync(dir).sort()).toEqual(['findings.json', 'fuzz-b.yaml']);
    expect(readFileSync(join(dir, 'fuzz-b.yaml'), 'utf8')).toBe('b2');
  });
});

describe('what a set write never replaces', () => {
  it('a directory where a file of the set should go is an OutputError, and the old set stays', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'comparison.md'), 'old\n');
    mkdirSync(join(dir, 'comparison.json'));
    expect(() => writeFileSet(dir, [['comparison.md', 'new\n'], ['comparison.json', '{}\n']])).toThrow(/comparison\.json: exists and is not a regular file/);
    expect(readFileSync(join(dir, 'comparison.md'), 'utf8')).toBe('old\n');
    expect(leftovers(dir)).toEqual([]);
  });
});

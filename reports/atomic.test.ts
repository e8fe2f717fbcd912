import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFilesAtomic } from './atomic.ts';

describe('atomic report writes', () => {
  it('replaces the file whole and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-atomic-'));
    const p = join(dir, 'sub', 'comparison.md');
    writeFileAtomic(p, 'one\n');
    writeFileAtomic(p, 'two\n');
    expect(readFileSync(p, 'utf8')).toBe('two\n');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['comparison.md']);
  });

  it('leaves the previous file intact when the write fails before the rename', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-atomic-'));
    const p = join(dir, 'comparison.md');
    writeFileSync(p, 'previous report\n');
    expect(() => writeFileAtomic(p, 'half a new rep', { beforeRename: () => { throw new Error('interrupted'); } })).toThrow('interrupted');
    expect(readFileSync(p, 'utf8')).toBe('previous report\n');
    expect(readdirSync(dir)).toEqual(['comparison.md']);
  });

  it('writes none of several files when one of them fails before the renames', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-atomic-'));
    const md = join(dir, 'comparison.md');
    const json = join(dir, 'comparison.json');
    writeFileSync(md, 'old md\n');
    let calls = 0;
    expect(() => writeFilesAtomic([[md, 'new md\n'], [json, '{}\n']], {
      beforeRename: () => {
        calls += 1;
        if (calls === 2) throw new Error('disk full');
      },
    })).toThrow('disk full');
    expect(readFileSync(md, 'utf8')).toBe('old md\n');
    expect(existsSync(json)).toBe(false);
    expect(readdirSync(dir)).toEqual(['comparison.md']);
  });
});

// arena fuzz --out reused: reproducers of the previous campaign that this one did not
// find are removed with the same atomic set write, so the directory holds exactly what
// findings.json lists; files that are not reproducers stay. Seeds past 2^32 are refused
// (the sequence seeds are 32-bit: 4294967303 would replay seed 7).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FindingsJson } from '../../scenarios/fuzzer/index.ts';
import { EXIT } from '../exit.ts';
import { arenaInProcess as arena } from '../testing.ts';

const listed = (out: string): string[] =>
  FindingsJson.parse(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'))).findings.map((f) => `${f.id}.yaml`).sort();
const yamls = (out: string): string[] => readdirSync(out).filter((f) => f.endsWith('.yaml')).sort();

describe('arena fuzz --out reused', () => {
  it('keeps no stale reproducer and leaves foreign files alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'arena-fuzz-reuse-'));
    const first = await arena('fuzz', '--design', 'status-quo', '--runs', '60', '--seed', '1', '--out', out);
    expect(first.code, first.stderr).toBe(EXIT.ok);
    expect(listed(out).length).toBeGreaterThan(0);
    expect(yamls(out)).toEqual(listed(out));
    writeFileSync(join(out, 'my-notes.yaml'), 'mine\n');
    const second = await arena('fuzz', '--design', 'status-quo', '--runs', '60', '--seed', '1', '--out', out, '--max-findings', '0');
    expect(second.code, second.stderr).toBe(EXIT.ok);
    expect(listed(out)).toEqual([]);
    expect(yamls(out)).toEqual(['my-notes.yaml']);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a seed beyond 2^32-1 is exit 2, not an alias of a small seed', async () => {
    const out = join(tmpdir(), 'arena-fuzz-never-written');
    const r = await arena('fuzz', '--design', 'status-quo', '--runs', '1', '--seed', '4294967303', '--out', out);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toBe('arena: --seed 4294967303 is beyond 2^32-1 (4294967295): seeds are 32-bit, it would replay seed 7\n');
    expect((await arena('fuzz', '--design', 'status-quo', '--runs', '1', '--seed', '4294967295', '--out', mkdtempSync(join(tmpdir(), 'arena-fuzz-max-')))).code).toBe(EXIT.ok);
  });

  it('an --out that is a regular file is exit 2 before any sequence runs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'arena-fuzz-file-')), 'taken');
    writeFileSync(file, 'x');
    const r = await arena('fuzz', '--design', 'status-quo', '--runs', '5', '--out', file);
    expect([r.code, r.stdout]).toEqual([EXIT.usage, '']);
    expect(r.stderr).toMatch(/^arena: --out .*taken: is a file, expected a directory\n$/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

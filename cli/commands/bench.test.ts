// arena bench in-process on the cheapest suite: prints its table and the four target
// lines, writes bench.md and bench.json into --out; bad flags are usage errors.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../exit.ts';
import { bufferIo } from '../io.ts';
import { main } from '../program.ts';
import { parseSuites } from './bench.ts';

describe('arena bench', () => {
  it('--quick --suite lookup: table, target lines, both reports written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'arena-bench-')), 'nested');
    const io = bufferIo();
    const code = await main(['bench', '--quick', '--suite', 'lookup', '--design', 'status-quo,private-data', '--out', out], io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(EXIT.ok);
    const text = io.stdout();
    expect(text).toContain('lookup: type1 PFNMAP lookup alone');
    expect(text).toMatch(/^private-data +\S+ \S+ +±/m);
    expect(text.match(/^target /gm)).toHaveLength(4);
    expect(text).toMatch(/^target pfn lookup overhead against status-quo: private-data \d+\.\d\d×/m);
    expect(existsSync(join(out, 'bench.md'))).toBe(true);
    const json: unknown = JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8'));
    expect(json).toMatchObject({ version: 1, mode: 'quick', designs: ['status-quo', 'private-data'] });
    expect(readFileSync(join(out, 'bench.md'), 'utf8')).toContain('## type1 PFNMAP lookup alone (`lookup`)');
  });

  it('an unknown suite or design is a usage error', async () => {
    const io = bufferIo();
    expect(await main(['bench', '--suite', 'nope', '--out', tmpdir()], io)).toBe(EXIT.usage);
    expect(io.stderr()).toContain('unknown suite "nope"');
    expect(await main(['bench', '--design', 'nope', '--out', tmpdir()], bufferIo())).toBe(EXIT.usage);
  });

  it('parseSuites: absent means every suite; cpu is selectable', () => {
    expect(parseSuites(undefined)).toBeUndefined();
    expect(parseSuites('cpu, lookup')).toEqual(['cpu', 'lookup']);
    expect(() => parseSuites(',')).toThrow(/none given/);
  });
});

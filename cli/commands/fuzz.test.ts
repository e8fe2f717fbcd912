// arena fuzz in process: the acceptance run at a small size, --diff, the usage errors,
// and nothing but results when output is piped.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FindingsJson } from '../../scenarios/fuzzer/index.ts';
import { EXIT } from '../exit.ts';
import { arenaInProcess as arena } from '../testing.ts';

describe('arena fuzz', () => {
  // The first failure: reserved mdev RAM freed at exit while still mapped, then unpinned by
  // type1's put_pfn when the container goes (v5.12 vfio_unmap_unpin).
  it('finds a status-quo oops at teardown, writes a reproducer and findings.json, and `arena run` replays it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'arena-fuzz-'));
    const r = await arena('fuzz', '--design', 'status-quo', '--runs', '60', '--seed', '1', '--out', out);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^arena fuzz: seed 1, 60 sequence\(s\) of <= 20 steps, designs status-quo\n/);
    expect(r.stdout).toMatch(/status-quo: oops at teardown/);
    const doc = FindingsJson.parse(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')));
    const [f] = doc.findings;
    expect(f?.outcomes['status-quo']).toBe('oops');
    const file = join(out, `${f?.id ?? '?'}.yaml`);
    expect(existsSync(file)).toBe(true);
    expect(r.stdout).toContain(`replay: ${f?.replay ?? '?'}`);
    const replay = await arena('run', file, '--design', 'status-quo', '--fail-on-unsafe');
    expect(replay.code).toBe(EXIT.unsafe);
    expect(replay.stdout).toMatch(/status-quo\s+\S+ oops/);
  });

  it('--diff groups disagreements by the pair of outcomes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'arena-fuzz-'));
    const r = await arena('fuzz', '--diff', '--design', 'status-quo,dmabuf-revoke', '--runs', '60', '--out', out, '--max-findings', '1');
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^disagreement: oops vs (ok|rejected)$/m);
    expect(r.stdout).toMatch(/status-quo oops at teardown vs dmabuf-revoke (ok|rejected)/);
  });

  it('usage errors exit 2: unknown design, bad --shard, bad --runs, --diff with one design', async () => {
    const cases: string[][] = [
      ['--design', 'nope'], ['--shard', '3/2'], ['--shard', 'x'], ['--runs', '0'], ['--runs', 'many'], ['--max-steps', '0'],
      ['--diff', '--design', 'status-quo'],
    ];
    for (const c of cases) {
      const r = await arena('fuzz', ...c, '--out', join(tmpdir(), 'arena-fuzz-never'));
      expect([c.join(' '), r.code]).toEqual([c.join(' '), EXIT.usage]);
      expect(r.stdout).toBe('');
    }
  });

  it('--fail-on-unsafe exits 1 when a sequence broke an invariant', async () => {
    const out = mkdtempSync(join(tmpdir(), 'arena-fuzz-'));
    const r = await arena('fuzz', '--design', 'status-quo', '--runs', '60', '--out', out, '--fail-on-unsafe', '--max-findings', '0');
    expect(r.code).toBe(EXIT.unsafe);
    expect(r.stdout).toMatch(/not shrunk \(--max-findings 0\)/);
  });
});

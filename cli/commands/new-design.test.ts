// arena new-design end to end: scaffold into a temporary directory, run the design
// through the CLI (the real binary: tsx loads the .ts), run its own vitest test's logic.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../exit.ts';
import { arenaBinary, arenaInProcess } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'arena-new-design-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('arena new-design', () => {
  it('writes index.ts, README.md with its obligations table and a test; the design runs bar-map-dma ok first try', async () => {
    const made = await arenaInProcess('new-design', 'my-idea', '--dir', dir);
    expect([made.code, made.stderr]).toEqual([EXIT.ok, '']);
    for (const f of ['index.ts', 'README.md', 'index.test.ts']) expect(existsSync(join(dir, 'my-idea', f))).toBe(true);
    expect(readFileSync(join(dir, 'my-idea', 'README.md'), 'utf8')).toContain('| mdev-ram | `take-ref-on-open` | omit |');
    const r = await arenaBinary('run', 'bar-map-dma', '--design', join(dir, 'my-idea', 'index.ts'));
    expect([r.code, r.stderr]).toEqual([EXIT.ok, '']);
    expect(r.stdout).toMatch(/^ {2}my-idea +✅ ok /m);
  });

  it('runs every scenario without a harness error', async () => {
    const r = await arenaInProcess('run', ...['bar-map-dma', 'hot-unplug-reassign', 'fail-nth-map-dma', 'driver-skips-open'], '--design', join(dir, 'my-idea', 'index.ts'), '--format', 'json');
    const cells = (JSON.parse(r.stdout) as { results: { outcome: string }[] }).results;
    expect(cells.map((c) => c.outcome)).not.toContain('harness-error');
    expect(cells).toHaveLength(4);
  });

  it('--from copies a built-in design\'s code (and the design folders it imports); the copy gives the same cells', async () => {
    expect((await arenaInProcess('new-design', 'my-v1', '--dir', dir, '--from', 'driver-op-v1-notifier')).code).toBe(EXIT.ok);
    const index = readFileSync(join(dir, 'my-v1', 'index.ts'), 'utf8');
    expect(index).toContain("from 'pfnmap-arena/design'");
    expect(index).toContain("from './driver-op/index.ts'");
    expect(index).toContain("name: 'my-v1'");
    expect(existsSync(join(dir, 'my-v1', 'driver-op', 'vfio-pci.ts'))).toBe(true);
    expect(readFileSync(join(dir, 'my-v1', 'README.md'), 'utf8')).toContain('`notify-release`');
    const r = await arenaInProcess('run', 'hot-unplug-reassign', 'mdev-ram-close', '--design', `driver-op-v1-notifier,${join(dir, 'my-v1', 'index.ts')}`, '--format', 'json');
    const cells = (JSON.parse(r.stdout) as { results: { scenario: string; design: string; outcome: string }[] }).results;
    const by = (d: string): string[] => cells.filter((c) => c.design === d).map((c) => `${c.scenario} ${c.outcome}`);
    expect(by('my-v1')).toEqual(by('driver-op-v1-notifier'));
  });

  it.each([
    [['Bad_Name'], 'must be kebab-case'],
    [['driver-op'], 'is the name of a built-in design'],
    [['my-idea'], 'already exists'],
    [['x-y', '--from', 'nope'], '--from wants a built-in design'],
  ])('%j exits 2 with one line and writes nothing', async (args, what) => {
    const r = await arenaInProcess('new-design', ...args, '--dir', dir);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(what);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'x-y'))).toBe(false);
  });
});

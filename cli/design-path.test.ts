// --design takes a path to a design module outside the checkout, on every command; a
// path that is not a design exits 2 with one line naming the file; a design that
// throws makes its cells harness-error with its file and line, and the run goes on.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { designDir } from './design-fixtures.ts';
import { EXIT } from './exit.ts';
import { arenaBinary, arenaInProcess } from './testing.ts';

const dir = designDir();
const ref = join(dir, 'file-ref.ts');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--design <path>', () => {
  it('runs .ts, .mts, .js and .mjs designs kept outside the checkout through the real binary (tsx, pfnmap-arena/design)', async () => {
    const others = ['ref.mts', 'plain.mjs', 'plain.js'].map((f) => join(dir, f));
    const r = await arenaBinary('run', 'hot-unplug-reassign', '--design', ['driver-op', ref, ...others].join(','));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^ {2}file-ref +\S+ (ok|rejected|warn|leak|stale-dma)/m);
    expect(r.stdout).toMatch(/^ {2}driver-op +/m);
    for (const n of ['file-ref-mts', 'plain-mjs', 'plain-js']) expect(r.stdout).toMatch(new RegExp(`^ {2}${n} +`, 'm'));
  });

  it('gives the design a row in every table of the report', async () => {
    const out = join(dir, 'report');
    const r = await arenaInProcess('report', '--design', `status-quo,${ref}`, '--out', out);
    expect(r.code).toBe(EXIT.ok);
    const md = readFileSync(join(out, 'comparison.md'), 'utf8');
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as { designs: { design: string }[]; mistakes: { designs: string[] } };
    expect(json.designs.map((d) => d.design)).toEqual(['status-quo', 'file-ref']);
    expect(json.mistakes.designs).toEqual(['status-quo', 'file-ref']);
    const sections = md.split(/^## /m).slice(1);
    const titles = ['Summary', 'Matrix', 'How the misuse cases are caught', 'The seed\'s claims', 'How hard is it to use wrong?', 'Found by fuzzing'];
    for (const t of titles) expect(sections.find((s) => s.startsWith(t)) ?? `no section ${t}`).toContain('file-ref');
    expect(md).toContain('keep-file');
  });

  it('passes the gate with the design\'s cells and mistake rows listed as new, and fails with --strict', async () => {
    const r = await arenaInProcess('gate', '--design', ref);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/not in the baseline \(\d+\)/);
    expect(r.stdout).toContain('hot-unplug-reassign / file-ref: ');
    expect(r.stdout).toContain('mistake file-ref/vfio-pci/keep-file/omit: ');
    expect((await arenaInProcess('gate', '--design', ref, '--strict')).code).toBe(EXIT.unsafe);
  });

  it.each([
    ['/nonexistent-arena-design.ts', 'no such file'],
    ['throws.ts', 'failed to load (boom at import)'],
    ['no-default.ts', 'no default export'],
    ['bad-name.ts', 'default export is not a Design: name: must be kebab-case'],
    ['shadows.ts', '"driver-op" is the name of a built-in design'],
    ['twins.ts', '"twin" is also the name of a design in'],
  ])('%s exits 2 with one line naming the file: %s', async (file, what) => {
    const path = file.startsWith('/') ? file : join(dir, file);
    const r = await arenaInProcess('run', 'bar-map-dma', '--design', path);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(path);
    expect(r.stderr).toContain(what);
  });

  it('a design that throws at install or in a hook is harness-error with its file and line; the run goes on', async () => {
    const r = await arenaInProcess('run', 'bar-map-dma', '--design', `status-quo,${join(dir, 'throws-in-hooks.ts')}`, '--format', 'json');
    expect(r.code).toBe(EXIT.ok);
    const cells = (JSON.parse(r.stdout) as { results: { design: string; outcome: string; evidence: { summary: string } }[] }).results;
    expect(cells.map((c) => [c.design, c.outcome])).toEqual([['status-quo', 'ok'], ['throws-in-lookup', 'harness-error'], ['throws-at-install', 'harness-error']]);
    expect(cells[1]?.evidence.summary).toMatch(/my lookup is broken \(thrown at .*throws-in-hooks\.ts:10:\d+\)/);
    expect(cells[2]?.evidence.summary).toMatch(/cannot install \(thrown at .*throws-in-hooks\.ts:18:\d+\)/);
  });

  it.each([
    ['explain', 'bar-map-dma'], ['mistakes', '--obligation', 'keep-file'], ['faults', 'fail-nth-map-dma'],
    ['fuzz', '--runs', '3', '--out', join(dir, 'fuzz')], ['designs'],
  ])('%s takes it too', async (cmd, ...rest) => {
    const r = await arenaInProcess(cmd, ...rest, '--design', ref);
    expect([r.code, r.stderr]).toEqual([EXIT.ok, '']);
    expect(r.stdout).toContain('file-ref');
  });
});

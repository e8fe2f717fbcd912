// The arena command line. The spawned tests run the real binary (node cli/arena.js);
// the in-process ones call main() with a captured Io.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../designs/registry.ts';
import { loadAllScenarios } from '../scenarios/load.ts';
import { ResultsJson } from '../scenarios/result-schema.ts';
import { EXIT } from './exit.ts';
import { wantsColor } from './io.ts';
import { arenaBinary, arenaInProcess } from './testing.ts';

const arena = arenaBinary;
const inProcess = arenaInProcess;

const dir = mkdtempSync(join(tmpdir(), 'arena-cli-'));
const MiB = 1 << 20;

/** A small valid scenario file: map BAR0, unplug the device, plug another, DMA. */
const GOOD = join(dir, 'cli-unplug.yaml');
writeFileSync(GOOD, `id: cli-unplug
title: unplug under a live IOMMU mapping
category: lifecycle
origin: test
description: the DMA after the unplug goes where the mapping says
setup:
  devices:
    - { type: pci, name: gpu, bars: [{ size: ${16 * MiB}, kind: mem32 }] }
    - { type: pci, name: nic, bars: [{ size: ${MiB}, kind: mem32 }] }
  tasks: [qemu]
steps:
  - { kind: open-device, task: qemu, device: gpu, as: gpufd }
  - { kind: open-device, task: qemu, device: nic, as: nicfd }
  - { kind: mmap, task: qemu, fd: gpufd, region: 0, length: ${16 * MiB}, as: bar0 }
  - { kind: map-dma, task: qemu, addr: bar0, iova: 4294967296, size: ${16 * MiB}, expect: ok }
  - { kind: munmap, task: qemu, addr: bar0, length: ${16 * MiB} }
  - { kind: close, task: qemu, fd: gpufd }
  - { kind: hot-unplug, device: gpu }
  - { kind: hot-plug, device: victim, bars: [{ size: ${16 * MiB}, kind: mem32 }], driver: none }
  - { kind: dma-write, device: nic, iova: 4294967296, value: 2989 }
`);

/** Malformed: steps[2] has a typo in its kind. */
const BAD = join(dir, 'cli-bad.yaml');
writeFileSync(BAD, `id: cli-bad
title: t
category: correctness
origin: test
description: d
setup: { tasks: [qemu] }
steps:
  - { kind: mmap, task: qemu, length: 4096, as: a }
  - { kind: cpu-read, task: qemu, addr: a }
  - { kind: munmapp, task: qemu, addr: a, length: 4096 }
`);

const real = loadAllScenarios();

// Each spawn pays for node + tsx start-up (~1 s): run them side by side.
describe.concurrent('arena (spawned)', () => {
  it('list prints every scenario id, and --format json is a list', async () => {
    const text = await arena('list');
    expect(text.code).toBe(0);
    for (const s of real) expect(text.stdout).toContain(s.id);
    const json = await arena('list', '--format', 'json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(real.length);
  });

  it('run --format json validates against the result schema', async () => {
    const r = await arena('run', GOOD, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const doc = ResultsJson.parse(JSON.parse(r.stdout));
    expect(doc.results.map((c) => c.design)).toEqual(DESIGN_NAMES);
    expect(doc.results.every((c) => c.scenario === 'cli-unplug' && c.evidence.summary.length > 0)).toBe(true);
  });

  it('an unknown scenario id exits 2 with suggestions', async () => {
    const target = real[0]?.id ?? 'hot-unplug-reassign';
    const typo = `${target.slice(0, -1)}x`;
    const r = await arena('run', typo);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`unknown scenario "${typo}"`);
    if (real.length > 0) expect(r.stderr).toMatch(new RegExp(`did you mean: .*${target}`));
  });

  it('an id close to nothing still exits 2 naming the nearest ids', async () => {
    const r = await inProcess('run', 'no-such-scenario');
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/nothing close; the nearest ids are [a-z0-9-]+, /);
  });

  it('a malformed scenario file exits 2 naming the file and the step', async () => {
    const r = await arena('run', BAD);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('cli-bad.yaml');
    expect(r.stderr).toContain('steps[2].kind');
    expect(r.stderr).toMatch(/did you mean "munmap"/);
    expect(r.stdout).toBe('');
  });

  it('explain traces steps, vmas, IOMMU mappings and dmesg', async () => {
    const r = await arena('explain', GOOD, '--design', 'status-quo');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cli-unplug on status-quo/);
    expect(r.stdout).toContain('step 3 map-dma (expect ok) -> 0');
    expect(r.stdout).toContain('vmas after the last step:');
    expect(r.stdout).toContain('IOMMU mappings:');
    expect(r.stdout).toMatch(/domain \d+ iova 0x100000000 \+4096 page\(s\) -> pfn 0x\w+ rw intended mmio \S+ BAR0, now/);
    expect(r.stdout).toContain('BAR 0: assigned');
  });
});

describe('arena (in process)', () => {
  it('text output: one line per design with symbol, word and evidence', async () => {
    const r = await inProcess('run', GOOD, '--design', 'status-quo,dmabuf-revoke');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('cli-unplug: unplug under a live IOMMU mapping');
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(['status-quo', 'dmabuf-revoke']);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('ktap: a test per scenario, a subtest per design', async () => {
    const r = await inProcess('run', GOOD, '--format', 'ktap');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['KTAP version 1', '1..1', '    KTAP version 1', '    # Subtest: cli-unplug', `    1..${DESIGN_NAMES.length}`]);
    expect(lines.filter((l) => /^ {4}(not )?ok \d+ /.test(l))).toHaveLength(DESIGN_NAMES.length);
    expect(lines.some((l) => /^(not )?ok 1 cli-unplug$/.test(l))).toBe(true);
  });

  it('--fail-on-unsafe exits 1 exactly when a cell is unsafe', async () => {
    const json = ResultsJson.parse(JSON.parse((await inProcess('run', GOOD, '--format', 'json')).stdout));
    const unsafe = json.results.some((c) => ['stale-dma', 'uaf', 'oops', 'harness-error'].includes(c.outcome));
    expect((await inProcess('run', GOOD, '--format', 'json', '--fail-on-unsafe')).code).toBe(unsafe ? EXIT.unsafe : EXIT.ok);
    expect((await inProcess('run', GOOD, '--format', 'json')).code).toBe(EXIT.ok);
  });

  it('usage errors exit 2: unknown design, bad seed, bad format, unknown command, explain without --design', async () => {
    const design = await inProcess('run', GOOD, '--design', 'nope');
    expect([design.code, design.stderr]).toEqual([EXIT.usage, `arena: unknown design "nope"; designs: ${DESIGN_NAMES.join(', ')}, or a path to a .ts/.mts/.js/.mjs design module\n`]);
    expect((await inProcess('run', GOOD, '--seed', 'x')).code).toBe(EXIT.usage);
    expect((await inProcess('run', GOOD, '--format', 'xml')).code).toBe(EXIT.usage);
    expect((await inProcess('frobnicate')).code).toBe(EXIT.usage);
    const explain = await inProcess('explain', GOOD);
    expect(explain.code).toBe(EXIT.usage);
    expect(explain.stderr).toContain('--design');
  });

  it('--help exits 0 and lists the commands', async () => {
    const r = await inProcess('--help');
    expect(r.code).toBe(EXIT.ok);
    for (const c of ['list', 'run', 'explain', 'designs']) expect(r.stdout).toContain(c);
  });

  it('colour only on a terminal with NO_COLOR unset', () => {
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
  });
});

// The committed scenario set: every file loads, the required cases exist in every
// category, and the committed JSON Schema is the one the zod schema generates.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_JSON_PATH, scenarioJsonSchemaText } from './gen-schema.ts';
import { loadAllScenarios, loadScenarioFile, scenarioFiles } from './load.ts';
import { Category, type CategoryT } from './schema.ts';

const REQUIRED: Readonly<Record<CategoryT, readonly string[]>> = {
  'correctness': [
    'bar-map-dma', 'bar-map-dma-offset', 'bar-map-two-bars', 'bar-map-after-split', 'bar-map-after-mremap',
    'bar-map-forked-child', 'bar-map-huge', 'bar-map-unfaulted', 'p2p-two-devices', 'ram-and-bar-mixed', 'map-unmap-cycle',
  ],
  'user-error': ['map-unaligned', 'map-zero-size', 'map-overlap-iova', 'map-no-vma', 'map-beyond-vma-end', 'mmap-io-bar', 'mmap-beyond-bar'],
  'lifecycle': [
    'munmap-while-mapped', 'close-fd-while-mapped', 'hot-unplug-reassign', 'reset-while-mapped', 'memory-disable-while-mapped',
    'fork-exit-parent', 'remap-different-file', 'mdev-ram-close', 'race-munmap-during-map',
  ],
  'driver-misuse': [
    'foreign-pfnmap-vma', 'driver-replaces-private-data', 'driver-omits-magic', 'driver-missing-vma-to-pfn',
    'driver-no-bounds-check', 'driver-wrong-memory-flag', 'driver-skips-open',
  ],
  'fault-injection': ['fail-nth-map-dma'],
  'conformance': [
    'conf-pci-device-info', 'conf-pci-region-info', 'conf-pci-region-info-invalid', 'conf-pci-validate-bars',
    'conf-pci-config-space', 'conf-pci-reset', 'conf-pci-dma-map-unmap', 'conf-errno-map-zero-size',
    'conf-errno-map-unaligned', 'conf-errno-map-no-access', 'conf-errno-map-overlap', 'conf-errno-map-no-vma',
    'conf-errno-map-entry-limit', 'conf-errno-unmap',
    'conf-dma-map-unmap-anonymous', 'conf-dma-map-unmap-anonymous-2mb', 'conf-dma-limit-unmap-range',
    'conf-dma-limit-unmap-all', 'conf-dma-limit-overflow',
  ],
};

const all = loadAllScenarios();
const byId = new Map(all.map((s) => [s.id, s]));

describe('committed scenario files', () => {
  it.each(scenarioFiles().map((f) => [basename(f), f] as const))('%s loads', (_name, file) => {
    expect(() => loadScenarioFile(file)).not.toThrow();
  });

  it('there are at least 34 scenarios, sorted by id', () => {
    expect(all.length).toBeGreaterThanOrEqual(34);
    expect(all.map((s) => s.id)).toEqual([...all.map((s) => s.id)].sort());
  });

  it.each(Category.options)('every required %s case exists in that category', (cat) => {
    for (const id of REQUIRED[cat]) expect(byId.get(id)?.category, id).toBe(cat);
    expect(all.some((s) => s.category === cat)).toBe(true);
  });

  it('every fault-injection scenario sweeps; fail-nth-map-dma mixes RAM and a BAR', () => {
    for (const s of all.filter((x) => x.category === 'fault-injection')) expect(s.sweepFailNth, s.id).toBe(true);
    const s = byId.get('fail-nth-map-dma')!;
    const maps = s.steps.filter((st) => st.kind === 'mmap');
    expect(maps.some((m) => m.fd === undefined) && maps.some((m) => m.fd !== undefined)).toBe(true);
  });

  it('every driver-misuse scenario other than the foreign vma starts with its driver mistake', () => {
    for (const s of all.filter((x) => x.category === 'driver-misuse' && x.id !== 'foreign-pfnmap-vma')) {
      expect(s.steps[0]?.kind, s.id).toBe('driver-mistake');
    }
  });

  it('correctness cases mark every step legitimate (expect: ok)', () => {
    for (const s of all.filter((x) => x.category === 'correctness')) {
      for (const [i, st] of s.steps.entries()) expect(st.expect, `${s.id} steps[${i}]`).toBe('ok');
    }
  });

  it('conformance cases name a kernel test or function and the kernel version of their expectation', () => {
    for (const s of all.filter((x) => x.category === 'conformance')) {
      expect(s.origin, s.id).toMatch(/(TEST_F\(|v\d+\.\d+ .*\w+\(\))/);
      expect(s.origin, s.id).toMatch(/v\d+\.\d+/);
      expect(s.steps.every((st) => st.expect !== undefined), s.id).toBe(true);
    }
  });

  it('user-error cases expect at least one errno', () => {
    for (const s of all.filter((x) => x.category === 'user-error')) {
      expect(s.steps.some((st) => st.expect !== undefined && st.expect !== 'ok'), s.id).toBe(true);
    }
  });

  it('only bar-map-huge has a BAR over 16 MiB', () => {
    for (const s of all) {
      const sizes = s.setup.devices.flatMap((d) => (d.type === 'pci' ? d.bars.map((b) => b?.size ?? 0) : []));
      if (s.id !== 'bar-map-huge') expect(Math.max(0, ...sizes), s.id).toBeLessThanOrEqual(16 << 20);
    }
    const huge = byId.get('bar-map-huge')!;
    expect(huge.steps.some((st) => st.kind === 'map-dma' && st.size === 1n << 30n)).toBe(true);
  });

  it('each file points editors at the JSON Schema and explains itself in a comment', () => {
    for (const file of scenarioFiles()) {
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines[0], file).toBe('# yaml-language-server: $schema=./scenario.schema.json');
      expect(lines[1]?.startsWith('# '), file).toBe(true);
    }
  });
});

describe('scenario.schema.json', () => {
  it('is what gen-schema generates (run: npx tsx scenarios/gen-schema.ts)', () => {
    expect(readFileSync(SCHEMA_JSON_PATH, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('is 2-space JSON with a trailing newline and names its parts', () => {
    const text = scenarioJsonSchemaText();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "type": "object"');
    const schema = JSON.parse(text) as { $defs: Record<string, unknown> };
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['step', 'inner-step', 'step-map-dma', 'symbol', 'expect']));
    expect(Object.keys(schema.$defs).some((k) => k.startsWith('__schema'))).toBe(false);
  });
});

// The misuse gate: a weakened design fails it and the failing cells are named; a broken
// baseline is a usage error (exit 2); --update, --junit and the step summary write files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { follow_pte, type Design, type DesignPatch } from '../../core/index.ts';
import { DESIGNS, DESIGN_NAMES } from '../../designs/registry.ts';
import { EXIT } from '../exit.ts';
import { bufferIo } from '../io.ts';
import { main } from '../program.ts';
import { arenaBinary } from '../testing.ts';
import { gateCommand } from './gate.ts';


/**
 * Test-only weakening of driver-op: the lookup drops the device reference at once
 * instead of holding it until UNMAP_DMA (the reference is what keeps the BAR from being
 * reassigned while the IOMMU still maps it).
 */
const driverOpWithoutRef: Design = {
  ...DESIGNS['driver-op'],
  install(k): DesignPatch {
    const p = DESIGNS['driver-op'].install(k);
    return {
      ...p,
      pfnmap_lookup(args) {
        const r = p.pfnmap_lookup(args);
        if (!('ref' in r) || r.ref === null) return r;
        r.ref.drop();
        return { ...r, ref: { label: r.ref.label, drop: () => undefined } };
      },
    };
  },
};

const weakened = DESIGN_NAMES.map((n) => (n === 'driver-op' ? driverOpWithoutRef : n));

/** Test-only: private-data doing one extra page-table walk per lookup (same results, more work). */
const privateDataExtraWalk: Design = {
  ...DESIGNS['private-data'],
  install(k): DesignPatch {
    const p = DESIGNS['private-data'].install(k);
    return {
      ...p,
      pfnmap_lookup(args) {
        follow_pte(args.k, args.vma, args.vaddr);
        return p.pfnmap_lookup(args);
      },
    };
  },
};

describe('arena gate', () => {
  let dir = '';
  let baseline = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arena-gate-'));
    baseline = join(dir, 'baseline.json');
    const io = bufferIo();
    expect(await main(['gate', '--update', '--baseline', baseline], io)).toBe(EXIT.ok);
    // Every design x scenario cell of the main matrix.
  }, 60_000);

  it('passes against a baseline made from the same code', async () => {
    const io = bufferIo();
    expect(await main(['gate', '--baseline', baseline], io)).toBe(EXIT.ok);
    expect(io.stdout()).toMatch(/gate: pass: \d+ cells compared, 0 worse/);
  });

  it('fails with exit 1 on a design weakened to drop its device reference, naming the regressed cells', async () => {
    const io = bufferIo();
    const junit = join(dir, 'junit.xml');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const code = await gateCommand({ baseline, junit }, io, { designs: weakened, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(code).toBe(EXIT.unsafe);
    const out = io.stdout();
    expect(out).toMatch(/^REGRESSED \(\d+\):/m);
    // Which cells regress is the simulation's finding; the hot-unplug case is the one the
    // reference exists for, so it must be among them, and only driver-op cells may move.
    expect(out).toMatch(/hot-unplug-reassign \/ driver-op: \w[\w-]* -> stale-dma/);
    const named = [...out.matchAll(/^ {2}(\S+) \/ (\S+): (\S+) -> (\S+)$/gm)].map((m) => m[2]);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set(['driver-op']));
    expect(out).toContain('reproduce: npx arena explain hot-unplug-reassign --design driver-op');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testcase classname="hot-unplug-reassign" name="driver-op">');
    expect(xml).toMatch(/<failure message="[\w-]+ -&gt; stale-dma" type="regression">/);
    expect(readFileSync(summary, 'utf8')).toContain('### arena gate: ❌ fail');
  });

  it('fails with exit 1 when a design\'s lookup path does more work, though every outcome is unchanged', async () => {
    const io = bufferIo();
    const designs = DESIGN_NAMES.map((n) => (n === 'private-data' ? privateDataExtraWalk : n));
    expect(await gateCommand({ baseline }, io, { designs, env: {} })).toBe(EXIT.unsafe);
    const out = io.stdout();
    expect(out).toMatch(/^COUNTERS UP \(\d+\):$/m);
    expect(out).toMatch(/^ {2}private-data ptWalks: (\d+) -> (\d+)$/m);
    const [, before, after] = /private-data ptWalks: (\d+) -> (\d+)/.exec(out) ?? [];
    expect(Number(after)).toBeGreaterThan(Number(before));
    expect(out).not.toMatch(/^REGRESSED/m);
  });

  it('fails with exit 1 when a driver mistake is caught later than the baseline says', async () => {
    const b = JSON.parse(readFileSync(baseline, 'utf8')) as { mistakes: Record<string, string> };
    // Pretend a mistake the simulation finds silent or corner-only used to be caught in normal use.
    const key = Object.keys(b.mistakes).find((k) => b.mistakes[k] === 'silent' || b.mistakes[k] === 'caught-only-in-corner');
    expect(key).toBeDefined();
    const now = b.mistakes[key ?? ''];
    b.mistakes[key ?? ''] = 'caught-in-normal-use';
    const edited = join(dir, 'mistake-better.json');
    writeFileSync(edited, JSON.stringify(b));
    const io = bufferIo();
    expect(await main(['gate', '--baseline', edited], io)).toBe(EXIT.unsafe);
    expect(io.stdout()).toContain(`mistake ${key}: caught-in-normal-use -> ${now}`);
  });

  it('rejects a baseline with an unknown outcome word with exit 2 and the reason', async () => {
    const bad = join(dir, 'bad.json');
    const b = JSON.parse(readFileSync(baseline, 'utf8')) as { cells: Record<string, Record<string, string>> };
    const first = Object.keys(b.cells)[0] ?? '';
    b.cells[first] = { ...b.cells[first], 'status-quo': 'exploded' };
    writeFileSync(bad, JSON.stringify(b));
    const r = await arenaBinary('gate', '--baseline', bad);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain(`at cells.${first}.status-quo`);
  });

  it('exits 2 on a missing or non-JSON baseline', async () => {
    const io = bufferIo();
    expect(await main(['gate', '--baseline', join(dir, 'nope.json')], io)).toBe(EXIT.usage);
    expect(io.stderr()).toContain('no baseline file');
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{ not json');
    const io2 = bufferIo();
    expect(await main(['gate', '--baseline', junk], io2)).toBe(EXIT.usage);
    expect(io2.stderr()).toContain('not JSON');
  });
});

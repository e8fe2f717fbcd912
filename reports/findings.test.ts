// The findings come from the data: a design is named only beside cells that show it,
// renamed or changed rows change the sentences, a variant that disagrees with its design
// is reported with the cells where it does, and there are never more than six.
import { describe, expect, it } from 'vitest';
import { loadScenarioById } from '../scenarios/index.ts';
import { buildComparison } from './comparison.ts';
import { MAX_FINDINGS, findings, type CellRef, type Finding } from './findings.ts';
import { findingMd, findingText } from './findings-render.ts';
import { ASCII_MARK } from './marks.ts';
import type { ComparisonJsonT } from './schema.ts';

const fixed = { package: 'pfnmap-arena', version: '0.0.0-test', node: 'v20', seed: 1, inputsDigest: '0123456789abcdef', commit: null };
const ids = ['bar-map-dma', 'hot-unplug-reassign', 'driver-replaces-private-data', 'memory-disable-while-mapped', 'mdev-ram-close'];
const base = buildComparison({ seed: 1, provenance: fixed, scenarios: ids.map((id) => loadScenarioById(id)) }).json;

const cellsIn = (f: Finding | undefined): CellRef[] => (f?.parts ?? []).flatMap((p) => ('cells' in p ? p.cells : []));
const outcomeOf = (j: ComparisonJsonT, c: CellRef): string | undefined =>
  j.scenarios.find((s) => s.id === c.scenario)?.cells.find((x) => x.design === c.design)?.outcome;

describe('findings', () => {
  it('are at most six, the first about stale DMA, each cell they cite having the outcome they cite', () => {
    const fs = findings(base);
    expect(fs.length).toBeGreaterThan(3);
    expect(fs.length).toBeLessThanOrEqual(MAX_FINDINGS);
    expect(fs[0]?.topic).toBe('harm');
    for (const f of fs) for (const c of cellsIn(f)) expect(outcomeOf(base, c)).toBe(c.outcome);
    expect(cellsIn(fs[0]).every((c) => c.outcome === 'stale-dma')).toBe(true);
  });

  it('name a design as harmful only where its cells are, and follow a renamed row', () => {
    const renamed: ComparisonJsonT = {
      ...base,
      designs: base.designs.map((d) => (d.design === 'status-quo' ? { ...d, design: 'the-2021-code' } : d)),
      scenarios: base.scenarios.map((s) => ({ ...s, cells: s.cells.map((c) => (c.design === 'status-quo' ? { ...c, design: 'the-2021-code' } : c)) })),
    };
    const md = findings(renamed).filter((f) => f.topic !== 'reading').map(findingMd).join('\n');
    expect(md).toContain('**the-2021-code**');
    expect(md).not.toContain('status-quo');
  });

  it('say so in words naming nobody when no cell shows the harm', () => {
    const clean: ComparisonJsonT = {
      ...base,
      scenarios: base.scenarios.map((s) => ({ ...s, cells: s.cells.map((c) => (c.outcome === 'stale-dma' ? { ...c, outcome: 'rejected' as const } : c)) })),
    };
    const harm = findings(clean).find((f) => f.topic === 'harm');
    expect(harm && findingText(harm)).toBe(`No design let DMA reach memory its mapping no longer owned in any of the ${ids.length} scenarios.`);
  });

  it('report the cells where a variant moves its design\'s verdict, from the comparison\'s choices, or that none does', () => {
    const scenarios = ['foreign-pfnmap-vma', 'bar-map-dma'].map((id) => loadScenarioById(id));
    const j = buildComparison({ seed: 1, provenance: fixed, designs: ['private-data', 'private-data+vfio-only'], scenarios }).json;
    const reading = findings(j).find((f) => f.topic === 'reading');
    const moved = j.choices.flatMap((c) => c.pairs).flatMap((p) => p.moved);
    expect(moved.map((m) => m.scenario)).toEqual(['foreign-pfnmap-vma']);
    const [m] = moved;
    expect(reading && findingText(reading)).toContain(`private-data+vfio-only moves 1 cell of private-data as posted (foreign-pfnmap-vma ${ASCII_MARK[m!.asPosted]}/${ASCII_MARK[m!.variant]})`);
    expect(cellsIn(reading).map((c) => c.design)).toEqual(['private-data', 'private-data+vfio-only']);
    const still: ComparisonJsonT = { ...j, choices: j.choices.map((c) => ({ ...c, pairs: c.pairs.map((p) => ({ ...p, moved: [] })) })) };
    const none = findings(still).find((f) => f.topic === 'reading');
    expect(none && findingText(none)).toBe('No verdict changes with the reading of an open question: 1 variant agrees with the design as posted in every cell.');
  });
});

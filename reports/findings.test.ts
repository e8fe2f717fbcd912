// The findings come from the data: a design is named only beside cells that show it,
// renamed or changed rows change the sentences, a variant that disagrees with its design
// is reported with the cells where it does, and there are never more than six.
import { describe, expect, it } from 'vitest';
import { loadScenarioById } from '../scenarios/index.ts';
import { buildComparison } from './comparison.ts';
import { MAX_FINDINGS, findings, type CellRef, type Finding } from './findings.ts';
import { findingMd, findingText } from './findings-render.ts';
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
    const md = findings(renamed).map(findingMd).join('\n');
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

  it('report the cells where a variant and its design disagree', () => {
    const of = base.designs[2]!;
    const variantName = `${of.design}+other-reading`;
    const flipped = 'driver-replaces-private-data';
    const withVariant: ComparisonJsonT = {
      ...base,
      designs: [...base.designs, { ...of, design: variantName, variant: { of: of.design, question: 'which reading?', reading: 'the other one', source: 'test' } }],
      scenarios: base.scenarios.map((s) => {
        const mine = s.cells.find((c) => c.design === of.design)!;
        const outcome = s.id === flipped ? (mine.outcome === 'rejected' ? 'oops' as const : 'rejected' as const) : mine.outcome;
        return { ...s, cells: [...s.cells, { ...mine, design: variantName, outcome }] };
      }),
    };
    const reading = findings(withVariant).find((f) => f.topic === 'reading');
    const text = reading ? findingText(reading) : '';
    expect(text).toContain(`${of.design} against ${variantName} ("which reading?") differ in 1 scenario (${flipped}`);
    expect(cellsIn(reading).map((c) => c.design)).toEqual([of.design, variantName]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadScenarioById } from '../scenarios/index.ts';
import { buildComparison } from './comparison.ts';
import { renderReport } from './generate.ts';
import type { Provenance } from './provenance.ts';
import { VARIANTS_SECTION_TITLE, asPostedView, renderVariantsSection } from './variants-section.ts';

const provenance: Provenance = { package: 'pfnmap-arena', version: '0', node: 'v20', seed: 1, inputsDigest: 'test', commit: null };
const scenarios = ['hot-unplug-reassign', 'hot-unplug-deferred', 'foreign-pfnmap-vma', 'close-fd-while-mapped'].map((id) => loadScenarioById(id));

describe('what the verdicts rest on', () => {
  const c = buildComparison({ designs: ['private-data', 'private-data+vfio-only', 'status-quo', 'status-quo+d0'], scenarios, provenance });

  it('lists, per question, every cell whose outcome differs between the readings, both outcomes shown', () => {
    const byQ = new Map(c.json.choices.map((q) => [q.question, q.pairs]));
    const follow = [...byQ.entries()].find(([q]) => q.includes('follow_pfn'))?.[1] ?? [];
    expect(follow.map((p) => [p.asPosted, p.variant])).toEqual([['private-data', 'private-data+vfio-only']]);
    expect(follow[0]?.moved.map((m) => [m.scenario, m.asPosted, m.variant])).toEqual([['foreign-pfnmap-vma', 'stale-dma', 'rejected']]);
    const d3 = [...byQ.entries()].find(([q]) => q.includes('last close'))?.[1] ?? [];
    expect(d3[0]?.moved.find((m) => m.scenario === 'close-fd-while-mapped')).toMatchObject({ asPosted: 'warn', variant: 'stale-dma' });
  });

  it('says which reading gives which verdict for a claim that depends on it', () => {
    // With status-quo in the run its stale foreign-pfnmap-vma keeps the claim at "partly" either way.
    expect(c.json.claimReadings).toEqual([]);
    const alone = buildComparison({ designs: ['private-data', 'private-data+vfio-only'], scenarios, provenance });
    expect(alone.json.claimReadings).toContainEqual(expect.objectContaining({
      asPosted: 'private-data', asPostedVerdict: 'partly', variant: 'private-data+vfio-only', variantVerdict: 'agrees',
    }));
  });

  it('keeps variants out of the as-posted view and gives them their own table', () => {
    const view = asPostedView(c.json);
    expect(view.designs.map((d) => d.design)).toEqual(['private-data', 'status-quo']);
    expect(view.scenarios.every((s) => s.cells.every((x) => x.design === 'private-data' || x.design === 'status-quo'))).toBe(true);
    const md = renderVariantsSection(c.json);
    expect(md).toContain('| **status-quo+d0** | status-quo |');
    expect(md).toContain('☠️ stale-dma');
  });

  it('is a section of the generated report, and the claims section points at it', () => {
    const r = renderReport({ designs: ['private-data', 'private-data+vfio-only'], scenarios, provenance, mistakes: false, fuzz: false });
    const md = r.files.find(([n]) => n === 'comparison.md')?.[1] ?? '';
    expect(md).toContain(`## ${VARIANTS_SECTION_TITLE}`);
    expect(md).toContain('With `private-data` as posted: partly; with `private-data+vfio-only`: agrees.');
    expect(md.split('## Summary')[1]?.split('## ')[0]).not.toContain('private-data+vfio-only');
  });
});

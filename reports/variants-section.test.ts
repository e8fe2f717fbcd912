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
    // As posted, the foreign vma goes through follow_pfn and its reused RAM hits type1's put_pfn at teardown.
    expect(follow[0]?.moved.map((m) => [m.scenario, m.asPosted, m.variant])).toEqual([['foreign-pfnmap-vma', 'oops', 'rejected']]);
    const d3 = [...byQ.entries()].find(([q]) => q.includes('last close'))?.[1] ?? [];
    expect(d3[0]?.moved.find((m) => m.scenario === 'close-fd-while-mapped')).toMatchObject({ asPosted: 'warn', variant: 'stale-dma' });
  });

  it('says which reading gives which verdict for a claim that depends on it', () => {
    // With status-quo in the run its stale hot-unplug cells keep the claim at "partly" either way.
    expect(c.json.claimReadings).toEqual([]);
    // The foreign vma's oops (put_pfn at teardown) is visible too, so the follow_pfn question
    // no longer decides the claim; where vfio-pci leaves a closed device does.
    const alone = buildComparison({ designs: ['private-data', 'private-data+d0'], scenarios, provenance });
    expect(alone.json.claimReadings).toContainEqual(expect.objectContaining({
      asPosted: 'private-data', asPostedVerdict: 'agrees', variant: 'private-data+d0', variantVerdict: 'partly',
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
    const r = renderReport({ designs: ['private-data', 'private-data+d0'], scenarios, provenance, mistakes: false, fuzz: false });
    const md = r.files.find(([n]) => n === 'comparison.md')?.[1] ?? '';
    expect(md).toContain(`## ${VARIANTS_SECTION_TITLE}`);
    expect(md).toContain('With `private-data` as posted: agrees; with `private-data+d0`: partly.');
    expect(md.split('## Summary')[1]?.split('## ')[0]).not.toContain('private-data+d0');
  });
});

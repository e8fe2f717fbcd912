// The seed's mistake, classified from the simulation. Jason Gunthorpe: "If we force all
// drivers into a mandatory (!) vm_private_data format ... If any driver in the future
// makes a mistake here (and omitting the unique vm_private_data magics is a very easy
// mistake to make) then it will cause a kernel crash in an obscure scenario."
// The design is picked by name because the claim is about that design; the expected
// classes below are what the simulation found, not a per-design table fed to it.
import { describe, expect, it } from 'vitest';
import { runMistakeMatrix } from './matrix.ts';

const matrix = runMistakeMatrix({ seed: 1, designs: ['private-data'], driver: 'vfio-pci', cells: true });
const rowOf = (obligation: string, kind: string) => {
  const r = matrix.rows.find((x) => x.obligation === obligation && x.kind === kind);
  if (!r) throw new Error(`no row ${obligation}/${kind}`);
  return r;
};

describe('the seed\'s mistake: the driver does not fill the mandatory private-data format', () => {
  // Found: vfio_vm_ops open/close check the magic and WARN on every vma a driver
  // without it creates, and then refuse to free the private data (a leak). Every test
  // that munmaps or exits shows the WARNING, so the author sees it at once. No
  // scenario crashes: the "obscure crash" does not happen in this simulation, because
  // the design carries the magic check the seed worried would be forgotten.
  it('omitting the magic is caught in normal use, by the magic check\'s WARNING, and crashes nowhere', () => {
    const r = rowOf('set-magic', 'omit');
    expect(r.mistakeName).toBe('omits-magic');
    expect(r.class).toBe('caught-in-normal-use');
    expect(r.decidingCategory).toBe('correctness');
    expect(r.decidingSign).toMatch(/WARNING: .* vfio_vma_(open|close)/);
    const cells = (matrix.cells ?? []).filter((c) => c.obligation === 'set-magic');
    expect(cells.length).toBe(matrix.scenarios.length);
    // The mistake adds no crash. (mdev-ram-close and driver-skips-open oops with and
    // without it: type1's put_pfn unpins reused mdev RAM at teardown, on every design.)
    expect(cells.filter((c) => c.after.outcome === 'oops' && c.before.outcome !== 'oops')).toEqual([]);
  });

  // Found: leaving base_pfn unfilled (0) maps the wrong pfns. Most scenarios DMA into
  // memory the mapping does not own and nothing says so; only the correctness scenarios
  // whose lookup runs past the bogus pfn range get an EFAULT from MAP_DMA. One such
  // test is enough to find the mistake, but most runs are silently wrong.
  it('leaving base_pfn unfilled is caught in normal use, yet harms more scenarios silently than it shows in', () => {
    const r = rowOf('fill-base-pfn', 'omit');
    expect(r.class).toBe('caught-in-normal-use');
    expect(r.decidingSign).toMatch(/map-dma: E[A-Z]+/);
    expect(r.harmIn.length).toBeGreaterThan(r.visibleIn.length);
  });
});

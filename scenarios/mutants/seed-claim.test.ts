// The seed's mistake, classified from the simulation. Jason Gunthorpe: "If we force all
// drivers into a mandatory (!) vm_private_data format ... If any driver in the future
// makes a mistake here (and omitting the unique vm_private_data magics is a very easy
// mistake to make) then it will cause a kernel crash in an obscure scenario."
// The design is picked by name because the claim is about that design; the expected
// classes below are what the simulation found, not a per-design table fed to it.
import { describe, expect, it } from 'vitest';
import { runMistakeMatrix } from './matrix.ts';

const matrix = runMistakeMatrix({ seed: 1, designs: ['private-data', 'private-data+magic'], driver: 'vfio-pci', cells: true });
const rowOf = (obligation: string, kind: string, design = 'private-data') => {
  const r = matrix.rows.find((x) => x.design === design && x.obligation === obligation && x.kind === kind);
  if (!r) throw new Error(`no row ${design}/${obligation}/${kind}`);
  return r;
};
// Crashes the mistake adds. (mdev-ram-close and driver-skips-open oops with and without
// it: type1's put_pfn unpins reused mdev RAM at teardown, on every design.)
const oopses = (design: string, obligation: string) =>
  (matrix.cells ?? []).filter((c) => c.design === design && c.obligation === obligation && c.after.outcome === 'oops'
    && c.before.outcome !== 'oops');

describe('the seed\'s mistake: the driver does not fill the mandatory private-data format', () => {
  // Found: as posted, type1 identifies the vma by vm_ops and nothing reads the magic, so
  // a driver that forgets it changes nothing anywhere; the "obscure crash" needs a reader
  // of the magic. (Before issue 14 a debug WARN of ours in vfio_vm_ops read it.)
  it('as posted, omitting the magic has no effect and crashes nowhere', () => {
    const r = rowOf('set-magic', 'omit');
    expect(r.mistakeName).toBe('omits-magic');
    expect(r.class).toBe('no-effect');
    const cells = (matrix.cells ?? []).filter((c) => c.design === 'private-data' && c.obligation === 'set-magic');
    expect(cells.length).toBe(matrix.scenarios.length);
    expect(oopses('private-data', 'set-magic')).toEqual([]);
  });

  // Found: when type1 checks the magic (the seed's "unique vm_private_data magics"), a
  // vma without it is taken as opted out and goes through the old follow_pfn path. That
  // maps the same BAR, so normal use shows nothing; only a corner (a fault with decode
  // off) answers differently. Still no crash.
  it('with type1 checking the magic, omitting it sends the vma down the old path: caught only in a corner, no crash', () => {
    const r = rowOf('set-magic', 'omit', 'private-data+magic');
    expect(r.class).toBe('caught-only-in-corner');
    expect(oopses('private-data+magic', 'set-magic')).toEqual([]);
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

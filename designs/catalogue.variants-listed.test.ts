import { describe, expect, it } from 'vitest';
import { designCatalogue, formatCatalogue } from './catalogue.ts';
import { QUESTIONS } from './questions.ts';
import { AS_POSTED_NAMES, DESIGNS, VARIANT_NAMES } from './registry.ts';

describe('the design catalogue (arena designs)', () => {
  const rows = designCatalogue();

  it('lists the variants issue 14 asks for, each naming the design it changes', () => {
    const byName = new Map(rows.map((r) => [r.name as string, r]));
    expect(byName.get('private-data+magic')?.of).toBe('private-data');
    expect(byName.get('driver-op+follow-pfn')?.of).toBe('driver-op');
    expect(byName.get('private-data+vfio-only')?.of).toBe('private-data');
    for (const d of AS_POSTED_NAMES) expect(byName.get(`${d}+d0`)?.params).toEqual({ 'vfio_pci.disable_idle_d3': true });
  });

  it('gives every reading of every row a source, and a variant its changed question first', () => {
    for (const r of rows) {
      for (const x of r.readings) expect(x.source, `${r.name}: ${x.question}`).not.toBe('');
      if (r.of !== null) expect(r.readings[0]).toMatchObject({ changed: true, question: DESIGNS[r.name as keyof typeof DESIGNS].variant?.question });
    }
  });

  it('a variant and its base answer the changed question differently and every other one alike', () => {
    for (const v of VARIANT_NAMES) {
      const d = DESIGNS[v];
      const base = rows.find((r) => r.name === d.variant?.of);
      const mine = rows.find((r) => r.name === v);
      const q = d.variant?.question ?? '';
      expect(base?.readings.find((x) => x.question === q)?.reading).not.toBe(d.variant?.reading);
      const others = (xs: typeof rows[number]['readings']) => xs.filter((x) => x.question !== q).map((x) => [x.question, x.reading]);
      expect(others(mine?.readings ?? [])).toEqual(others(base?.readings ?? []));
    }
  });

  it('prints each question once per row in the text form', () => {
    const text = formatCatalogue(rows.filter((r) => r.name === 'private-data'));
    expect(text.split(QUESTIONS.magic)).toHaveLength(2);
    expect(text).toContain('private-data: mandatory vm_private_data format, identified by vm_ops (as posted)');
  });
});

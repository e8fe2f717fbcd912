// comparison.txt is for a mailing-list reply: every line ASCII and at most 72 columns,
// still under 76 once quoted with "> ", with the findings, the matrix and its key, the
// costs and the commands that reproduce it. Also with a dozen long-named rows.
import { describe, expect, it } from 'vitest';
import { renderReport } from './generate.ts';
import type { ComparisonJsonT } from './schema.ts';
import { TEXT_WIDTH, textTable, wrap } from './text-layout.ts';
import { renderComparisonText } from './text.ts';

const fixed = { package: 'pfnmap-arena', version: '0.0.0-test', node: 'v20', seed: 1, inputsDigest: '0123456789abcdef', commit: 'abc1234' };

function problems(text: string): string[] {
  return text.split('\n').flatMap((l, i) => [
    ...(l.length > TEXT_WIDTH ? [`line ${i + 1} is ${l.length} columns: ${l}`] : []),
    ...(/[^\x20-\x7e]/.test(l) ? [`line ${i + 1} is not printable ASCII: ${l}`] : []),
    ...(/^(>|From )/.test(l) ? [`line ${i + 1} would confuse a quoting mail client: ${l}`] : []),
  ]);
}

/** The same data with a dozen designs with long names, the last four variants with non-ASCII readings. */
function dozen(full: ComparisonJsonT): ComparisonJsonT {
  const j = { ...full, designs: full.designs.filter((d) => !d.variant).slice(0, 4), choices: [] };
  const names = Array.from({ length: 12 }, (_, i) => `${j.designs[i % j.designs.length]?.design ?? 'd'}${i < 4 ? '' : `+reading-number-${i}`}`);
  const designs = names.map((n, i) => ({
    ...(j.designs[i % j.designs.length] ?? j.designs[0]!), design: n,
    ...(i >= 8 ? { variant: { of: j.designs[i % 4]?.design ?? '', question: 'does type1 check a magic before the cast?', reading: 'type1 checks the magic — “every driver” sets it', source: 'seed line 120' } } : {}),
  }));
  const scenarios = j.scenarios.map((s) => ({ ...s, cells: names.map((n, i) => ({ ...(s.cells[i % s.cells.length] ?? s.cells[0]!), design: n })) }));
  return { ...j, designs, scenarios };
}

describe('comparison.txt', () => {
  const r = renderReport({ seed: 1, provenance: fixed, mistakes: false, fuzz: false });
  const txt = r.files.find(([n]) => n === 'comparison.txt')?.[1] ?? '';

  it('is ASCII, at most 72 columns and safe to quote, as generated', () => {
    expect(txt.length).toBeGreaterThan(1000);
    expect(problems(txt)).toEqual([]);
  });

  it('holds the findings, verdict, matrix with its key, costs and how to reproduce', () => {
    for (const h of ['FINDINGS', 'VERDICT', 'MATRIX', 'WORK ON THE NORMAL PATH', 'HOW TO REPRODUCE']) expect(txt).toContain(`\n${h}`);
    expect(txt).toMatch(/^ 1\. /m);
    expect(txt).toContain('rj rejected');
    expect(txt).toContain('\n  A  status-quo\n');
    expect(txt).toMatch(/^hot-unplug-reassign +(ok|rj|FR|WN|LK|SD|UF|OP|--)\*?( +(ok|rj|FR|WN|LK|SD|UF|OP|--)\*?)+$/m);
    expect(txt).toContain('* removal blocked');
    expect(txt).toContain('npx arena report --seed 1');
    expect(txt).toContain('npx arena explain <scenario> --design <design>');
  });

  it('stays within the width with a dozen long-named rows, splitting the matrix into column groups', () => {
    const many = renderComparisonText(dozen(r.comparison.json));
    expect(problems(many)).toEqual([]);
    expect(many).toContain('\n  H  dmabuf-revoke+reading-number-7\n');
    expect(many).toContain('\nvariant ');
    expect(many).toContain('"every driver"');
  });
});

describe('text layout', () => {
  it('wraps words with a hanging indent and cuts a word longer than the line', () => {
    const lines = wrap(`${'word '.repeat(30)}${'x'.repeat(100)}`, ' 1. ', '    ');
    expect(lines.every((l) => l.length <= TEXT_WIDTH)).toBe(true);
    expect(lines[1]?.startsWith('    word')).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^ {4}x+~$/);
  });

  it('repeats the first column in every group of a table too wide for one block', () => {
    const head = ['scenario', ...Array.from({ length: 30 }, (_, i) => `c${i}`)];
    const lines = textTable({ head, rows: [['row-one', ...head.slice(1).map(() => '12')]] });
    expect(lines.every((l) => l.length <= TEXT_WIDTH)).toBe(true);
    expect(lines.filter((l) => l.startsWith('row-one')).length).toBeGreaterThan(1);
  });
});

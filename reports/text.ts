// comparison.txt: the report for a mailing-list reply. ASCII only, no line over 72
// columns, safe to quote with "> ": the findings, the verdict, the matrix (two-letter
// cells with a key), the normal-path costs and how to reproduce, from the same data
// as comparison.md.
import { Category } from '../scenarios/index.ts';
import { findings } from './findings.ts';
import { findingText } from './findings-render.ts';
import { ASCII_MARK, asciiCell, asciiKey, blockedKey } from './marks.ts';
import type { ComparisonJsonT } from './schema.ts';
import { ascii, textTable, wrap, wrapCommand } from './text-layout.ts';
import { asPostedView } from './variants-section.ts';
import { VERDICT_COLUMNS, splitVariants, variantNote } from './verdict.ts';

/** Column letters for the matrix: A, B, ... Z, AA, AB, ... */
export function columnLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `${columnLetter(Math.floor(i / 26) - 1)}${columnLetter(i % 26)}`;
}

function heading(title: string): string[] {
  return ['', title.toUpperCase(), '-'.repeat(title.length)];
}

/** The inputs line is the same as the markdown's, so the stale check ignores its commit alike. */
export function inputsLine(j: ComparisonJsonT): string {
  const p = j.provenance;
  return `inputs: digest ${p.inputsDigest}${p.commit ? `, last changed in commit ${p.commit}` : ', git commit unavailable'}`;
}

function header(j: ComparisonJsonT): string[] {
  const p = j.provenance;
  return [
    'pfnmap-arena: design comparison',
    `${p.package} ${p.version}, Node ${p.node}, seed ${p.seed}${p.timestamp ? `, generated ${p.timestamp}` : ''}`,
    inputsLine(j),
    '',
    ...wrap(`${j.designs.length} designs x ${j.scenarios.length} scenarios, each cell on a fresh simulated kernel; ` +
      'every verdict is what the design\'s code did in the simulation.'),
  ];
}

function findingsText(j: ComparisonJsonT): string[] {
  return findings(j).flatMap((f, i) => wrap(findingText(f), `${String(i + 1).padStart(2)}. `, '    '));
}

function verdictText(j: ComparisonJsonT): string[] {
  const { designs, variants } = splitVariants(j);
  const head = ['design', ...VERDICT_COLUMNS.map((c) => c.short)];
  const out = textTable({ head, rows: designs.map((d) => [d.design, ...VERDICT_COLUMNS.map((c) => c.value(d))]) });
  if (variants.length > 0) {
    out.push('', ...textTable({ head: ['variant', ...head.slice(1)], rows: variants.map((d) => [d.design, ...VERDICT_COLUMNS.map((c) => c.value(d))]) }));
    out.push('');
    for (const v of variants) out.push(...wrap(`${v.design}: ${variantNote(v, j)}`, '  ', '    '));
  }
  out.push('');
  for (const c of VERDICT_COLUMNS) out.push(...wrap(`${c.short}: ${c.meaning}`, '  ', '    '));
  return out;
}

function matrixText(j: ComparisonJsonT): string[] {
  const letters = j.designs.map((_, i) => columnLetter(i));
  const out = [
    'Designs:',
    ...j.designs.map((d, i) => `  ${(letters[i] ?? '').padEnd(2)} ${ascii(d.design)}`),
    ...wrap(`Cells: ${asciiKey().join(', ')}; ${blockedKey()}. Lower case is safe, upper case is a cost or harm.`),
  ];
  for (const cat of Category.options) {
    const rows = j.scenarios.filter((s) => s.category === cat).map((s) => [
      s.id, ...j.designs.map((d) => {
        const c = s.cells.find((x) => x.design === d.design);
        return c ? asciiCell(c) : '';
      }),
    ]);
    if (rows.length > 0) out.push('', ...textTable({ head: [cat, ...letters], rows, left: letters.map((_, i) => i + 1) }));
  }
  return out;
}

/** Per variant, the cells where it and the design as posted differ (comparison.json's choices). */
function readingsText(j: ComparisonJsonT): string[] {
  const pairs = j.choices.flatMap((c) => c.pairs.map((p) => ({ question: c.question, ...p })));
  if (pairs.length === 0) return [];
  return [
    ...heading('What the verdicts rest on'),
    ...wrap('Each variant is one reading of a question the proposal leaves open; the cells where it and the design as posted differ:'),
    ...pairs.flatMap((p) => [
      ...wrap(`${p.variant} against ${p.asPosted} ("${p.question}"): ` +
        (p.moved.length === 0 ? 'no cell moves.' : p.moved.map((m) => `${m.scenario} ${ASCII_MARK[m.asPosted]}->${ASCII_MARK[m.variant]}`).join(', ')),
      '  ', '    '),
    ]),
  ];
}

function costsText(j: ComparisonJsonT): string[] {
  const ref = j.designs[0];
  if (!ref) return [];
  const n = j.scenarios.filter((s) => s.category === 'correctness').length;
  const keys = Object.keys(ref.normalPathCost);
  const rows = keys.map((k) => [k, ...j.designs.map((d, i) => {
    const v = d.normalPathCost[k] ?? 0;
    const delta = v - (ref.normalPathCost[k] ?? 0);
    return i === 0 ? String(v) : `${v} (${delta >= 0 ? '+' : ''}${delta})`;
  })]);
  return [
    ...wrap(`Exact cost counters summed over the ${n} correctness scenarios (legitimate use, no fault injection), ` +
      `with the difference against ${ref.design}.`),
    '',
    ...textTable({ head: ['counter', ...j.designs.map((d) => d.design)], rows }),
  ];
}

function reproduceText(j: ComparisonJsonT): string[] {
  const seed = j.provenance.seed;
  const example = findings(j).flatMap((f) => f.parts).find((p) => 'cells' in p);
  const cell = example && 'cells' in example ? example.cells[0] : undefined;
  return [
    ...wrap('In a checkout of pfnmap-arena (Node 20):'),
    '',
    '  npm ci',
    ...wrapCommand(`npx arena report --seed ${seed}`),
    ...wrap('writes reports/comparison.md, .json, .txt and .html', '      '),
    ...wrapCommand('npx arena explain <scenario> --design <design>'),
    ...wrap('one cell step by step: return values, dmesg, vmas, IOMMU mappings, teardown audit', '      ', '      '),
    ...(cell ? ['', ...wrap('For example:'), ...wrapCommand(`npx arena explain ${cell.scenario} --design ${cell.design} --seed ${seed}`)] : []),
  ];
}

/** The findings and verdict see every row; the matrix and costs show the designs as posted, then what each variant moves. */
export function renderComparisonText(j: ComparisonJsonT): string {
  const posted = asPostedView(j);
  const lines = [
    ...header(j),
    ...heading('Findings'), ...findingsText(j),
    ...heading('Verdict (cells per design)'), ...verdictText(j),
    ...heading('Matrix'), ...matrixText(posted),
    ...heading('Work on the normal path'), ...costsText(posted),
    ...readingsText(j),
    ...heading('How to reproduce'), ...reproduceText(j),
  ];
  return `${lines.map((l) => ascii(l).trimEnd()).join('\n')}\n`;
}

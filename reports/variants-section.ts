// The report's "What the verdicts rest on" section, and the as-posted view the rest of the
// report is drawn from. Everything comes from comparison.json (choices, claimReadings and
// each design summary's `variant`), so every format shows the same model.
import { SYMBOL } from '../scenarios/index.ts';
import { cell, table } from './markdown-table.ts';
import type { ComparisonJsonT, DesignSummaryT } from './schema.ts';
import type { ChoicePairT } from './variants-schema.ts';

export const VARIANTS_SECTION_TITLE = 'What the verdicts rest on';

/**
 * The comparison restricted to the designs as posted: the summary, matrix, charts and
 * per-scenario sections show these rows; variants appear only in their own section.
 */
export function asPostedView(j: ComparisonJsonT): ComparisonJsonT {
  const posted = new Set(j.designs.filter((d) => d.variant === undefined).map((d) => d.design));
  return {
    ...j,
    designs: j.designs.filter((d) => posted.has(d.design)),
    scenarios: j.scenarios.map((s) => ({ ...s, cells: s.cells.filter((c) => posted.has(c.design)) })),
  };
}

function pct(d: DesignSummaryT): string {
  return d.misuseDetectionRate === null ? '-' : `${(d.misuseDetectionRate * 100).toFixed(1)}%`;
}

function variantsTable(j: ComparisonJsonT): string {
  const moved = new Map(j.choices.flatMap((c) => c.pairs.map((p) => [p.variant, p.moved.length] as const)));
  const rows = j.designs.filter((d) => d.variant !== undefined).map((d) => [
    `**${d.design}**`, d.variant?.of ?? '', d.variant?.reading ?? '', pct(d), String(d.silentFailures), String(d.crashes),
    String(d.falseRejects), String(moved.get(d.design) ?? 0),
  ]);
  return table(['variant', 'changes', 'reading', 'misuse detection', 'silent failures', 'crashes', 'false rejects', 'cells moved'], rows,
    ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r']);
}

function outcome(o: ChoicePairT['moved'][number]['asPosted'], summary: string): string {
  return `${SYMBOL[o]} ${o}: ${summary}`;
}

function pairBlock(p: ChoicePairT): string {
  const head = [
    `**\`${p.variant}\`** against **\`${p.asPosted}\`** as posted.`,
    `- as posted: ${p.asPostedReading || '(no reading declared)'}`,
    `- variant: ${p.variantReading}`,
    `- source: ${cell(p.source)}`,
  ].join('\n');
  if (p.moved.length === 0) return `${head}\n\nNo cell moves.`;
  const rows = p.moved.map((m) => [`[${m.scenario}](#${m.scenario})`, m.category, outcome(m.asPosted, m.asPostedSummary), outcome(m.variant, m.variantSummary)]);
  return `${head}\n\n${table(['scenario', 'category', p.asPosted, p.variant], rows)}`;
}

function claimsBlock(j: ComparisonJsonT): string {
  if (j.claimReadings.length === 0) return 'No verdict of the seed\'s claims changes with any reading.';
  return ['Claims whose verdict changes with a reading (see also the claims section):',
    table(['claim', 'question', 'as posted', 'verdict', 'variant', 'verdict'], j.claimReadings.map((c) => [
      c.claim, c.question, c.asPosted, c.asPostedVerdict, c.variant, c.variantVerdict,
    ]))].join('\n\n');
}

/** The section body: the variants' own table, then per open question every cell that moves. */
export function renderVariantsSection(j: ComparisonJsonT): string {
  if (j.choices.length === 0) return 'No variant ran next to the design it changes.';
  return [
    'Where a proposal (or the kernel\'s configuration) leaves a choice open, each reading is a named variant: a design like any other, ' +
      'run over every scenario. The summary and the matrix above show the designs as posted; this section shows, for each open question, ' +
      'every cell whose outcome differs between the readings, both outcomes side by side. `npx arena designs` lists every reading with its source.',
    '### The variants',
    variantsTable(j),
    ...j.choices.flatMap((c) => [`### ${c.question}`, ...c.pairs.map(pairBlock)]),
    '### The seed\'s claims by reading',
    claimsBlock(j),
  ].join('\n\n');
}

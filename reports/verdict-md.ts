// The first screen of comparison.md: the findings, then the verdict table (designs,
// then variants in their own table); and the outcome counts as bar tables.
import { OUTCOMES, type OutcomeT } from '../scenarios/index.ts';
import { barCell } from './bars.ts';
import { findings } from './findings.ts';
import { findingMd } from './findings-render.ts';
import { outcomeMark } from './marks.ts';
import { table } from './markdown-table.ts';
import type { ComparisonJsonT, DesignSummaryT } from './schema.ts';
import { VERDICT_COLUMNS, splitVariants, variantNote } from './verdict.ts';

export function findingsMd(j: ComparisonJsonT): string {
  return findings(j).map((f, i) => `${i + 1}. ${findingMd(f)}`).join('\n');
}

function verdictRows(rows: readonly DesignSummaryT[], first: (d: DesignSummaryT) => string): string[][] {
  return rows.map((d) => [first(d), ...VERDICT_COLUMNS.map((c) => {
    const v = c.value(d);
    return c.harm && v !== '0' ? `**${v}**` : v;
  })]);
}

export function verdictMd(j: ComparisonJsonT): string {
  const { designs, variants } = splitVariants(j);
  const align = ['l' as const, ...VERDICT_COLUMNS.map(() => 'r' as const)];
  const heads = VERDICT_COLUMNS.map((c) => c.head);
  const parts = [table(['design', ...heads], verdictRows(designs, (d) => `**${d.design}**`), align)];
  if (variants.length > 0) {
    parts.push('Variants (one reading of a question the proposal leaves open):',
      table(['variant', ...heads], verdictRows(variants, (d) => `**${d.design}** (${variantNote(d, j)})`), align));
  }
  parts.push(`Cells per design: each of the ${j.designs.length} designs ran each of the ${j.scenarios.length} scenarios on a fresh simulated kernel, and ` +
    'each verdict is what the design\'s code did there (modelling choices: docs/decisions.md). **Bold** is harm. ' +
    '*caught*: misuse cells (n/a left out) that ended ok, rejected, warn or false-reject; *blocked*: hot-unplug requests that had to wait for user space. ' +
    'The [full summary](#summary-in-full) has every outcome and the driver obligations; the [matrix](#matrix) has every cell.');
  return parts.join('\n\n');
}

function countTable(rows: readonly DesignSummaryT[], shown: readonly OutcomeT[], max: number): string {
  return table(['outcome', ...rows.map((d) => d.design)],
    shown.map((o) => [outcomeMark(o), ...rows.map((d) => barCell(d.counts[o], max))]), ['l', ...rows.map(() => 'l' as const)]);
}

/** Cells per outcome for each design: one bar per cell of the table, all on one scale from zero. */
export function outcomeCountsMd(j: ComparisonJsonT): string {
  const shown = OUTCOMES.filter((o) => j.designs.some((d) => d.counts[o] > 0));
  const max = Math.max(1, ...j.designs.flatMap((d) => shown.map((o) => d.counts[o])));
  const { designs, variants } = splitVariants(j);
  const parts = [`Cells per outcome (of ${j.scenarios.length} per design); every bar is on one scale from zero, ` +
    `a full bar is ${max} cells, and a zero is written 0. Outcomes no design reached are left out.`, countTable(designs, shown, max)];
  if (variants.length > 0) parts.push('Variants:', countTable(variants, shown, max));
  return parts.join('\n\n');
}

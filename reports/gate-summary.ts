// The gate's markdown summary for GitHub Actions ($GITHUB_STEP_SUMMARY).
import { gateFails, type CellChange, type GateResult } from './gate.ts';
import { table } from './markdown.ts';

function rows(cs: readonly CellChange[]): string[][] {
  return cs.map((c) => [c.scenario, c.design, `${c.before} → ${c.after}`, c.evidence, `\`${c.reproduce}\``]);
}

export function gateSummaryMd(r: GateResult): string {
  const head = ['scenario', 'design', 'change', 'evidence', 'reproduce'];
  const parts = [
    `### arena gate: ${gateFails(r) ? '❌ fail' : '✅ pass'}`,
    `${r.cellsCompared} cells compared: ${r.regressions.length} worse, ${r.improvements.length} better, ` +
      `${r.changed.length} changed at equal severity, ${r.added.length} new, ${r.missing.length} missing, ` +
      `${r.counterIncreases.length} counter increases.`,
  ];
  if (r.regressions.length > 0) parts.push('#### Regressions', table(head, rows(r.regressions)));
  if (r.counterIncreases.length > 0) {
    parts.push('#### Counter increases', table(['design', 'counter', 'before', 'after'],
      r.counterIncreases.map((c) => [c.design, c.counter, String(c.before), String(c.after)])));
  }
  if (r.extra.length > 0) parts.push('#### Other regressions', table(['what', 'before', 'after'], r.extra.map((e) => [e.what, e.before, e.after])));
  if (r.improvements.length > 0) parts.push('#### Improvements', table(head, rows(r.improvements)));
  return `${parts.join('\n\n')}\n`;
}

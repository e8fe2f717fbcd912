// The gate's markdown summary for GitHub Actions ($GITHUB_STEP_SUMMARY): everything the
// text output says (formatGate), as tables, with a reproduce command wherever there is one.
import { gateFails, type CellChange, type GateResult } from './gate.ts';
import { table } from './markdown.ts';

function rows(cs: readonly CellChange[]): string[][] {
  return cs.map((c) => [c.scenario, c.design, `${c.before} → ${c.after}`, c.evidence, `\`${c.reproduce}\``]);
}

const reproduce = (scenario: string, design: string): string => `\`npx arena run ${scenario} --design ${design}\``;

export function gateSummaryMd(r: GateResult): string {
  const head = ['scenario', 'design', 'change', 'evidence', 'reproduce'];
  const strict = r.strict ? ' (fails with --strict)' : '';
  const parts = [
    `### arena gate: ${gateFails(r) ? '❌ fail' : '✅ pass'}`,
    `${r.cellsCompared} cells compared: ${r.regressions.length} worse, ${r.improvements.length} better, ` +
      `${r.changed.length} changed at equal severity, ${r.added.length} new, ${r.missing.length} missing, ` +
      `${r.counterIncreases.length} counter increases, ${r.extra.length} driver-mistake regressions${r.strict ? '; --strict' : ''}.`,
  ];
  if (r.regressions.length > 0) parts.push('#### Regressions', table(head, rows(r.regressions)));
  if (r.counterIncreases.length > 0) {
    parts.push('#### Counter increases', table(['design', 'counter', 'before', 'after', 'reproduce'],
      r.counterIncreases.map((c) => [c.design, c.counter, String(c.before), String(c.after), `\`npx arena bench --quick --suite cpu --design ${c.design} --out /tmp/bench\` (counters in bench.md)`])));
  }
  if (r.extra.length > 0) {
    parts.push('#### Driver-mistake regressions', table(['what', 'before', 'after', 'reproduce'],
      r.extra.map((e) => [e.what, e.before, e.after, e.reproduce ? `\`${e.reproduce}\`` : '-'])));
  }
  if (r.changed.length > 0) parts.push(`#### Changed at equal severity or to/from n/a${strict}`, table(head, rows(r.changed)));
  if (r.added.length > 0) {
    parts.push(`#### Not in the baseline${strict}`, table(['scenario', 'design', 'outcome', 'reproduce'],
      r.added.map((a) => [a.scenario, a.design, a.outcome, reproduce(a.scenario, a.design)])));
  }
  if (r.extraAdded.length > 0) parts.push(`#### Driver-mistake rows not in the baseline${strict}`, r.extraAdded.map((a) => `- ${a}`).join('\n'));
  if (r.missing.length > 0) {
    parts.push(`#### In the baseline but not run${strict}`, table(['scenario', 'design', 'was'], r.missing.map((a) => [a.scenario, a.design, a.outcome])));
  }
  if (r.improvements.length > 0) parts.push('#### Improvements', table(head, rows(r.improvements)));
  if (r.counterDecreases.length > 0) {
    parts.push('#### Counters down (run `npx arena gate --update` to lock them in)', table(['design', 'counter', 'before', 'after'],
      r.counterDecreases.map((c) => [c.design, c.counter, String(c.before), String(c.after)])));
  }
  return `${parts.join('\n\n')}\n`;
}

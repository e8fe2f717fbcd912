// JUnit XML for the gate (one testcase per cell, classname = scenario, name = design):
// a regressed cell is a <failure>, an n/a cell is <skipped>, every other cell passes
// with its outcome in <system-out>. CI systems read this to show per-cell history.
import type { CellResult } from '../scenarios/index.ts';
import type { GateResult } from './gate.ts';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // XML 1.0 forbids most control characters even escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
}

export function gateJunit(cells: readonly CellResult[], r: GateResult): string {
  const regressed = new Map(r.regressions.map((c) => [`${c.scenario}\0${c.design}`, c]));
  const cases = cells.map((c) => {
    const head = `    <testcase classname="${xmlEscape(c.scenario)}" name="${xmlEscape(c.design)}">`;
    const reg = regressed.get(`${c.scenario}\0${c.design}`);
    const body = reg
      ? `      <failure message="${xmlEscape(`${reg.before} -> ${reg.after}`)}" type="regression">${xmlEscape(`${reg.evidence}\nreproduce: ${reg.reproduce}`)}</failure>`
      : c.outcome === 'n/a'
        ? `      <skipped message="${xmlEscape(c.evidence.summary)}"/>`
        : `      <system-out>${xmlEscape(`${c.outcome}: ${c.evidence.summary}`)}</system-out>`;
    return `${head}\n${body}\n    </testcase>`;
  });
  const failures = r.regressions.length;
  const skipped = cells.filter((c) => c.outcome === 'n/a').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="arena gate" tests="${cells.length}" failures="${failures}">`,
    `  <testsuite name="misuse gate" tests="${cells.length}" failures="${failures}" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

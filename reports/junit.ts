// JUnit XML for the gate, in the shape of the Jenkins JUnit schema (xunit-plugin
// junit-10.xsd: <testsuite> needs name, tests, failures and errors; <testsuites> takes
// no `skipped`). Every reason the gate fails is a failing testcase, so a red job always
// shows a failing test:
//   suite "cells"             one testcase per cell (classname = scenario, name = design):
//                             a worse cell is a <failure>; with --strict so is a cell new
//                             to the baseline, missing from the run, or changed at equal
//                             severity; n/a (and, without --strict, missing) is <skipped>
//   suite "lookup-path counters"  one failing testcase per counter that grew
//   suite "driver mistakes"   one failing testcase per mistake class that got worse; rows
//                             of a design new to the baseline fail only with --strict
import type { CellResult } from '../scenarios/index.ts';
import { gateFails, type CellChange, type GateResult } from './gate.ts';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // XML 1.0 forbids most control characters even escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
}

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly type: string; readonly message: string; readonly text: string };
  readonly skipped?: string;
  readonly out?: string;
}

function caseXml(c: Case): string {
  const head = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}">`;
  const body = c.failure ? `      <failure message="${xmlEscape(c.failure.message)}" type="${xmlEscape(c.failure.type)}">${xmlEscape(c.failure.text)}</failure>`
    : c.skipped !== undefined ? `      <skipped message="${xmlEscape(c.skipped)}"/>`
      : `      <system-out>${xmlEscape(c.out ?? '')}</system-out>`;
  return `${head}\n${body}\n    </testcase>`;
}

function suiteXml(name: string, cases: readonly Case[]): string[] {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined && !c.failure).length;
  return [
    `  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases.map(caseXml),
    '  </testsuite>',
  ];
}

const key = (scenario: string, design: string): string => `${scenario}\0${design}`;
const changeText = (c: CellChange): string => `${c.evidence}\nreproduce: ${c.reproduce}`;

function cellCases(cells: readonly CellResult[], r: GateResult): Case[] {
  const regressed = new Map(r.regressions.map((c) => [key(c.scenario, c.design), c]));
  const changed = new Map(r.changed.map((c) => [key(c.scenario, c.design), c]));
  const added = new Set(r.added.map((a) => key(a.scenario, a.design)));
  const cases: Case[] = [];
  for (const c of cells) {
    const k = key(c.scenario, c.design);
    const base = { classname: c.scenario, name: c.design };
    const reg = regressed.get(k);
    const same = changed.get(k);
    if (reg) cases.push({ ...base, failure: { type: 'regression', message: `${reg.before} -> ${reg.after}`, text: changeText(reg) } });
    else if (r.strict && same) cases.push({ ...base, failure: { type: 'strict-changed', message: `${same.before} -> ${same.after} (--strict)`, text: changeText(same) } });
    else if (r.strict && added.has(k)) {
      cases.push({ ...base, failure: { type: 'strict-new', message: `${c.outcome}: not in the baseline (--strict)`, text: c.evidence.summary } });
    } else if (c.outcome === 'n/a') cases.push({ ...base, skipped: c.evidence.summary });
    else cases.push({ ...base, out: `${c.outcome}: ${c.evidence.summary}` });
  }
  for (const m of r.missing) {
    const base = { classname: m.scenario, name: m.design };
    const why = `in the baseline (was ${m.outcome}) but not run`;
    cases.push(r.strict ? { ...base, failure: { type: 'strict-missing', message: `${why} (--strict)`, text: why } } : { ...base, skipped: why });
  }
  return cases;
}

export function gateJunit(cells: readonly CellResult[], r: GateResult): string {
  const suites: Array<readonly [string, Case[]]> = [['cells', cellCases(cells, r)]];
  const counters: Case[] = [
    ...r.counterIncreases.map((c) => ({
      classname: `counters.${c.design}`, name: c.counter,
      failure: { type: 'counter-increase', message: `${c.design} ${c.counter}: ${c.before} -> ${c.after}`, text: `the lookup path of ${c.design} does more work (${c.counter} ${c.before} -> ${c.after}); bench/counters.ts` },
    })),
    ...r.counterDecreases.map((c) => ({ classname: `counters.${c.design}`, name: c.counter, out: `${c.before} -> ${c.after} (less work; run --update to lock it in)` })),
  ];
  if (counters.length > 0) suites.push(['lookup-path counters', counters]);
  const mistakes: Case[] = [
    ...r.extra.map((e) => ({
      classname: 'mistakes', name: e.what,
      failure: { type: 'mistake-regression', message: `${e.what}: ${e.before} -> ${e.after}`, text: e.reproduce ? `reproduce: ${e.reproduce}` : `${e.before} -> ${e.after}` },
    })),
    // Rows of a design the baseline does not hold: new, failing only with --strict.
    ...r.extraAdded.map((a) => (r.strict
      ? { classname: 'mistakes', name: a, failure: { type: 'strict-new', message: `${a}: not in the baseline (--strict)`, text: a } }
      : { classname: 'mistakes', name: a, out: 'not in the baseline' })),
  ];
  if (mistakes.length > 0) suites.push(['driver mistakes', mistakes]);
  const all = suites.flatMap(([, cs]) => cs);
  const failures = all.filter((c) => c.failure).length;
  // The file and the exit code agree: a failing gate has at least one failing testcase.
  if (gateFails(r) !== (failures > 0)) throw new Error(`junit: gate ${gateFails(r) ? 'fails' : 'passes'} but ${failures} failing testcases`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="arena gate" tests="${all.length}" failures="${failures}" errors="0">`,
    ...suites.flatMap(([name, cs]) => suiteXml(name, cs)),
    '</testsuites>',
    '',
  ].join('\n');
}

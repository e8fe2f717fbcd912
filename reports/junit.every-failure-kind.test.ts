// The gate's JUnit file: every reason the gate fails (a worse cell, a counter that grew,
// a driver-mistake class that got worse, --strict with a new, missing or changed cell) is
// a failing testcase, the counts are right, and the file has the shape of the Jenkins
// JUnit schema (junit-10.xsd), checked by parsing it (junit-check.ts).
import { describe, expect, it } from 'vitest';
import { loadScenarioById, runCell, type CellResult, type OutcomeT } from '../scenarios/index.ts';
import { makeBaseline } from './baseline.ts';
import { compareWithBaseline, gateFails, type GateInputs } from './gate.ts';
import { junitFailures, junitProblems, parseXml } from './junit-check.ts';
import { gateJunit } from './junit.ts';

const real = runCell(loadScenarioById('bar-map-dma'), 'status-quo', { seed: 1 });
const cell = (scenario: string, design: string, outcome: OutcomeT): CellResult => ({ ...real, scenario, design, outcome });

const base = makeBaseline({
  seed: 1,
  cells: [cell('a', 'x', 'rejected'), cell('b', 'x', 'ok'), cell('c', 'x', 'n/a'), cell('gone', 'x', 'ok')],
  counters: { x: { vmaLookups: 2, ptWalks: 1 } },
});
const same = [cell('a', 'x', 'rejected'), cell('b', 'x', 'ok'), cell('c', 'x', 'n/a'), cell('gone', 'x', 'ok')];

function junitOf(inp: GateInputs): { failures: string[]; attrs: Readonly<Record<string, string>>; fails: boolean } {
  const r = compareWithBaseline(base, inp);
  const root = parseXml(gateJunit(inp.cells, r));
  expect(junitProblems(root)).toEqual([]);
  return { failures: junitFailures(root), attrs: root.attrs, fails: gateFails(r) };
}

describe('gate JUnit', () => {
  it('a passing gate: no failure, every required attribute, n/a skipped', () => {
    const j = junitOf({ cells: same, counters: { x: { vmaLookups: 2, ptWalks: 1 } } });
    expect(j).toMatchObject({ failures: [], fails: false, attrs: { failures: '0', errors: '0', tests: '4' } });
  });

  it('a worse cell is a failure naming the cell', () => {
    const j = junitOf({ cells: [cell('a', 'x', 'stale-dma'), ...same.slice(1)] });
    expect(j.failures).toEqual(['a/x: rejected -> stale-dma']);
    expect(j.attrs.failures).toBe('1');
  });

  it('a counter increase is one failure naming that counter', () => {
    const j = junitOf({ cells: same, counters: { x: { vmaLookups: 3, ptWalks: 1 } } });
    expect(j.fails).toBe(true);
    expect(j.failures).toEqual(['counters.x/vmaLookups: x vmaLookups: 2 -> 3']);
  });

  it('a driver-mistake regression is a failure with its reproduce command', () => {
    const extra = [{ what: 'mistake x/vfio-pci/add-bar-start/omit', before: 'caught-normal', after: 'silent', reproduce: 'npx arena mistakes --design x' }];
    const j = junitOf({ cells: same, extra });
    expect(j.failures).toEqual(['mistakes/mistake x/vfio-pci/add-bar-start/omit: mistake x/vfio-pci/add-bar-start/omit: caught-normal -> silent']);
  });

  it('--strict: a missing cell, a new cell and a same-severity change are failures; without it they pass', () => {
    const cells = [cell('a', 'x', 'ok'), cell('b', 'x', 'ok'), cell('c', 'x', 'n/a'), cell('new', 'x', 'ok')];
    const strict = junitOf({ cells, strict: true });
    expect(strict.failures.sort()).toEqual([
      'a/x: rejected -> ok (--strict)', 'gone/x: in the baseline (was ok) but not run (--strict)', 'new/x: ok: not in the baseline (--strict)',
    ]);
    expect(strict.attrs.failures).toBe('3');
    const loose = junitOf({ cells });
    expect([loose.fails, loose.failures]).toEqual([false, []]);
  });

  it('mistake rows of a design new to the baseline: a failure only with --strict', () => {
    const extraAdded = ['newdesign/vfio-pci/add-bar-start/omit'];
    expect(junitOf({ cells: same, extraAdded, strict: true }).failures).toEqual([
      'mistakes/newdesign/vfio-pci/add-bar-start/omit: newdesign/vfio-pci/add-bar-start/omit: not in the baseline (--strict)',
    ]);
    expect(junitOf({ cells: same, extraAdded }).failures).toEqual([]);
  });

  it('the checker itself rejects what the schema does not allow', () => {
    expect(junitProblems(parseXml('<testsuites skipped="1"><testsuite name="s" tests="1" failures="0"><testcase name="t"/></testsuite></testsuites>')))
      .toEqual(['testsuites: <testsuites> has no attribute skipped', 'testsuites/testsuite[0]: <testsuite> lacks required errors']);
    expect(junitProblems(parseXml('<testsuite name="s" tests="2" failures="0" errors="0"><testcase name="t"><failure/></testcase></testsuite>')))
      .toEqual(['testsuite s: tests="2" but 1 testcases', 'testsuite s: failures="0" but 1 testcases']);
    expect(() => parseXml('<a><b></a>')).toThrow('closes');
  });
});

// `arena run --format ktap` parses as KTAP version 1 the way the kernel's kunit_parser.py
// reads it (ktap-check.ts): every scenario's nested block is named by "# Subtest:", the
// numbering and plans agree, and every harm (unsafe, leak, false-reject) is "not ok".
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { loadScenarioById, runCell, runScenarios, type CellResult, type OutcomeT } from '../../scenarios/index.ts';
import { parseKtap } from './ktap-check.ts';
import { formatKtap } from './ktap.ts';
import { bufferIo } from '../io.ts';

const ctx = { seed: 1, titles: new Map<string, string>(), color: bufferIo().color };
const real = runCell(loadScenarioById('bar-map-dma'), 'status-quo', { seed: 1 });
const cell = (scenario: string, design: string, outcome: OutcomeT): CellResult => ({ ...real, scenario, design, outcome });

describe('KTAP output', () => {
  it('the real matrix of two scenarios parses, each section named by its scenario', () => {
    const cells = runScenarios({ scenarios: [loadScenarioById('bar-map-dma'), loadScenarioById('hot-unplug-reassign')], seed: 1 });
    const doc = parseKtap(formatKtap(cells, ctx));
    expect(doc.tests.map((t) => [t.name, t.header])).toEqual([['bar-map-dma', 'bar-map-dma'], ['hot-unplug-reassign', 'hot-unplug-reassign']]);
    for (const t of doc.tests) expect(t.subtests.map((s) => s.name)).toEqual(DESIGN_NAMES);
  });

  it('every harm is not ok, n/a is a skip, the rest ok; a scenario with a harm is not ok', () => {
    const outcomes: OutcomeT[] = ['ok', 'rejected', 'warn', 'n/a', 'false-reject', 'leak', 'stale-dma', 'uaf', 'oops', 'harness-error'];
    const doc = parseKtap(formatKtap(outcomes.map((o, i) => cell('all-words', `d${i}`, o)), ctx));
    const got = Object.fromEntries((doc.tests[0]?.subtests ?? []).map((s, i) => [outcomes[i], s.status]));
    expect(got).toEqual({
      'ok': 'ok', 'rejected': 'ok', 'warn': 'ok', 'n/a': 'skip',
      'false-reject': 'not ok', 'leak': 'not ok', 'stale-dma': 'not ok', 'uaf': 'not ok', 'oops': 'not ok', 'harness-error': 'not ok',
    });
    expect(doc.tests[0]?.status).toBe('not ok');
  });

  it('the reader refuses what kunit_parser would misread: a missing plan, wrong numbering, a header naming another test', () => {
    expect(() => parseKtap('KTAP version 1\nok 1 a\n')).toThrow('plan');
    expect(() => parseKtap('KTAP version 1\n1..2\nok 1 a\nok 3 b\n')).toThrow('test number 2');
    expect(() => parseKtap('KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: x\n    1..1\n    ok 1 d\nok 1 y\n')).toThrow('Subtest: x');
  });
});

// KTAP version 1 (Documentation/dev-tools/ktap.rst): one test per scenario with one
// subtest per design. Each scenario's nested block opens with its version line, then
// "# Subtest: <scenario>" (the header line the spec places between version and plan, so
// the kernel's kunit_parser.py names the section), then its plan. A subtest is "not ok"
// for every harm: an unsafe outcome, a leak (silent harm, docs/mistakes.md) or a
// false-reject (the design lost function); n/a is "# SKIP <why>". Every other subtest is
// preceded by a diagnostic line with its outcome and evidence.
import { describeRemoval, isUnsafe, withMarks, type CellResult, type OutcomeT } from '../../scenarios/index.ts';
import type { FormatContext } from './context.ts';

export function ktapFails(o: OutcomeT): boolean {
  return isUnsafe(o) || o === 'leak' || o === 'false-reject';
}

/** KTAP names and directives must not contain "#" or line breaks. */
function clean(s: string): string {
  return s.replace(/[#\n\r]/g, ' ');
}

export function formatKtap(cells: readonly CellResult[], _ctx: FormatContext): string {
  const byScenario = new Map<string, CellResult[]>();
  for (const c of cells) byScenario.set(c.scenario, [...(byScenario.get(c.scenario) ?? []), c]);
  const out = ['KTAP version 1', `1..${byScenario.size}`];
  let n = 0;
  for (const [scenario, sub] of byScenario) {
    n += 1;
    out.push('    KTAP version 1', `    # Subtest: ${clean(scenario)}`, `    1..${sub.length}`);
    sub.forEach((c, i) => {
      if (c.outcome === 'n/a') {
        out.push(`    ok ${i + 1} ${c.design} # SKIP ${clean(c.evidence.summary)}`);
        return;
      }
      out.push(`    # ${c.design}: ${withMarks(c.outcome, c.costs.blockedRemovals)}: ${clean(c.evidence.summary)}`);
      for (const r of c.evidence.removals ?? []) out.push(`    # ${c.design}: ${clean(describeRemoval(r))}`);
      out.push(`    ${ktapFails(c.outcome) ? 'not ok' : 'ok'} ${i + 1} ${c.design}`);
    });
    const failed = sub.some((c) => ktapFails(c.outcome));
    const allSkipped = sub.every((c) => c.outcome === 'n/a');
    out.push(`${failed ? 'not ok' : 'ok'} ${n} ${scenario}${allSkipped ? ' # SKIP no design can express it' : ''}`);
  }
  return `${out.join('\n')}\n`;
}

// reports/bench.md: the run's machine, the targets, the lookup-path counters, then one
// table per suite and a bar table per scaling run. Plain text, stable order, no dates.
import { counterDelta, formatDelta } from './counters.ts';
import type { SuiteResult } from './harness.ts';
import { describeMachine } from './machine.ts';
import type { BenchReport } from './run.ts';
import { barCell } from '../reports/bars.ts';
import { BASELINE_DESIGN } from './suites/index.ts';
import { renderMarkdown, suiteTable } from './table.ts';
import { counterLegend, formatCounters, sig3, unitFor } from './units.ts';

function targetsTable(r: BenchReport): string {
  const rows = r.targets.map((t) => [t.title, t.figure, t.goal, t.status, t.status === 'reported' ? '' : t.detail ?? '']);
  return renderMarkdown({ header: ['target', 'measured', 'goal', 'met or missed', 'detail (a missed one names its cause)'], rows });
}

function lookupPathSection(r: BenchReport): string {
  const base = r.lookupPath.counters[BASELINE_DESIGN];
  const rows = Object.entries(r.lookupPath.counters).map(([d, c]) => [
    d, formatCounters(c), base && d !== BASELINE_DESIGN ? formatDelta(counterDelta(base, c)) : '-',
  ]);
  return [
    '## Lookup-path counters (exact; the gate holds these)',
    `Workload on a fresh machine per design (\`lookupPathCounters\` in bench/counters.ts): ${r.lookupPath.workload.join('; ')}.`,
    renderMarkdown({ header: ['design', 'counters', `delta against ${BASELINE_DESIGN}`], rows }),
  ].join('\n\n');
}

/**
 * A scaling suite as a bar table (mermaid's xychart has no legend, no value labels and
 * does not show a zero): one row per x, one column per series (the legend), every bar
 * on one scale from zero, the value written beside it; a missing median says so.
 */
export function scalingChart(s: SuiteResult): string | null {
  if (!s.chart) return null;
  const rows = s.rows.filter((r) => r.x !== undefined);
  const xs = [...new Set(rows.map((r) => r.x!))];
  const series = [...new Set(rows.map((r) => r.series ?? ''))];
  const ok = rows.filter((r) => r.medianMs !== undefined);
  if (ok.length === 0) return null;
  const maxMs = Math.max(...ok.map((r) => r.medianMs!));
  const unit = unitFor(maxMs);
  const body = xs.map((x) => [s.chart!.labels[String(x)] ?? String(x), ...series.map((d) => {
    const y = rows.find((r) => r.x === x && (r.series ?? '') === d)?.medianMs;
    return y === undefined ? 'no result' : barCell(y, maxMs, `${sig3(y / unit.ms)} ${unit.name}`);
  })]);
  const head = [s.chart.xTitle, ...series.map((d) => (d === '' ? 'median' : d))];
  return [
    `${s.title}: median ${unit.name} per call; bars from zero on one scale, a full bar is ${sig3(maxMs / unit.ms)} ${unit.name}.`,
    renderMarkdown({ header: head, rows: body }),
  ].join('\n\n');
}

function suiteSection(s: SuiteResult): string {
  const parts = [`## ${s.title} (\`${s.id}\`)`, `${s.note}.`, renderMarkdown(suiteTable(s))];
  const chart = scalingChart(s);
  if (chart) parts.push(chart);
  return parts.join('\n\n');
}

export function benchMarkdown(r: BenchReport): string {
  const head = [
    '# Benchmarks',
    targetsTable(r),
    `Written by \`arena bench${r.mode === 'quick' ? ' --quick' : ''}\` (${r.mode} mode: ${r.rounds} interleaved rounds per suite). ` +
      'Timings are advisory and vary between runs and machines; nothing fails on them. They time the simulation ' +
      '(JavaScript), not a kernel: the exact counters are the design-level comparison, the same on every machine.',
    `Machine: ${describeMachine(r.machine)}.`,
    `Columns: median time per call; ± the 95% margin of the median relative to it (boxplot notch, 1.57·IQR/√n); samples pooled over the rounds; ` +
      `the ratio of medians against the base row of the same run, marked ≈ when the two lie within each other's margin ` +
      `(then they are not called different); counters of one call (${counterLegend()}).`,
  ].join('\n\n');
  return `${[head, lookupPathSection(r), ...r.suites.map(suiteSection)].join('\n\n')}\n`;
}

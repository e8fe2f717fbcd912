// A suite's result as rows of cells, rendered as padded text (terminal) or markdown.
import type { RowResult, SuiteResult } from './harness.ts';
import { withinMargin } from './targets.ts';
import { formatCounters, formatRatio, formatTime, sig3, unitFor } from './units.ts';

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function ratioCell(r: RowResult, rows: readonly RowResult[]): string {
  if (r.ratio === undefined) return '-';
  const base = rows.find((x) => x.id === r.ratioTo);
  return base && base !== r && withinMargin(r, base) ? `${formatRatio(r.ratio)} ≈` : formatRatio(r.ratio);
}

export function suiteTable(s: SuiteResult): Table {
  const scaled = s.rows.some((r) => r.x !== undefined);
  const ok = s.rows.filter((r) => r.medianMs !== undefined);
  const unit = unitFor(Math.min(...ok.map((r) => r.medianMs!)));
  const header = [
    ...(scaled ? [s.chart?.xTitle ?? 'x'] : []), s.labelTitle,
    'median', '±', 'samples', `× ${s.ratioTitle}`, ...(s.rate ? [`${s.rate.unit}/s`] : []), 'counters per run',
  ];
  const rows = s.rows.map((r) => {
    const lead = [...(scaled ? [s.chart?.labels[String(r.x)] ?? String(r.x)] : []), r.label];
    if (r.medianMs === undefined) return [...lead, `errored: ${r.error ?? 'no result'}`, '', '', '', ...(s.rate ? [''] : []), ''];
    return [
      ...lead, formatTime(r.medianMs, unit), `±${r.rme!.toFixed(1)}%`, String(r.samples), ratioCell(r, s.rows),
      ...(s.rate ? [sig3((s.rate.perOp * 1000) / r.medianMs)] : []), r.counters ? formatCounters(r.counters) : '-',
    ];
  });
  return { header, rows };
}

export function renderText(t: Table): string {
  const widths = t.header.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(t.header), ...t.rows.map(line)].join('\n');
}

export function renderMarkdown(t: Table): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(t.header), line(t.header.map(() => '---')), ...t.rows.map(line)].join('\n');
}

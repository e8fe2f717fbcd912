// Terminal output of `arena bench`: a table per suite as it finishes, then the target lines.
import type { ChalkInstance } from 'chalk';
import type { SuiteResult } from './harness.ts';
import { renderText, suiteTable } from './table.ts';
import { targetLine, type Target } from './targets.ts';

export function suiteText(s: SuiteResult, color: ChalkInstance): string {
  return `${color.bold(`${s.id}: ${s.title}`)}\n${color.dim(`  ${s.note}`)}\n${renderText(suiteTable(s))}\n\n`;
}

export function targetsText(targets: readonly Target[], color: ChalkInstance): string {
  const paint = (t: Target): ((s: string) => string) =>
    t.status === 'met' ? color.green : t.status === 'missed' ? color.yellow : (s: string) => s;
  return `${targets.map((t) => paint(t)(targetLine(t))).join('\n')}\n`;
}
